"""Demo data: a small catalogue with valid Korean barcodes and generated sales (screenshots, bench, tests).

Only ever written to a database the caller made for the purpose; never to the shop's real one.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlite_utils

from shopguard.sales.cart import Cart
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.money import vat_of
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.records import Product
from shopguard.sales.transaction import iso_utc, write_transaction

CHIPS = Product("8801043014809", "새우깡", 1500, "과자", 20)
RAMEN = Product("8801234567893", "신라면 컵", 1300, "라면", 12)
SOJU = Product("8801048101016", "참이슬 후레쉬 360ml", 1950, "주류", 6, age_restricted=True)
MILK = Product("8809876543213", "서울우유 200ml", 1100, "유제품", 8)
GUM = Product("96385074", "자일리톨 껌", 700, "과자", 30)
ICE = Product("SG-ICE-001", "아이스크림 (매장 코드)", 2000, "아이스크림", 15)
DEMO_PRODUCTS = (CHIPS, RAMEN, SOJU, MILK, GUM, ICE)
METHOD_WEIGHTS = {
    PaymentMethod.CARD: 60,
    PaymentMethod.KAKAOPAY: 12,
    PaymentMethod.NAVERPAY: 8,
    PaymentMethod.TOSS: 8,
    PaymentMethod.CASH: 10,
    PaymentMethod.OTHER: 2,
}


def add_demo_catalogue(db: sqlite_utils.Database) -> list[Product]:
    return Catalogue(db).save_many(list(DEMO_PRODUCTS))


def demo_cart(catalogue: Catalogue) -> Cart:
    """A cart with a few lines, as the checkout screenshot shows it."""
    cart = Cart()
    for product, quantity in ((CHIPS, 2), (MILK, 1), (RAMEN, 3), (GUM, 1)):
        stored = catalogue.get(product.barcode)
        assert stored is not None
        cart.add(stored, quantity)
    return cart


def generate_sales(
    db: sqlite_utils.Database,
    first: date,
    days: int,
    lines_per_day: int,
    timezone: str = "Asia/Seoul",
    seed: int = 1,
) -> int:
    """Fill `days` days with sales of ~`lines_per_day` lines between 07:00 and 24:00 local time, fast
    (one transaction per day, stock untouched). Returns the number of lines written."""
    rng = random.Random(seed)
    zone = ZoneInfo(timezone)
    products = Catalogue(db).all()
    methods, weights = list(METHOD_WEIGHTS), list(METHOD_WEIGHTS.values())
    written = 0
    for offset in range(days):
        day = first + timedelta(days=offset)
        opening = datetime.combine(day, time(7), zone)
        with write_transaction(db):
            day_lines = 0
            while day_lines < lines_per_day:
                moment = opening + timedelta(seconds=rng.uniform(0, 17 * 3600))
                picked = rng.sample(products, rng.randint(1, min(5, len(products))))
                rows = [(p, rng.choice((1, 1, 1, 2, 3))) for p in picked]
                total = sum(p.price_won * q for p, q in rows)
                sale_id = db.execute(
                    "INSERT INTO sales (ts_utc, total_won, vat_won, line_count, payment_method, channel, "
                    "actor) VALUES (?, ?, ?, ?, ?, 'kiosk', 'demo')",
                    [
                        iso_utc(moment.astimezone(UTC)),
                        total,
                        vat_of(total),
                        len(rows),
                        str(rng.choices(methods, weights)[0]),
                    ],
                ).lastrowid
                db.conn.executemany(
                    "INSERT INTO sale_lines (sale_id, line_no, product_id, barcode, name, category, "
                    "unit_price_won, quantity, amount_won, age_restricted) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            sale_id,
                            n,
                            p.id,
                            p.barcode,
                            p.name,
                            p.category,
                            p.price_won,
                            q,
                            p.price_won * q,
                            int(p.age_restricted),
                        )
                        for n, (p, q) in enumerate(rows, start=1)
                    ],
                )
                day_lines += len(rows)
            written += day_lines
    return written
