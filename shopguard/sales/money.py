"""Won amounts as integers and the VAT rule: prices include 10 % VAT, shown separately on receipts.

The rule (applied to a whole sale, never per line, so lines can't add up rounding errors):
    supply = floor(total × 10 / 11)   (공급가액, 원 미만 절사)
    vat    = total − supply          (부가세)
e.g. 1 000 won → supply 909, VAT 91; 1 100 won → supply 1 000, VAT 100.
A refund's VAT is the drop in VAT of what is still standing: vat(before) − vat(after). The VAT of a sale
and its refunds therefore telescope — a sale refunded in parts gives back exactly the VAT it charged.
"""

from __future__ import annotations

VAT_PERCENT = 10


def supply_of(total_won: int) -> int:
    """공급가액: the VAT-exclusive part of a VAT-inclusive total, truncated to the won."""
    if total_won < 0:
        return -supply_of(-total_won)
    return total_won * 100 // (100 + VAT_PERCENT)


def vat_of(total_won: int) -> int:
    """부가세 contained in a VAT-inclusive total."""
    return total_won - supply_of(total_won)


def reversal_vat(standing_before_won: int, standing_after_won: int) -> int:
    """VAT given back when what still stands of a sale drops from `before` to `after`."""
    return vat_of(standing_before_won) - vat_of(standing_after_won)


def won(amount: int) -> str:
    """12,300원 style (also for negative amounts)."""
    return f"{amount:,}원"
