"""Kiosk screens with demo goods for `shopguard screenshot kiosk-…` and the checks (never the shop's DB)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from shopguard.config.settings import AppSettings
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.checkout import CheckoutService
from shopguard.sales.demo import CHIPS, GUM, MILK, RAMEN, add_demo_catalogue
from shopguard.sales.payments import PaymentMethod
from shopguard.storage.database import open_database
from shopguard.ui.kiosk.help import HelpDesk
from shopguard.ui.kiosk.screens import Screen
from shopguard.ui.kiosk.window import KioskWindow

DEMO_SIZE = (1920, 1080)


class SilentVoice:
    """No sound from screenshots and checks; remembers what would have been said."""

    available = False

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> bool:
        self.said.append(text)
        return False

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_rate(self, rate: float) -> None:
        self.rate = rate

    def stop(self) -> None:
        return None


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def demo_window(
    folder: Path | None = None, settings: AppSettings | None = None, locked: bool = False
) -> KioskWindow:
    """A kiosk over a fresh demo database with the demo catalogue, at the panel's full size."""
    folder = folder or Path(tempfile.mkdtemp(prefix="shopguard-kiosk-"))
    db = open_database(folder / "kiosk-demo.sqlite3")
    add_demo_catalogue(db)
    settings = settings or AppSettings()
    service = CheckoutService(db, settings.sales, settings.shop.timezone)
    window = KioskWindow(
        service,
        settings,
        HelpDesk(db),
        voice_factory=lambda _language: SilentVoice(),
        clock=FakeClock(),
        locked=locked,
    )
    window.resize(settings.kiosk.panel_width_px, settings.kiosk.panel_height_px)
    return window


def fill_demo_cart(window: KioskWindow) -> None:
    catalogue = Catalogue(window.service.db)
    for product, quantity in ((CHIPS, 2), (MILK, 1), (RAMEN, 3), (GUM, 1)):
        stored = catalogue.get(product.barcode)
        assert stored is not None
        window.cart.add(stored, quantity)


def _at(screen: Screen, cart: bool = True, scale: float = 1.0, language: str = "ko") -> KioskWindow:
    window = demo_window()
    window.language = language
    if scale != 1.0:
        window.toggle_size()
    if cart:
        fill_demo_cart(window)
    if screen == Screen.CART:
        window.on_scan(CHIPS.barcode)  # as a customer would: the last scan is shown
    elif screen == Screen.TERMINAL:
        window.choose_method(PaymentMethod.CARD)
    elif screen == Screen.WARNING:
        window.go(Screen.CART)
        window.clock.advance(window.settings.kiosk.idle_s + 1)  # type: ignore[attr-defined]
        window.tick()
        window.clock.advance(4)  # type: ignore[attr-defined]
        window.tick()
    elif screen == Screen.THANKS:
        window.choose_method(PaymentMethod.CARD)
        window.paid()
        window.finish(receipt=True)
    else:
        window.go(screen)
    return window


SCREENSHOTS = {
    "kiosk": lambda: _at(Screen.CART),
    "kiosk-start": lambda: _at(Screen.START, cart=False),
    "kiosk-cart": lambda: _at(Screen.CART),
    "kiosk-pick": lambda: _at(Screen.PICK, cart=False),
    "kiosk-method": lambda: _at(Screen.METHOD),
    "kiosk-pay": lambda: _at(Screen.TERMINAL),
    "kiosk-thanks": lambda: _at(Screen.THANKS),
    "kiosk-timeout": lambda: _at(Screen.WARNING),
    "kiosk-tools": lambda: _at(Screen.TOOLS, cart=False),
    "kiosk-200": lambda: _at(Screen.CART, scale=2.0),
    "kiosk-pay-200": lambda: _at(Screen.TERMINAL, scale=2.0),
    "kiosk-en": lambda: _at(Screen.CART, language="en"),
    "kiosk-en-200": lambda: _at(Screen.CART, scale=2.0, language="en"),
}
