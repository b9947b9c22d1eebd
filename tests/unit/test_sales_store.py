"""Stored sales: stock moves with sales and refunds, reversals with reason and who, nothing edited."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from shopguard.config.sales import SalesSettings
from shopguard.sales.age import StaticAdultPassChecker
from shopguard.sales.cart import Cart
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.checkout import AdultPassRequired, CheckoutService, ScanOutcome
from shopguard.sales.demo import CHIPS, MILK, SOJU, add_demo_catalogue
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.records import ReversalKind
from shopguard.sales.store import SaleError, get_sale, remaining_quantities, reverse_sale, sale_statuses
from shopguard.storage.audit import list_audit

AFTERNOON = datetime(2025, 3, 14, 5, 0, tzinfo=UTC)  # 14:00 in Seoul
NIGHT = datetime(2025, 3, 14, 15, 30, tzinfo=UTC)  # 00:30 in Seoul


class SetClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def service(db):
    add_demo_catalogue(db)
    return CheckoutService(
        db, SalesSettings(), "Asia/Seoul", StaticAdultPassChecker({"ADULT-OK"}), SetClock(AFTERNOON)
    )


def stock(db, product) -> int:
    return Catalogue(db).get(product.barcode).stock


def ring_up(service, *codes: str) -> Cart:
    cart = Cart()
    for code in codes:
        assert service.scan(cart, code).outcome is ScanOutcome.ADDED
    return cart


def test_a_sale_is_stored_whole_and_takes_stock(db, service) -> None:
    cart = ring_up(service, CHIPS.barcode, CHIPS.barcode, MILK.barcode)
    sale = service.complete(cart, PaymentMethod.KAKAOPAY)
    assert len(cart) == 0
    stored = get_sale(db, sale.id)
    assert stored.total_won == 2 * 1500 + 1100
    assert stored.vat_won == 373  # 4100 - floor(4100 * 10 / 11)
    assert stored.payment_method is PaymentMethod.KAKAOPAY
    assert stored.ts_utc == AFTERNOON
    assert [(line.name, line.quantity) for line in stored.lines] == [("새우깡", 2), ("서울우유 200ml", 1)]
    assert stock(db, CHIPS) == CHIPS.stock - 2
    assert stock(db, MILK) == MILK.stock - 1


def test_unknown_and_misread_codes_are_handled_kindly(service) -> None:
    cart = Cart()
    unknown = service.scan(cart, "8802000000019")
    assert unknown.outcome is ScanOutcome.UNKNOWN and "등록되지 않은" in unknown.message
    misread = service.scan(cart, "8801043014800")
    assert misread.outcome is ScanOutcome.INVALID and "다시 찍어" in misread.message
    assert len(cart) == 0


def test_selling_past_zero_stock_is_allowed_and_shows_negative(db, service) -> None:
    Catalogue(db).adjust_stock(MILK.barcode, -MILK.stock, "owner", "count")
    service.complete(ring_up(service, MILK.barcode), PaymentMethod.CASH)
    assert stock(db, MILK) == -1


def test_partial_refund_puts_stock_back_and_records_who_and_why(db, service) -> None:
    sale = service.complete(ring_up(service, CHIPS.barcode, CHIPS.barcode, MILK.barcode), PaymentMethod.CARD)
    chips_line = sale.lines[0]
    refund = reverse_sale(db, sale.id, ReversalKind.REFUND, "manager", "봉지 파손", {chips_line.id: 1})
    assert refund.total_won == 1500
    assert refund.payment_method is PaymentMethod.CARD
    assert (refund.actor, refund.reason) == ("manager", "봉지 파손")
    assert stock(db, CHIPS) == CHIPS.stock - 1
    assert remaining_quantities(db, sale.id)[chips_line.id] == 1
    entry = list_audit(db, action="sale.refund")[-1]
    assert entry.actor == "manager" and entry.detail["reason"] == "봉지 파손"
    with pytest.raises(SaleError):
        reverse_sale(db, sale.id, ReversalKind.REFUND, "manager", "again", {chips_line.id: 2})


def test_refund_without_restock_leaves_stock(db, service) -> None:
    sale = service.complete(ring_up(service, CHIPS.barcode), PaymentMethod.CARD)
    reverse_sale(db, sale.id, ReversalKind.REFUND, "owner", "유통기한 지남", restock=False)
    assert stock(db, CHIPS) == CHIPS.stock - 1


def test_void_reverses_what_is_left_and_vat_adds_up(db, service) -> None:
    sale = service.complete(ring_up(service, CHIPS.barcode, MILK.barcode, MILK.barcode), PaymentMethod.TOSS)
    first = reverse_sale(db, sale.id, ReversalKind.REFUND, "owner", "반품", {sale.lines[1].id: 1})
    void = reverse_sale(db, sale.id, ReversalKind.VOID, "owner", "잘못 찍음")
    assert first.total_won + void.total_won == sale.total_won
    assert first.vat_won + void.vat_won == sale.vat_won
    assert stock(db, CHIPS) == CHIPS.stock and stock(db, MILK) == MILK.stock
    assert sale_statuses(db, [sale.id])[sale.id].voided
    with pytest.raises(SaleError):
        reverse_sale(db, sale.id, ReversalKind.REFUND, "owner", "more")


def test_a_reversal_needs_a_reason(db, service) -> None:
    sale = service.complete(ring_up(service, CHIPS.barcode), PaymentMethod.CARD)
    with pytest.raises(SaleError):
        reverse_sale(db, sale.id, ReversalKind.VOID, "owner", "   ")
    assert stock(db, CHIPS) == CHIPS.stock - 1


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE sales SET total_won = 0",
        "DELETE FROM sales",
        "UPDATE sale_lines SET quantity = 9",
        "DELETE FROM sale_lines",
        "UPDATE sale_reversals SET reason = 'x'",
        "DELETE FROM sale_reversals",
    ],
)
def test_the_database_refuses_to_edit_or_delete_sales(db, service, sql: str) -> None:
    sale = service.complete(ring_up(service, CHIPS.barcode), PaymentMethod.CARD)
    reverse_sale(db, sale.id, ReversalKind.REFUND, "owner", "반품")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute(sql)
    assert get_sale(db, sale.id).total_won == 1500


def test_age_restricted_goods_at_night_need_an_adult_pass(db, service) -> None:
    service.clock.now = NIGHT
    cart = ring_up(service, SOJU.barcode, CHIPS.barcode)
    assert service.needs_adult_pass(cart)
    with pytest.raises(AdultPassRequired):
        service.complete(cart, PaymentMethod.CARD)
    assert service.verify_adult_pass(cart, "SOMEONE-ELSE")[0] is False
    assert service.needs_adult_pass(cart)
    ok, message = service.verify_adult_pass(cart, "ADULT-OK")
    assert ok and "성인" in message
    sale = service.complete(cart, PaymentMethod.CARD)
    assert "adult pass accepted" in sale.adult_check


def test_age_restricted_goods_by_day_need_no_pass(service) -> None:
    cart = ring_up(service, SOJU.barcode)
    assert not service.needs_adult_pass(cart)
    service.complete(cart, PaymentMethod.CASH)
