"""Barcodes a USB scanner types: EAN-13 and EAN-8 (check digit verified) or Code 128 text.

A scanner sends the decoded text; Code 128's own checksum is verified by the scanner and never typed,
so for Code 128 only the characters can be checked. A code of exactly 8 or 13 digits is treated as EAN
and must carry a correct check digit (a mistyped or misread EAN is then caught here).
"""

from __future__ import annotations

from enum import StrEnum

from shopguard.errors import ShopGuardError

CODE128_MAX_LEN = 48


class Symbology(StrEnum):
    EAN13 = "EAN-13"
    EAN8 = "EAN-8"
    CODE128 = "Code 128"


class BarcodeError(ShopGuardError):
    """A barcode that cannot be right (bad check digit, characters a scanner cannot type)."""


def ean_check_digit(body: str) -> int:
    """The check digit for the digits of an EAN-8/13 without its last digit (weights 3,1 from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def classify(code: str) -> Symbology:
    """Which symbology a code is, or BarcodeError saying plainly what is wrong with it."""
    if not code:
        raise BarcodeError("바코드가 비어 있습니다", "the barcode is empty")
    if code.isdigit() and len(code) in (8, 13):
        kind = Symbology.EAN13 if len(code) == 13 else Symbology.EAN8
        expected = ean_check_digit(code[:-1])
        if int(code[-1]) != expected:
            raise BarcodeError(
                f"{kind} 바코드 {code}의 마지막(검증) 숫자가 맞지 않습니다 (맞는 값: {expected})",
                f"{kind} barcode {code} has a wrong check digit (expected {expected})",
            )
        return kind
    if len(code) > CODE128_MAX_LEN:
        raise BarcodeError(
            f"바코드가 너무 깁니다 ({len(code)}자, 최대 {CODE128_MAX_LEN}자)",
            f"barcode too long ({len(code)} characters, at most {CODE128_MAX_LEN})",
        )
    bad = [c for c in code if not (32 < ord(c) < 127)]
    if bad:
        raise BarcodeError(
            f"바코드에 쓸 수 없는 글자가 있습니다: {''.join(bad)!r} (영문·숫자·기호만)",
            f"barcode has characters a scanner cannot type: {''.join(bad)!r}",
        )
    return Symbology.CODE128


def is_valid(code: str) -> bool:
    try:
        classify(code)
    except BarcodeError:
        return False
    return True
