"""VAT on VAT-inclusive won prices: the documented rounding rule and refunds that give back exactly."""

from __future__ import annotations

import random

import pytest

from shopguard.sales.money import reversal_vat, supply_of, vat_of, won


@pytest.mark.parametrize(
    ("total", "supply", "vat"),
    [(1100, 1000, 100), (1000, 909, 91), (1500, 1363, 137), (1, 0, 1), (0, 0, 0), (10, 9, 1), (11, 10, 1)],
)
def test_vat_is_total_minus_truncated_supply(total: int, supply: int, vat: int) -> None:
    assert supply_of(total) == supply
    assert vat_of(total) == vat
    assert supply + vat == total
    assert isinstance(vat_of(total), int)


def test_vat_never_differs_from_exact_tenth_of_supply_by_a_won_or_more() -> None:
    for total in range(0, 200_000, 7):
        assert abs(vat_of(total) * 10 - supply_of(total)) < 11


def test_refunds_in_parts_give_back_exactly_the_vat_charged() -> None:
    rng = random.Random(7)
    for _ in range(500):
        prices = [rng.randrange(100, 20_000, 10) for _ in range(rng.randint(1, 6))]
        standing = sum(prices)
        charged = vat_of(standing)
        returned = 0
        for price in rng.sample(prices, len(prices)):
            returned += reversal_vat(standing, standing - price)
            standing -= price
        assert standing == 0
        assert returned == charged


def test_negative_amounts_mirror_positive_ones() -> None:
    assert vat_of(-1000) == -91
    assert won(-12300) == "-12,300원"
