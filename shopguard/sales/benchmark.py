"""`shopguard bench` figures for sales: ms per durable sale commit, and how fast a year of sales
(≈100 000 lines, generated into a temporary database) gives its reports."""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from shopguard.sales.catalogue import Catalogue
from shopguard.sales.demo import add_demo_catalogue, demo_cart, generate_sales
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.report import build_zreport, day_bounds, period_summary, write_zreport_csv
from shopguard.sales.store import list_sales, record_sale
from shopguard.stats import summarise_ms
from shopguard.storage.database import open_database

COMMITS = 200
YEAR_DAYS = 365
LINES_PER_DAY = 275  # ≈ 100 000 lines a year
TIMEZONE = "Asia/Seoul"


def _timed(call) -> tuple[object, float]:  # noqa: ANN001
    start = time.perf_counter()
    result = call()
    return result, round((time.perf_counter() - start) * 1000, 2)


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite3")
        try:
            add_demo_catalogue(db)
            catalogue = Catalogue(db)
            commit_ms = []
            for _ in range(COMMITS):
                cart = demo_cart(catalogue)
                start = time.perf_counter()
                record_sale(db, cart, PaymentMethod.CARD, "bench")
                commit_ms.append((time.perf_counter() - start) * 1000)
            first = date(2025, 1, 1)
            lines, generate_ms = _timed(lambda: generate_sales(db, first, YEAR_DAYS, LINES_PER_DAY))
            last = first + timedelta(days=YEAR_DAYS - 1)
            busiest = date(2025, 7, 1)
            _, zreport_ms = _timed(lambda: build_zreport(db, busiest, TIMEZONE))
            days, year_ms = _timed(lambda: period_summary(db, first, last, TIMEZONE))
            _, csv_ms = _timed(
                lambda: write_zreport_csv(build_zreport(db, busiest, TIMEZONE), Path(tmp) / "z.csv")
            )
            start, end = day_bounds(busiest, TIMEZONE)
            _, day_list_ms = _timed(lambda: list_sales(db, start, end))
            sales = db.execute("SELECT COUNT(*) FROM sales").fetchone()[0]
        finally:
            db.conn.close()
    return {
        "sale_commit": {**summarise_ms(commit_ms), "lines_per_sale": 4, "synchronous": "FULL"},
        "year": {
            "sale_lines": lines,
            "sales": sales,
            "days": len(days),  # type: ignore[arg-type]
            "generate_ms": generate_ms,
            "zreport_one_day_ms": zreport_ms,
            "zreport_csv_ms": csv_ms,
            "day_sales_list_ms": day_list_ms,
            "year_by_day_summary_ms": year_ms,
        },
    }
