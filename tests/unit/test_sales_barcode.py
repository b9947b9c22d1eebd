"""Barcode checks: EAN-13/EAN-8 check digits, Code 128 characters, plain messages."""

from __future__ import annotations

import pytest

from shopguard.sales.barcode import BarcodeError, Symbology, classify, ean_check_digit, is_valid


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("4006381333931", Symbology.EAN13),  # the textbook EAN-13
        ("8801043014809", Symbology.EAN13),  # a Korean (880) product code
        ("96385074", Symbology.EAN8),
        ("55123457", Symbology.EAN8),
        ("SG-0001", Symbology.CODE128),
        ("123456", Symbology.CODE128),
    ],
)
def test_good_codes_are_classified(code: str, kind: Symbology) -> None:
    assert classify(code) is kind


@pytest.mark.parametrize("code", ["4006381333932", "96385075", "8801043014800"])
def test_wrong_check_digit_is_refused_and_says_the_right_digit(code: str) -> None:
    with pytest.raises(BarcodeError) as info:
        classify(code)
    assert str(ean_check_digit(code[:-1])) in info.value.ko
    assert "check digit" in info.value.en


@pytest.mark.parametrize("code", ["", "상품123", "A B", "X" * 49])
def test_codes_a_scanner_cannot_type_are_refused(code: str) -> None:
    assert not is_valid(code)


def test_every_single_digit_error_in_an_ean13_is_caught() -> None:
    good = "8801043014809"
    for position in range(13):
        for digit in "0123456789":
            if digit != good[position]:
                assert not is_valid(good[:position] + digit + good[position + 1 :])
