"""`shopguard bench` figures for security: PIN hashing cost, ledger append, verify and export speed."""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from shopguard.security.audit_csv import export_audit_csv
from shopguard.security.passwords import DEFAULT_COST, hash_secret, verify_secret
from shopguard.stats import summarise_ms
from shopguard.storage.audit import record_audit, verify_chain
from shopguard.storage.database import open_database

HASH_RUNS = 3
LEDGER_ROWS = 2000


def run() -> dict:
    hashes, checks = [], []
    encoded = ""
    for _ in range(HASH_RUNS):
        t0 = time.perf_counter()
        encoded = hash_secret("482916")
        hashes.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        verify_secret("482916", encoded)
        checks.append((time.perf_counter() - t0) * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite3")
        try:
            now = datetime.now(UTC)
            t0 = time.perf_counter()
            for i in range(LEDGER_ROWS):
                record_audit(db, "사장님", "clip.play", f"cam{i % 4}", {"i": i}, now=now)
            append_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            report = verify_chain(db)
            verify_ms = (time.perf_counter() - t0) * 1000
            t0 = time.perf_counter()
            export_audit_csv(db, Path(tmp) / "ledger.csv", "Asia/Seoul")
            export_ms = (time.perf_counter() - t0) * 1000
        finally:
            db.conn.close()
    return {
        "scrypt": {"n": DEFAULT_COST.n, "r": DEFAULT_COST.r, "p": DEFAULT_COST.p},
        "pin_hash": summarise_ms(hashes),
        "pin_check": summarise_ms(checks),
        "ledger_rows": LEDGER_ROWS,
        "ledger_append_rows_per_s": round(LEDGER_ROWS / append_s, 1),
        "ledger_verify_ms_per_1000_rows": round(verify_ms * 1000 / LEDGER_ROWS, 2),
        "ledger_verify_ok": report.ok,
        "ledger_csv_export_ms_per_1000_rows": round(export_ms * 1000 / LEDGER_ROWS, 2),
    }
