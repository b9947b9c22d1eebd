"""Durability: a process selling as fast as it can is killed with SIGKILL at random points; every sale
whose commit returned is there, complete, and no half sale (or half stock change) exists.

SIGKILL tests the process dying mid-transaction; power loss additionally relies on synchronous=FULL,
which the sales writer checks on every transaction."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from shopguard.sales.catalogue import Catalogue
from shopguard.sales.demo import add_demo_catalogue
from shopguard.storage.database import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

CHILD = r"""
import json, random, sys
from pathlib import Path
from shopguard.storage.database import open_database
from shopguard.sales.cart import Cart
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.store import record_sale
db = open_database(Path(sys.argv[1]))
rng = random.Random(int(sys.argv[2]))
products = Catalogue(db).all()
print("ready", flush=True)
while True:
    cart = Cart()
    for product in rng.sample(products, rng.randint(1, 4)):
        cart.add(product, rng.randint(1, 3))
    sale = record_sale(db, cart, rng.choice(list(PaymentMethod)), "durability")
    lines = {line.barcode: line.quantity for line in sale.lines}
    print(json.dumps([sale.id, sale.total_won, lines]), flush=True)
"""

ROUNDS = 12


def check_database(path: Path, initial_stock: dict[str, int], confirmed: dict[int, tuple[int, dict]]) -> int:
    db = open_database(path)  # runs PRAGMA quick_check
    try:
        for sale_id, (total, lines) in confirmed.items():
            row = db.execute("SELECT total_won, line_count FROM sales WHERE id = ?", [sale_id]).fetchone()
            assert row is not None, f"sale {sale_id} was confirmed but is missing"
            assert row[0] == total
            stored = dict(
                db.execute("SELECT barcode, quantity FROM sale_lines WHERE sale_id = ?", [sale_id]).fetchall()
            )
            assert stored == lines, f"sale {sale_id} lines differ"
        half = db.execute(
            "SELECT s.id FROM sales s LEFT JOIN sale_lines l ON l.sale_id = s.id GROUP BY s.id "
            "HAVING COUNT(l.id) != s.line_count OR COALESCE(SUM(l.amount_won), -1) != s.total_won"
        ).fetchall()
        assert half == [], f"half-written sales: {half}"
        orphans = db.execute(
            "SELECT COUNT(*) FROM sale_lines WHERE sale_id NOT IN (SELECT id FROM sales)"
        ).fetchone()[0]
        assert orphans == 0
        sold = dict(db.execute("SELECT barcode, SUM(quantity) FROM sale_lines GROUP BY barcode").fetchall())
        for product in Catalogue(db).all():
            expected = initial_stock[product.barcode] - sold.get(product.barcode, 0)
            assert product.stock == expected, f"stock of {product.name} moved without its sale"
        return db.execute("SELECT COUNT(*) FROM sales").fetchone()[0]
    finally:
        db.conn.close()


def test_sigkill_at_random_points_loses_no_confirmed_sale(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    add_demo_catalogue(db)
    initial = {p.barcode: p.stock for p in Catalogue(db).all()}
    db.conn.close()
    rng = random.Random(2024)
    confirmed: dict[int, tuple[int, dict]] = {}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for round_no in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(round_no)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
        for _ in range(rng.randint(1, 60)):
            sale_id, total, lines = json.loads(child.stdout.readline())
            confirmed[sale_id] = (total, lines)
        # A random amount of extra work before the kill lands somewhere inside the next sale.
        spin = sum(range(rng.randint(0, 200_000)))
        assert spin >= 0
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        for line in rest.splitlines():  # printed after commit, before the kill: confirmed too
            sale_id, total, lines = json.loads(line)
            confirmed[sale_id] = (total, lines)
        stored = check_database(path, initial, confirmed)
        assert len(confirmed) <= stored <= len(confirmed) + round_no + 1
    assert len(confirmed) >= ROUNDS
