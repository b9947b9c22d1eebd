"""CheckoutService: what a checkout screen (owner's window or kiosk) asks for, with no UI in it.

Scan or search products into a cart, check an adult pass when the cart and the hour need one, and
store the sale. Runs on the caller's thread (the GUI thread: a sale commit takes a few milliseconds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import sqlite_utils

from shopguard.config.sales import SalesSettings
from shopguard.errors import ShopGuardError
from shopguard.sales.age import AdultPassChecker, NoAdultPassChecker, adult_pass_needed
from shopguard.sales.barcode import BarcodeError, classify
from shopguard.sales.cart import Cart, CartError
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.records import Product, Sale, VideoMoment
from shopguard.sales.store import record_sale


class AdultPassRequired(ShopGuardError):
    """The cart has age-restricted goods at an hour when an adult pass must be scanned first."""


class ScanOutcome(StrEnum):
    ADDED = "added"
    UNKNOWN = "unknown"  # a good barcode that is not in the catalogue
    INVALID = "invalid"  # not a barcode that can be right (check digit, characters)
    INACTIVE = "inactive"  # in the catalogue but taken off sale


@dataclass(frozen=True)
class ScanResult:
    outcome: ScanOutcome
    code: str
    message: str  # one kind sentence for the screen
    product: Product | None = None


class CheckoutService:
    def __init__(
        self,
        db: sqlite_utils.Database,
        settings: SalesSettings | None = None,
        timezone: str = "Asia/Seoul",
        pass_checker: AdultPassChecker | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.settings = settings or SalesSettings()
        self.timezone = timezone
        self.pass_checker: AdultPassChecker = pass_checker or NoAdultPassChecker()
        self.clock = clock
        self.catalogue = Catalogue(db)

    def scan(self, cart: Cart, code: str, quantity: int = 1) -> ScanResult:
        """Add the product with this barcode; unknown or wrong codes come back with a kind message."""
        code = code.strip()
        try:
            classify(code)
        except BarcodeError as exc:
            return ScanResult(ScanOutcome.INVALID, code, f"{exc.ko}. 다시 찍어 주세요. / {exc.en}")
        product = self.catalogue.get(code)
        if product is None:
            return ScanResult(
                ScanOutcome.UNKNOWN,
                code,
                f"등록되지 않은 상품입니다 ({code}). 상품명으로 찾아 주세요. / "
                "Not in the catalogue — search by name.",
            )
        if not product.active:
            return ScanResult(
                ScanOutcome.INACTIVE, code, f"{product.name}: 판매하지 않는 상품입니다 / not on sale", product
            )
        try:
            cart.add(product, quantity)
        except CartError as exc:
            return ScanResult(ScanOutcome.INVALID, code, str(exc), product)
        return ScanResult(ScanOutcome.ADDED, code, f"{product.name} {product.price_won:,}원", product)

    def add_product(self, cart: Cart, product: Product, quantity: int = 1) -> None:
        """Add a product picked from a search (fresh from the catalogue, for the current price)."""
        current = self.catalogue.get(product.barcode) or product
        cart.add(current, quantity)

    def search(self, text: str) -> list[Product]:
        return self.catalogue.search(text) if text.strip() else []

    def needs_adult_pass(self, cart: Cart) -> bool:
        """True while the cart has age-restricted goods, it is a restricted hour, and no pass was checked."""
        return (
            cart.has_age_restricted
            and not cart.adult_check
            and adult_pass_needed(self.settings, self.clock(), self.timezone)
        )

    def verify_adult_pass(self, cart: Cart, qr_text: str) -> tuple[bool, str]:
        ok, message = self.pass_checker.check(qr_text, self.clock())
        if ok:
            cart.adult_check = f"{self.clock().isoformat(timespec='seconds')} {message}"
        return ok, message

    def complete(
        self, cart: Cart, method: PaymentMethod, actor: str = "owner", channel: str = "owner"
    ) -> Sale:
        """Store the sale (one durable transaction) and empty the cart."""
        if self.needs_adult_pass(cart):
            raise AdultPassRequired(
                "주류·담배는 지금 시간에 성인 출입증을 먼저 찍어야 합니다",
                "age-restricted goods at this hour: scan an adult pass first",
            )
        sale = record_sale(self.db, cart, method, actor, channel, self.clock())
        cart.clear()
        return sale


def video_moment(sale: Sale, camera_ids: list[str] | tuple[str, ...]) -> VideoMoment:
    """The moment to open playback at for a sale: its UTC time and the shop's cameras."""
    return VideoMoment(sale.ts_utc, tuple(camera_ids), sale.id)
