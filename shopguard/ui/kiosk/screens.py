"""What each kiosk screen shows and says: one instruction, its cards, at most one main action.
Built fresh on every visit from the window's state; the window does the navigation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from shopguard.ui.kiosk.layout import Card
from shopguard.ui.kiosk.texts import RATE_WORDS, text, won
from shopguard.ui.kiosk.theme import MAIN_BUTTON, SCREEN, WARNING, Colours, Role
from shopguard.ui.kiosk.widgets import KioskButton, KioskText

if TYPE_CHECKING:
    from shopguard.ui.kiosk.window import KioskWindow


class Screen(StrEnum):
    START = "start"
    PICK = "pick"
    CART = "cart"
    EDIT = "edit"
    ADULT = "adult"
    METHOD = "method"
    TERMINAL = "terminal"
    RECEIPT = "receipt"
    THANKS = "thanks"
    TOOLS = "tools"
    HELP = "help"
    WARNING = "warning"
    OWNER = "owner"


@dataclass
class ScreenSpec:
    say: str  # spoken on arrival and by "hear again"
    cards: list[Card] = field(default_factory=list)
    main: tuple[str, Callable[[], None]] | None = None
    background: Colours = SCREEN


def _title(win: KioskWindow, key: str, colours: Colours = SCREEN) -> Card:
    return Card(KioskText(text(key, win.language), Role.TITLE, colours))


def _say(win: KioskWindow, words: str, colours: Colours = SCREEN) -> Card:
    return Card(KioskText(words, Role.BODY, colours))


def _button(
    label: str, action: Callable[[], None], colours: Colours | None = None, full: bool = False
) -> Card:
    button = KioskButton(label, colours) if colours else KioskButton(label)
    button.clicked.connect(
        lambda _checked=False: action()
    )  # `clicked` passes a bool: keep it away from defaults
    return Card(button, full=full)


def _message(win: KioskWindow) -> list[Card]:
    return [_say(win, win.message)] if win.message else []


def build(win: KioskWindow, screen: Screen) -> ScreenSpec:
    return _BUILDERS[screen](win)


def _start(win: KioskWindow) -> ScreenSpec:
    say = text("start_say", win.language)
    cards = [_title(win, "welcome"), _say(win, say), *_message(win)]
    cards.append(_button(text("pick_items", win.language), lambda: win.go(Screen.PICK)))
    return ScreenSpec(say, cards)


def _pick(win: KioskWindow) -> ScreenSpec:
    say = text("pick_say", win.language)
    cards = [_title(win, "pick_title"), _say(win, say)]
    products = win.quick_products()
    for product in products:
        label = f"{product.name} {won(product.price_won)}{'원' if win.language == 'ko' else ' won'}"
        cards.append(_button(label, lambda p=product: win.add_product(p)))
    if not products:
        cards.append(_say(win, text("pick_none", win.language)))
    main = (text("cart_title", win.language), lambda: win.go(Screen.CART)) if win.cart.lines else None
    return ScreenSpec(say, cards, main)


def _line_text(win: KioskWindow, line) -> str:  # noqa: ANN001
    return text("line", win.language, name=line.product.name, qty=line.quantity, amount=won(line.amount_won))


def _total(win: KioskWindow) -> Card:
    words = text("total", win.language, total=won(win.cart.total_won), count=win.cart.item_count)
    return Card(KioskText(words, Role.TOTAL))


def _cart(win: KioskWindow) -> ScreenSpec:
    lang = win.language
    say = text("cart_say", lang)
    cards = [_total(win), *_message(win)]
    if not win.cart.lines:
        cards.append(_say(win, text("cart_empty", lang)))
    for line in win.cart.lines:
        cards.append(_say(win, _line_text(win, line)))
    cards.append(_button(text("more_items", lang), lambda: win.go(Screen.PICK)))
    if win.cart.lines:
        cards.append(_button(text("change_amounts", lang), lambda: win.go(Screen.EDIT)))
    main = (text("pay", lang), win.pay) if win.cart.lines else None
    return ScreenSpec(say, cards, main)


def _edit(win: KioskWindow) -> ScreenSpec:
    lang = win.language
    say = text("edit_say", lang)
    cards = [_title(win, "edit_title"), _say(win, say)]
    for line in win.cart.lines:
        code = line.product.barcode
        cards.append(_say(win, _line_text(win, line)))
        cards.append(_button(text("minus", lang), lambda c=code: win.change_quantity(c, -1)))
        cards.append(_button(text("plus", lang), lambda c=code: win.change_quantity(c, +1)))
    return ScreenSpec(say, cards, (text("done", lang), lambda: win.go(Screen.CART)))


def _adult(win: KioskWindow) -> ScreenSpec:
    say = text("adult_say", win.language)
    cards = [_title(win, "adult_title"), _say(win, say), *_message(win)]
    cards.append(_button(text("remove_restricted", win.language), win.remove_restricted, full=True))
    return ScreenSpec(say, cards)


def _method(win: KioskWindow) -> ScreenSpec:
    say = text("method_say", win.language)
    cards = [_total(win), _title(win, "method_title"), _say(win, say)]
    for method in win.settings.kiosk.payment_methods:
        label = method.label_ko if win.language == "ko" else method.label_en
        cards.append(_button(label, lambda m=method: win.choose_method(m)))
    return ScreenSpec(say, cards)


def _terminal(win: KioskWindow) -> ScreenSpec:
    lang = win.language
    method = win.method.label_ko if lang == "ko" else win.method.label_en  # type: ignore[union-attr]
    say = text("terminal_say", lang, total=won(win.cart.total_won), method=method)
    cards = [_title(win, "terminal_title"), _total(win), _say(win, say), *_message(win)]
    return ScreenSpec(say, cards, (text("paid", lang), win.paid))


def _receipt(win: KioskWindow) -> ScreenSpec:
    say = text("receipt_say", win.language)
    cards = [_title(win, "receipt_title"), _say(win, say)]
    cards.append(_button(text("receipt_yes", win.language), lambda: win.finish(receipt=True)))
    cards.append(_button(text("receipt_no", win.language), lambda: win.finish(receipt=False)))
    return ScreenSpec(say, cards)


def _thanks(win: KioskWindow) -> ScreenSpec:
    say = text("thanks_say", win.language)
    cards = [_title(win, "thanks_title"), _say(win, say), *_message(win)]
    return ScreenSpec(say, cards)


def _tools(win: KioskWindow) -> ScreenSpec:
    lang = win.language
    say = text("tools_say", lang)
    rate_word = RATE_WORDS[max(-1, min(1, round(win.voice_rate)))][0 if lang == "ko" else 1]
    state = text("sound_state", lang, volume=round(win.voice_volume * 100), rate=rate_word)
    cards = [_title(win, "tools_title"), _say(win, state)]
    if not win.voice_available():
        cards.append(_say(win, text("no_voice", lang)))
    for key, action in (
        ("replay", win.replay),
        ("normal_size" if win.scale > 1 else "bigger", win.toggle_size),
        ("other_language", win.toggle_language),
        ("louder", lambda: win.change_voice(volume=+0.1)),
        ("quieter", lambda: win.change_voice(volume=-0.1)),
        ("slower", lambda: win.change_voice(rate=-0.25)),
        ("faster", lambda: win.change_voice(rate=+0.25)),
    ):
        cards.append(_button(text(key, lang), action))
    return ScreenSpec(say, cards, (text("back", lang), win.back))


def _help(win: KioskWindow) -> ScreenSpec:
    lang = win.language
    if win.help_failed:
        say = text("help_failed", lang)
        return ScreenSpec(say, [_say(win, say)], (text("back", lang), win.back))
    say = text("help_say", lang)
    cards = [_title(win, "help_title"), _say(win, say)]
    phone = win.settings.shop.manager_contact or win.settings.sales.phone
    if phone:
        cards.append(_say(win, text("help_call", lang, phone=phone)))
    return ScreenSpec(say, cards, (text("back", lang), win.back))


def _warning(win: KioskWindow) -> ScreenSpec:
    lang = win.language
    key = "warn_say" if win.cart.lines else "warn_say_short"
    say = text(key, lang, seconds=win.warning_seconds_left())
    cards = [_title(win, "warn_title", WARNING), Card(KioskText(say, Role.BODY, WARNING))]
    win.countdown = cards[1].widget  # type: ignore[assignment]
    return ScreenSpec(say, cards, (text("extend", lang), win.extend), WARNING)


def _owner(win: KioskWindow) -> ScreenSpec:
    lang = win.language
    say = text("owner_say", lang)
    dots = "●" * len(win.pin) + "○" * max(0, 6 - len(win.pin))
    cards = [_title(win, "owner_title"), _say(win, dots), *_message(win)]
    for digit in "1234567890":
        cards.append(_button(digit, lambda d=digit: win.pin_digit(d)))
    cards.append(_button(text("owner_clear", lang), win.pin_clear))
    cards.append(_button(text("owner_ok", lang), win.pin_submit, MAIN_BUTTON))
    return ScreenSpec(say, cards, (text("back", lang), win.back))


_BUILDERS: dict[Screen, Callable[[KioskWindow], ScreenSpec]] = {
    Screen.START: _start,
    Screen.PICK: _pick,
    Screen.CART: _cart,
    Screen.EDIT: _edit,
    Screen.ADULT: _adult,
    Screen.METHOD: _method,
    Screen.TERMINAL: _terminal,
    Screen.RECEIPT: _receipt,
    Screen.THANKS: _thanks,
    Screen.TOOLS: _tools,
    Screen.HELP: _help,
    Screen.WARNING: _warning,
    Screen.OWNER: _owner,
}
