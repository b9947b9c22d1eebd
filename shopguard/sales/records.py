"""Frozen records of the sales package: products, sales, lines, reversals, the moment to see on video."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from shopguard.sales.money import supply_of, vat_of
from shopguard.sales.payments import PaymentMethod


@dataclass(frozen=True)
class Product:
    barcode: str
    name: str
    price_won: int  # VAT included
    category: str = ""
    stock: int = 0
    age_restricted: bool = False  # alcohol, tobacco: needs an adult pass at night
    active: bool = True
    id: int | None = None

    @property
    def vat_won(self) -> int:
        return vat_of(self.price_won)

    @property
    def supply_won(self) -> int:
        return supply_of(self.price_won)


@dataclass(frozen=True)
class SaleLine:
    id: int
    line_no: int
    product_id: int | None
    barcode: str
    name: str
    category: str
    unit_price_won: int
    quantity: int
    amount_won: int
    age_restricted: bool


@dataclass(frozen=True)
class Sale:
    id: int
    ts_utc: datetime
    total_won: int
    vat_won: int
    payment_method: PaymentMethod
    channel: str  # "owner" (owner's window) or "kiosk"
    actor: str
    adult_check: str  # what the adult pass check said, when one was needed
    lines: tuple[SaleLine, ...]

    @property
    def supply_won(self) -> int:
        return self.total_won - self.vat_won

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


class ReversalKind(StrEnum):
    REFUND = "refund"  # goods came back (all or some)
    VOID = "void"  # the whole sale was a mistake and is cancelled


@dataclass(frozen=True)
class ReversalLine:
    sale_line_id: int
    quantity: int
    amount_won: int


@dataclass(frozen=True)
class Reversal:
    id: int
    sale_id: int
    kind: ReversalKind
    ts_utc: datetime
    actor: str
    reason: str
    total_won: int
    vat_won: int
    payment_method: PaymentMethod
    restocked: bool
    lines: tuple[ReversalLine, ...]


@dataclass(frozen=True)
class VideoMoment:
    """Where to look: the sale's time (UTC) and the cameras that were watching the shop."""

    utc: datetime
    camera_ids: tuple[str, ...]
    sale_id: int
