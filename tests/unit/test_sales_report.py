"""Daily close (Z report): totals by payment method, VAT, refunds on their own day, CSV for Excel."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta

import pytest

from shopguard.sales.cart import Cart
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.demo import CHIPS, MILK, SOJU, add_demo_catalogue, generate_sales
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.records import ReversalKind
from shopguard.sales.report import (
    CloseError,
    build_zreport,
    close_day,
    period_summary,
    write_zreport_csv,
)
from shopguard.sales.store import record_sale, reverse_sale
from shopguard.storage.audit import list_audit

SEOUL = "Asia/Seoul"
DAY = date(2025, 3, 14)


def kst(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """A Seoul wall-clock time as UTC (Seoul is UTC+9 all year)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=9)


def sell(db, items, method, when):
    catalogue = Catalogue(db)
    cart = Cart()
    for product, quantity in items:
        cart.add(catalogue.get(product.barcode), quantity)
    return record_sale(db, cart, method, "owner", now=when)


@pytest.fixture
def day_of_sales(db):
    add_demo_catalogue(db)
    sales = [
        sell(db, [(CHIPS, 2)], PaymentMethod.CARD, kst(0, 0)),  # first instant of the day
        sell(db, [(MILK, 1), (SOJU, 1)], PaymentMethod.CARD, kst(9, 30)),
        sell(db, [(MILK, 3)], PaymentMethod.CASH, kst(13, 5)),
        sell(db, [(CHIPS, 1)], PaymentMethod.KAKAOPAY, kst(23, 59)),
        sell(db, [(CHIPS, 5)], PaymentMethod.CARD, kst(9, 0, DAY - timedelta(days=1))),  # day before
        sell(db, [(CHIPS, 4)], PaymentMethod.TOSS, kst(0, 0, DAY + timedelta(days=1))),  # next day
    ]
    # A refund today of yesterday's sale, and a void today of today's cash sale.
    reverse_sale(
        db, sales[4].id, ReversalKind.REFUND, "owner", "반품", {sales[4].lines[0].id: 2}, now=kst(10)
    )
    reverse_sale(db, sales[2].id, ReversalKind.VOID, "owner", "잘못 찍음", now=kst(13, 6))
    return sales


def test_zreport_totals_by_method_with_vat_and_refunds(db, day_of_sales) -> None:
    report = build_zreport(db, DAY, SEOUL)
    assert report.sale_count == 4
    assert report.sales_won == 3000 + 3050 + 3300 + 1500
    assert report.sales_vat_won == sum(s.vat_won for s in day_of_sales[:4])
    assert (report.refund_count, report.void_count) == (1, 1)
    assert report.refunds_won == 3000 + 3300
    assert report.net_won == 10850 - 6300
    assert report.net_vat_won + report.net_supply_won == report.net_won
    methods = {m.method: m for m in report.by_method}
    assert set(methods) == {PaymentMethod.CARD, PaymentMethod.CASH, PaymentMethod.KAKAOPAY}
    card = methods[PaymentMethod.CARD]
    assert (card.sale_count, card.sales_won, card.refund_count, card.refunds_won) == (2, 6050, 1, 3000)
    assert methods[PaymentMethod.CASH].net_won == 0
    assert sum(m.net_won for m in report.by_method) == report.net_won


def test_close_day_once_after_midnight_and_audited(db, day_of_sales) -> None:
    with pytest.raises(CloseError):
        close_day(db, DAY, SEOUL, "owner", now=kst(23, 0))
    closed = close_day(db, DAY, SEOUL, "owner", now=kst(0, 5, DAY + timedelta(days=1)))
    assert closed.closed_by == "owner" and closed.net_won == 4550
    with pytest.raises(CloseError):
        close_day(db, DAY, SEOUL, "owner", now=kst(1, 0, DAY + timedelta(days=1)))
    assert list_audit(db, action="sales.close")[-1].target == "2025-03-14"


def test_csv_opens_in_excel_with_korean(db, day_of_sales, tmp_path) -> None:
    path = write_zreport_csv(build_zreport(db, DAY, SEOUL), tmp_path / "z.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    values = {r[0]: r[1] for r in rows if len(r) == 2}
    assert values["판매 건수"] == "4"
    assert values["순매출 (부가세 포함)"] == "4550"
    assert ["카드", "2", "6050", "1", "3000", "3050"] in rows
    kinds = [r[0] for r in rows if r and r[0] in ("판매", "환불", "취소")]
    assert kinds.count("판매") == 4 and kinds.count("환불") == 1 and kinds.count("취소") == 1
    assert any(r[2].endswith("+09:00") for r in rows if r and r[0] == "판매")


def test_period_summary_matches_daily_reports(db) -> None:
    add_demo_catalogue(db)
    generate_sales(db, date(2025, 1, 1), days=20, lines_per_day=40)
    days = period_summary(db, date(2025, 1, 1), date(2025, 1, 20), SEOUL)
    assert len(days) == 20
    for day in (days[0], days[7], days[-1]):
        report = build_zreport(db, day.business_date, SEOUL)
        assert (day.sale_count, day.sales_won, day.net_won) == (
            report.sale_count,
            report.sales_won,
            report.net_won,
        )
    assert all(d.sale_count > 0 for d in days)
