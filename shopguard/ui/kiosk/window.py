"""KioskWindow: the customer's full-screen self-checkout. GUI thread only.

Bars: "처음으로" and "도움 요청" at the top on every screen; below, the tools (hear again, bigger
text, language) and the screen's one main action. Content between them flows into pages. Scans come
from the USB scanner (ScannerFilter); an idle timer warns before it starts over; LockdownFilter keeps
the customer inside until the owner's PIN is entered.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QWidget

from shopguard.config.settings import AppSettings
from shopguard.errors import ShopGuardError
from shopguard.sales.cart import Cart
from shopguard.sales.checkout import CheckoutService, ScanOutcome
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.receipt import Receipt, build_receipt
from shopguard.sales.records import Product, Sale
from shopguard.storage.audit import record_audit
from shopguard.ui.kiosk.help import HelpDesk
from shopguard.ui.kiosk.idle import IdlePhase, IdleWatch
from shopguard.ui.kiosk.layout import Card, bar_height, flow_rows, paginate, place_bar, place_page, row_width
from shopguard.ui.kiosk.lockdown import CORNER_MM, LockdownFilter
from shopguard.ui.kiosk.screens import Screen, ScreenSpec, build
from shopguard.ui.kiosk.texts import text, won
from shopguard.ui.kiosk.theme import HELP_BUTTON, MAIN_BUTTON, PLAIN_BUTTON, SCREEN, Theme
from shopguard.ui.kiosk.widgets import KioskButton, KioskText
from shopguard.ui.widgets.scanner import ScannerFilter

MARGIN_MM = 3.0
TEXT_GAP_MM = 1.5  # between lines of text; touch targets keep the full 5.5 mm
TICK_MS = 500
QUICK_ITEMS_DEFAULT = 6


class VoiceLike(Protocol):
    @property
    def available(self) -> bool: ...
    def say(self, text: str) -> bool: ...
    def set_volume(self, volume: float) -> None: ...
    def set_rate(self, rate: float) -> None: ...
    def stop(self) -> None: ...


def _pick_language(message: str, language: str) -> str:
    ko, sep, en = message.partition(" / ")
    return en if sep and language == "en" else ko


class _ContentArea(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.colour = QColor(SCREEN.bg)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.colour)
        painter.end()


class KioskWindow(QWidget):
    screen_changed = Signal(str)
    _printed = Signal(bool)

    def __init__(
        self,
        service: CheckoutService,
        settings: AppSettings,
        help_desk: HelpDesk,
        voice_factory: Callable[[str], VoiceLike] | None = None,
        pin_verifier: Callable[[str], bool] | None = None,
        receipt_printer: Callable[[Receipt], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = TICK_MS,
        px_per_mm: float | None = None,
        locked: bool = True,
    ) -> None:
        super().__init__(
            None,
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setWindowTitle("ShopGuard 키오스크")
        self.service = service
        self.settings = settings
        self.help_desk = help_desk
        self.pin_verifier = pin_verifier
        self.receipt_printer = receipt_printer
        self.clock = clock
        self.px_per_mm = px_per_mm or settings.kiosk.px_per_mm
        self.cart = Cart()
        self.language = "ko"
        self.scale = 1.0
        self.theme = Theme(self.px_per_mm, self.scale)
        self.screen = Screen.START
        self.message = ""
        self.method: PaymentMethod | None = None
        self.last_sale: Sale | None = None
        self.last_said = ""
        self.help_failed = False
        self.pin = ""
        self.countdown: KioskText | None = None
        self.voice_volume = settings.kiosk.voice_volume
        self.voice_rate = settings.kiosk.voice_rate
        self._voice_factory = voice_factory
        self._voices: dict[str, VoiceLike] = {}
        self._resume = Screen.START
        self._may_close = not locked  # screenshots and previews are not locked down
        self._print_thread: threading.Thread | None = None
        self._cards: list[Card] = []  # what is laid out: the screen's cards, long texts split in lines
        self._spec_cards: list[Card] = []
        self._split_widgets: list[KioskText] = []
        self._split_key: tuple[int, int] | None = None  # (width, page height) the split was made for
        self._pages: list = []
        self.page = 0
        self._main: KioskButton | None = None
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(SCREEN.bg))
        self.setPalette(palette)

        self.area = _ContentArea(self)
        lang = self.language
        self.start_button = KioskButton(text("start_over", lang), PLAIN_BUTTON, parent=self)
        self.help_button = KioskButton(text("help", lang), HELP_BUTTON, parent=self)
        self.replay_button = KioskButton(text("replay", lang), parent=self)
        self.size_button = KioskButton(text("bigger", lang), parent=self)
        self.language_button = KioskButton(text("other_language", lang), parent=self)
        self.tools_button = KioskButton(text("tools", lang), parent=self)
        self.previous_button = KioskButton(text("previous", lang), parent=self.area)
        self.next_button = KioskButton(text("next", lang), parent=self.area)
        self.page_text = KioskText("", centred=True, parent=self.area)
        self.start_button.clicked.connect(lambda: self.reset_session(full=False))
        self.help_button.clicked.connect(self.call_help)
        self.replay_button.clicked.connect(self.replay)
        self.size_button.clicked.connect(self.toggle_size)
        self.language_button.clicked.connect(self.toggle_language)
        self.tools_button.clicked.connect(lambda: self.go(Screen.TOOLS, remember=True))
        self.previous_button.clicked.connect(lambda: self.turn_page(-1))
        self.next_button.clicked.connect(lambda: self.turn_page(+1))

        self.idle = IdleWatch(settings.kiosk.idle_s, settings.kiosk.warning_s)
        self.scanner = ScannerFilter(self)
        self.scanner.scanned.connect(self.on_scan)
        self.lockdown = LockdownFilter(self, round(CORNER_MM * self.px_per_mm), clock)
        if locked:
            QApplication.instance().installEventFilter(self.lockdown)  # after the scanner's: sees keys first
        self.lockdown.activity.connect(lambda: self.idle.touch(self.clock()))
        self.lockdown.owner_requested.connect(self.ask_owner)
        self._printed.connect(self._on_printed)
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.go(Screen.START)

    # -- voice --------------------------------------------------------------------------------
    def _voice(self) -> VoiceLike | None:
        if self.language not in self._voices:
            if self._voice_factory is not None:
                voice = self._voice_factory(self.language)
            else:
                from shopguard.ui.voice import Voice

                voice = Voice(self.language, self.voice_volume, self.voice_rate, parent=self)
            self._voices[self.language] = voice
        return self._voices[self.language]

    def voice_available(self) -> bool:
        voice = self._voice()
        return bool(voice is not None and voice.available)

    def speak(self, words: str) -> None:
        self.last_said = words
        voice = self._voice()
        if voice is not None:
            voice.set_volume(self.voice_volume)
            voice.set_rate(self.voice_rate)
            voice.say(words)

    def replay(self) -> None:
        self.speak(self.last_said)

    def change_voice(self, volume: float = 0.0, rate: float = 0.0) -> None:
        self.voice_volume = round(max(0.1, min(1.0, self.voice_volume + volume)), 2)
        self.voice_rate = round(max(-1.0, min(1.0, self.voice_rate + rate)), 2)
        self.render()
        self.speak(text("sound_state", self.language, volume=round(self.voice_volume * 100), rate=""))

    # -- navigation ---------------------------------------------------------------------------
    def go(self, screen: Screen, remember: bool = False, keep_message: bool = False) -> None:
        if remember and self.screen not in (Screen.TOOLS, Screen.HELP, Screen.OWNER, Screen.WARNING):
            self._resume = self.screen
        if not keep_message:
            self.message = ""
        self.screen = screen
        self.page = 0
        spec = self.render()
        if screen != Screen.WARNING:
            self._arm_idle()
        self.speak(spec.say if not self.message else f"{self.message} {spec.say}")
        self.screen_changed.emit(screen.value)

    def back(self) -> None:
        self.pin = ""
        self.go(self._resume)

    def _arm_idle(self) -> None:
        now = self.clock()
        if self.screen == Screen.START and not self.cart.lines:
            self.idle.disarm()
        elif self.screen == Screen.TERMINAL:
            self.idle.arm(now, self.settings.kiosk.pay_idle_s)
        else:
            self.idle.arm(now, self.settings.kiosk.idle_s)

    def reset_session(self, full: bool) -> None:
        """Start over: empty cart; `full` (a time-out, the next customer) also resets language and size."""
        self.cart.clear()
        self.method = None
        self.pin = ""
        self.help_failed = False
        if full:
            self.language = "ko"
            self._set_scale(1.0)
        self.go(Screen.START)

    # -- the customer's actions ---------------------------------------------------------------
    def on_scan(self, code: str) -> None:
        if self.screen == Screen.OWNER:
            return
        if self.screen == Screen.ADULT:
            ok, said = self.service.verify_adult_pass(self.cart, code)
            self.message = _pick_language(said, self.language)
            self.go(Screen.METHOD if ok else Screen.ADULT, keep_message=True)
            return
        if self.screen in (Screen.THANKS, Screen.RECEIPT):
            self.cart.clear()
        result = self.service.scan(self.cart, code)
        if result.outcome == ScanOutcome.ADDED and result.product is not None:
            self.message = text("added", self.language, name=result.product.name)
        elif result.outcome == ScanOutcome.UNKNOWN:
            self.message = text("unknown", self.language)
        else:
            self.message = _pick_language(result.message, self.language)
        self.go(Screen.CART, keep_message=True)

    def quick_products(self) -> list[Product]:
        catalogue = self.service.catalogue
        chosen = self.settings.kiosk.quick_items
        if chosen:
            found = [catalogue.get(code) for code in chosen]
            return [p for p in found if p is not None and p.active]
        return catalogue.all()[:QUICK_ITEMS_DEFAULT]

    def add_product(self, product: Product) -> None:
        try:
            self.service.add_product(self.cart, product)
            self.message = text("added", self.language, name=product.name)
        except ShopGuardError as exc:
            self.message = exc.ko if self.language == "ko" else exc.en
        self.go(Screen.CART, keep_message=True)

    def change_quantity(self, barcode: str, delta: int) -> None:
        line = next((x for x in self.cart.lines if x.product.barcode == barcode), None)
        if line is None:
            return
        try:
            self.cart.set_quantity(barcode, max(0, line.quantity + delta))
        except ShopGuardError as exc:
            self.message = exc.ko if self.language == "ko" else exc.en
        self.go(Screen.EDIT if self.cart.lines else Screen.CART, keep_message=True)

    def remove_restricted(self) -> None:
        for line in [x for x in self.cart.lines if x.product.age_restricted]:
            self.cart.remove(line.product.barcode)
        self.go(Screen.CART)

    def pay(self) -> None:
        self.go(Screen.ADULT if self.service.needs_adult_pass(self.cart) else Screen.METHOD)

    def choose_method(self, method: PaymentMethod) -> None:
        self.method = method
        self.go(Screen.TERMINAL)

    def paid(self) -> None:
        assert self.method is not None
        try:
            self.last_sale = self.service.complete(self.cart, self.method, actor="kiosk", channel="kiosk")
        except ShopGuardError as exc:
            self.message = exc.ko if self.language == "ko" else exc.en
            self.go(
                Screen.ADULT if self.service.needs_adult_pass(self.cart) else Screen.CART, keep_message=True
            )
            return
        self.go(Screen.RECEIPT)

    def finish(self, receipt: bool) -> None:
        sale = self.last_sale
        if receipt and sale is not None:
            if self.receipt_printer is not None:
                self.message = text("receipt_printing", self.language)
                printable = build_receipt(sale, self.settings.shop, self.settings.sales)
                self._print_thread = threading.Thread(
                    target=self._print, args=(printable,), name="kiosk-receipt", daemon=True
                )
                self._print_thread.start()
            else:
                method = (
                    sale.payment_method.label_ko if self.language == "ko" else sale.payment_method.label_en
                )
                self.message = text(
                    "receipt_screen", self.language, sale=sale.id, total=won(sale.total_won), method=method
                )
        self.go(Screen.THANKS, keep_message=True)

    def _print(self, receipt: Receipt) -> None:  # on the print thread: touches nothing but the printer
        try:
            assert self.receipt_printer is not None
            self.receipt_printer(receipt)
        except Exception:  # noqa: BLE001 (a dead printer must never take the kiosk down)
            self._printed.emit(False)
            return
        self._printed.emit(True)

    def _on_printed(self, ok: bool) -> None:
        sale = self.last_sale.id if self.last_sale else 0
        self.message = text("receipt_printed" if ok else "receipt_failed", self.language, sale=sale)
        if self.screen == Screen.THANKS:
            self.go(Screen.THANKS, keep_message=True)

    def call_help(self) -> None:
        try:
            self.help_desk.request(self.screen.value, self.cart.item_count)
            self.help_failed = False
        except Exception:  # noqa: BLE001 (a locked database must still leave the customer a way)
            self.help_failed = True
        self.go(Screen.HELP, remember=True)

    # -- timeouts -----------------------------------------------------------------------------
    def tick(self) -> None:
        state = self.idle.state(self.clock())
        if state.phase == IdlePhase.WARNING:
            if self.screen != Screen.WARNING:
                if self.screen not in (Screen.TOOLS, Screen.HELP, Screen.OWNER):
                    self._resume = self.screen
                self.go(Screen.WARNING)
            elif self.countdown is not None:
                key = "warn_say" if self.cart.lines else "warn_say_short"
                self.countdown.setText(text(key, self.language, seconds=math.ceil(state.seconds_left)))
                self._relayout()
        elif state.phase == IdlePhase.EXPIRED:
            record_audit(
                self.help_desk.db, "kiosk", "kiosk.timeout", "", {"cart_items": self.cart.item_count}
            )
            self.reset_session(full=True)

    def warning_seconds_left(self) -> int:
        state = self.idle.state(self.clock())
        return (
            math.ceil(state.seconds_left)
            if state.phase == IdlePhase.WARNING
            else self.settings.kiosk.warning_s
        )

    def extend(self) -> None:
        self.idle.extend(self.clock())
        self.go(self._resume, keep_message=True)

    # -- text size and language ---------------------------------------------------------------
    def _set_scale(self, scale: float) -> None:
        self.scale = scale
        self.theme = Theme(self.px_per_mm, scale)

    def toggle_size(self) -> None:
        self._set_scale(1.0 if self.scale > 1 else 2.0)
        self.go(self.screen if self.screen != Screen.TOOLS else self._resume, keep_message=True)

    def toggle_language(self) -> None:
        self.language = "en" if self.language == "ko" else "ko"
        self.go(self.screen if self.screen != Screen.TOOLS else self._resume)

    # -- owner exit ---------------------------------------------------------------------------
    def ask_owner(self) -> None:
        self.pin = ""
        self.go(Screen.OWNER, remember=True)

    def pin_digit(self, digit: str) -> None:
        if len(self.pin) < 6:
            self.pin += digit
        self.go(Screen.OWNER, keep_message=True)

    def pin_clear(self) -> None:
        self.pin = ""
        self.go(Screen.OWNER)

    def pin_submit(self) -> None:
        pin, self.pin = self.pin, ""
        try:
            ok = self.pin_verifier is not None and self.pin_verifier(pin)
        except ShopGuardError as exc:
            self.message = exc.ko if self.language == "ko" else exc.en
            ok = False
        if not ok:
            self.message = self.message or text("owner_wrong", self.language)
            self.go(Screen.OWNER, keep_message=True)
            return
        record_audit(self.help_desk.db, "owner", "kiosk.close", "", {})
        self.unlock_and_close()

    def unlock_and_close(self) -> None:
        self._may_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._may_close:
            event.ignore()  # Alt+F4 and the window manager's close: only the owner's PIN closes the kiosk
            return
        self.timer.stop()
        QApplication.instance().removeEventFilter(self.lockdown)
        for voice in self._voices.values():
            voice.stop()
        if self._print_thread is not None:
            self._print_thread.join(timeout=10)
        event.accept()

    # -- drawing ------------------------------------------------------------------------------
    def render(self) -> ScreenSpec:
        for card in self._spec_cards:
            card.widget.hide()
            card.widget.deleteLater()
        if self._main is not None:
            self._main.hide()
            self._main.deleteLater()
            self._main = None
        self.countdown = None
        spec = build(self, self.screen)
        self._spec_cards = self._cards = spec.cards
        self._split_key = None
        for card in self._cards:
            card.widget.setParent(self.area)
            card.widget.apply_theme(self.theme)  # type: ignore[attr-defined]
        if spec.main is not None:
            self._main = KioskButton(spec.main[0], MAIN_BUTTON, parent=self)
            self._main.clicked.connect(spec.main[1])
            self._main.apply_theme(self.theme)
            self._main.show()
        self.area.colour = QColor(spec.background.bg)
        lang = self.language
        for button, key in (
            (self.start_button, "start_over"),
            (self.help_button, "help"),
            (self.replay_button, "replay"),
            (self.size_button, "normal_size" if self.scale > 1 else "bigger"),
            (self.language_button, "other_language"),
            (self.tools_button, "tools"),
            (self.previous_button, "previous"),
            (self.next_button, "next"),
        ):
            button.setText(text(key, lang))
            button.apply_theme(self.theme)
        self.page_text.apply_theme(self.theme)
        self._relayout()
        self.area.update()
        return spec

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def turn_page(self, step: int) -> None:
        self.page = max(0, min(len(self._pages) - 1, self.page + step))
        self._relayout()

    def _relayout(self) -> None:
        theme = self.theme
        margin, gap, text_gap = theme.mm(MARGIN_MM), theme.spacing_px, theme.mm(TEXT_GAP_MM)
        width, height = self.width(), self.height()
        inner = width - 2 * margin
        top_h = place_bar([self.start_button], [self.help_button], margin, margin, inner, gap)
        right = [self._main] if self._main is not None else []
        full_tools = [self.replay_button, self.size_button, self.language_button]
        tools = full_tools
        if row_width(full_tools + right, gap) + gap > inner:
            tools = [self.tools_button]
            self.tools_button.setText(text("tools", self.language))
            if row_width(tools + right, gap) + gap > inner:
                self.tools_button.setText(text("tools_short", self.language))
        for widget in (*full_tools, self.tools_button):
            widget.setVisible(widget in tools)
        bottom_h = bar_height(tools, right, inner, gap)
        bottom_y = height - margin - bottom_h
        place_bar(tools, right, margin, bottom_y, inner, gap)
        area = QRect(margin, margin + top_h + gap, inner, max(1, bottom_y - 2 * gap - top_h - margin))
        self.area.setGeometry(area)
        pager = (self.previous_button, self.page_text, self.next_button)
        pager_h = max(w.heightForWidth(w.sizeHint().width()) for w in pager)
        self._cards = self._split_tall(area.width(), area.height() - pager_h - gap)
        rows = flow_rows(self._cards, area.width(), gap)
        self._pages = paginate(rows, area.height(), gap, text_gap)
        if len(self._pages) > 1:
            self._pages = paginate(rows, area.height() - pager_h - gap, gap, text_gap)
            self.page = max(0, min(self.page, len(self._pages) - 1))
            self.page_text.setText(text("page", self.language, page=self.page + 1, pages=len(self._pages)))
            place_bar(
                [self.previous_button], [self.next_button], 0, area.height() - pager_h, area.width(), gap
            )
            hint = self.page_text.sizeHint().width()
            self.page_text.setGeometry(
                QRect((area.width() - hint) // 2, area.height() - pager_h, hint, pager_h)
            )
            for widget in pager:
                widget.show()
                widget.raise_()
        else:
            self.page = 0
            for widget in pager:
                widget.hide()
        for card in self._cards:
            card.widget.hide()
        if self._pages and self._pages[0]:
            place_page(self._pages[self.page], QRect(0, 0, area.width(), area.height()), gap, text_gap)

    def _split_tall(self, width: int, page_height: int) -> list[Card]:
        """A text taller than a page (long sentences at 200 %) becomes one card per line, so the pager
        can show it a few lines at a time instead of letting it run under the buttons."""
        key = (width, page_height)
        if key == self._split_key:
            return self._cards
        self._split_key = key
        for widget in self._split_widgets:
            widget.hide()
            widget.deleteLater()
        self._split_widgets = []
        cards: list[Card] = []
        for card in self._spec_cards:
            widget = card.widget
            if not isinstance(widget, KioskText) or widget.heightForWidth(width) <= page_height:
                cards.append(card)
                continue
            widget.hide()
            for line in widget.box.lines(width):
                part = KioskText(line, widget.role, widget.colours, widget.centred, parent=self.area)
                part.apply_theme(self.theme)
                self._split_widgets.append(part)
                cards.append(Card(part))
        return cards

    def page_count(self) -> int:
        return len(self._pages)
