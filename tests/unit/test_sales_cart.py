"""The cart: lines merge by product, quantities, removal, totals and VAT in integer won."""

from __future__ import annotations

import pytest

from shopguard.sales.cart import Cart, CartError
from shopguard.sales.demo import CHIPS, SOJU


def test_scanning_twice_raises_the_quantity_not_the_lines() -> None:
    cart = Cart()
    cart.add(CHIPS)
    cart.add(CHIPS)
    cart.add(SOJU, 3)
    assert len(cart) == 2
    assert cart.lines[0].quantity == 2
    assert cart.total_won == 2 * 1500 + 3 * 1950
    assert cart.item_count == 5
    assert cart.vat_won + cart.supply_won == cart.total_won
    assert cart.vat_won == 8850 - 8850 * 10 // 11
    assert cart.has_age_restricted


def test_set_quantity_and_remove() -> None:
    cart = Cart()
    cart.add(CHIPS)
    cart.add(SOJU)
    cart.set_quantity(CHIPS.barcode, 4)
    assert cart.total_won == 4 * 1500 + 1950
    cart.remove(SOJU.barcode)
    assert [line.product.name for line in cart.lines] == ["새우깡"]
    assert not cart.has_age_restricted
    cart.set_quantity(CHIPS.barcode, 0)
    assert cart.total_won == 0 and len(cart) == 0


@pytest.mark.parametrize("quantity", [-1, 1000])
def test_quantities_out_of_range_are_refused_plainly(quantity: int) -> None:
    cart = Cart()
    cart.add(CHIPS)
    with pytest.raises(CartError):
        cart.set_quantity(CHIPS.barcode, quantity)
    assert cart.lines[0].quantity == 1


def test_clear_forgets_the_adult_check() -> None:
    cart = Cart()
    cart.add(SOJU)
    cart.adult_check = "checked"
    cart.clear()
    assert cart.adult_check == "" and cart.total_won == 0
