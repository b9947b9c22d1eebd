"""The cart being rung up: lines by product, quantities, totals with VAT. Pure logic, no database, no Qt.

Shared by the owner's checkout page and the kiosk; `CheckoutService` turns a cart into a stored sale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shopguard.errors import ShopGuardError
from shopguard.sales.money import supply_of, vat_of
from shopguard.sales.records import Product

MAX_QUANTITY = 999


class CartError(ShopGuardError):
    """Something the person at the checkout can fix (quantity out of range, empty cart)."""


@dataclass
class CartLine:
    product: Product
    quantity: int = 1

    @property
    def amount_won(self) -> int:
        return self.product.price_won * self.quantity


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)
    adult_check: str = ""  # set once an adult pass was verified for this cart

    def _find(self, barcode: str) -> int | None:
        for index, line in enumerate(self.lines):
            if line.product.barcode == barcode:
                return index
        return None

    def add(self, product: Product, quantity: int = 1) -> CartLine:
        """Add a product; scanning the same product again raises its quantity."""
        index = self._find(product.barcode)
        if index is None:
            self._check_quantity(quantity)
            self.lines.append(CartLine(product, quantity))
            return self.lines[-1]
        line = self.lines[index]
        self._check_quantity(line.quantity + quantity)
        line.quantity += quantity
        return line

    def set_quantity(self, barcode: str, quantity: int) -> None:
        """Change a line's quantity; 0 removes the line."""
        index = self._find(barcode)
        if index is None:
            raise CartError("장바구니에 없는 상품입니다", f"{barcode} is not in the cart")
        if quantity == 0:
            del self.lines[index]
            return
        self._check_quantity(quantity)
        self.lines[index].quantity = quantity

    def remove(self, barcode: str) -> None:
        self.set_quantity(barcode, 0)

    def clear(self) -> None:
        self.lines.clear()
        self.adult_check = ""

    @staticmethod
    def _check_quantity(quantity: int) -> None:
        if not 1 <= quantity <= MAX_QUANTITY:
            raise CartError(f"수량은 1–{MAX_QUANTITY} 사이여야 합니다", f"quantity must be 1–{MAX_QUANTITY}")

    @property
    def total_won(self) -> int:
        return sum(line.amount_won for line in self.lines)

    @property
    def vat_won(self) -> int:
        return vat_of(self.total_won)

    @property
    def supply_won(self) -> int:
        return supply_of(self.total_won)

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def has_age_restricted(self) -> bool:
        return any(line.product.age_restricted for line in self.lines)

    def __len__(self) -> int:
        return len(self.lines)
