"""The rules' SaleSource over stored sales: epoch seconds, inclusive range, voids left out."""

from __future__ import annotations

from datetime import UTC, datetime

from shopguard.rules.grants import SaleSource
from shopguard.sales.cart import Cart
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.demo import CHIPS, add_demo_catalogue
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.records import ReversalKind
from shopguard.sales.sale_source import StoredSaleTimes
from shopguard.sales.store import record_sale, reverse_sale

T0 = datetime(2025, 3, 14, 12, 0, tzinfo=UTC).timestamp()


def test_sale_times_in_range_without_voids(db) -> None:
    add_demo_catalogue(db)
    chips = Catalogue(db).get(CHIPS.barcode)
    ids = []
    for offset in (0.0, 30.5, 60.0, 90.0):
        cart = Cart()
        cart.add(chips)
        ids.append(
            record_sale(
                db, cart, PaymentMethod.CARD, "owner", now=datetime.fromtimestamp(T0 + offset, UTC)
            ).id
        )
    reverse_sale(db, ids[2], ReversalKind.VOID, "owner", "mistake")
    reverse_sale(db, ids[3], ReversalKind.REFUND, "owner", "returned")
    source: SaleSource = StoredSaleTimes(db)
    assert source.sale_times(T0, T0 + 90.0) == [T0, T0 + 30.5, T0 + 90.0]
    assert source.sale_times(T0 + 1, T0 + 30) == []
