"""The kiosk as a customer and the owner use it: scans from a simulated USB scanner, taps, the idle
warning on a fake clock, lockdown keys, help requests and the owner's PIN."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from shopguard.config.settings import AppSettings
from shopguard.sales.age import StaticAdultPassChecker
from shopguard.sales.checkout import CheckoutService
from shopguard.sales.demo import CHIPS, MILK, SOJU, add_demo_catalogue
from shopguard.storage.audit import list_audit
from shopguard.ui.fonts import install_fonts
from shopguard.ui.kiosk.demo import FakeClock, SilentVoice
from shopguard.ui.kiosk.help import HelpDesk
from shopguard.ui.kiosk.measure import audit
from shopguard.ui.kiosk.screens import Screen
from shopguard.ui.kiosk.widgets import KioskButton, KioskText
from shopguard.ui.kiosk.window import KioskWindow

OWNER_PIN = "135792"
ADULT_PASS = "ADULT-PASS-0001"


class RecordingVoice(SilentVoice):
    available = True


@pytest.fixture
def make_kiosk(qtbot, db):
    install_fonts(QApplication.instance())
    add_demo_catalogue(db)
    made = []

    def make(settings: AppSettings | None = None, voice: bool = True, tick_ms: int = 60_000) -> KioskWindow:
        settings = settings or AppSettings()
        service = CheckoutService(
            db, settings.sales, settings.shop.timezone, StaticAdultPassChecker({ADULT_PASS})
        )
        voices: dict[str, RecordingVoice] = {}
        window = KioskWindow(
            service,
            settings,
            HelpDesk(db),
            voice_factory=(lambda lang: voices.setdefault(lang, RecordingVoice())) if voice else None,
            pin_verifier=lambda pin: pin == OWNER_PIN,
            clock=FakeClock(),
            tick_ms=tick_ms,
        )
        window.voices = voices  # type: ignore[attr-defined]
        qtbot.addWidget(window)
        window.resize(settings.kiosk.panel_width_px, settings.kiosk.panel_height_px)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.unlock_and_close()


def texts(window: KioskWindow) -> str:
    shown = [
        w.text()
        for w in window.findChildren(KioskText) + window.findChildren(KioskButton)
        if w.isVisibleTo(window)
    ]
    return "\n".join(shown)


def tap(qtbot, window: KioskWindow, label: str) -> None:
    matches = [b for b in window.findChildren(KioskButton) if b.isVisibleTo(window) and b.text() == label]
    assert matches, f"no visible button {label!r} on {window.screen}: {texts(window)}"
    qtbot.mouseClick(matches[0], Qt.MouseButton.LeftButton)


def scan(qtbot, window: KioskWindow, code: str) -> None:
    """A USB scanner: the code typed in one fast burst, then Enter."""
    qtbot.keyClicks(window, code)
    qtbot.keyClick(window, Qt.Key.Key_Return)


def said(window: KioskWindow) -> list[str]:
    return [s for v in window.voices.values() for s in v.said]  # type: ignore[attr-defined]


def test_scan_pay_receipt_thanks(qtbot, db, make_kiosk):
    window = make_kiosk()
    assert "바코드를 스캐너에 대 주세요" in said(window)[-1]
    scan(qtbot, window, CHIPS.barcode)
    scan(qtbot, window, CHIPS.barcode)
    scan(qtbot, window, MILK.barcode)
    assert window.screen == Screen.CART
    shown = texts(window)
    assert "합계 4,100원 (3개)" in shown
    assert "새우깡 2개 3,000원" in shown
    tap(qtbot, window, "결제하기")
    assert window.screen == Screen.METHOD
    tap(qtbot, window, "카드")
    assert window.screen == Screen.TERMINAL
    assert "4,100원을 카드(으)로 결제해 주세요" in said(window)[-1]
    assert db.execute("SELECT COUNT(*) FROM sales").fetchone()[0] == 0  # nothing stored before "paid"
    tap(qtbot, window, "결제했어요")
    row = db.execute("SELECT total_won, payment_method, channel, actor FROM sales").fetchone()
    assert row == (4100, "card", "kiosk", "kiosk")
    assert window.screen == Screen.RECEIPT
    tap(qtbot, window, "네, 주세요")
    assert window.screen == Screen.THANKS
    assert "4,100원" in texts(window)  # no printer configured: the receipt is shown on the screen
    assert not window.cart.lines


def test_every_screen_speaks_its_instruction_and_replays(qtbot, make_kiosk):
    window = make_kiosk()
    for screen in (Screen.START, Screen.PICK, Screen.TOOLS):
        window.go(screen)
        spoken = said(window)[-1]
        assert spoken and spoken in texts(window) or screen == Screen.TOOLS
    scan(qtbot, window, CHIPS.barcode)
    before = len(said(window))
    tap(qtbot, window, "다시 듣기")
    assert len(said(window)) == before + 1 and said(window)[-1] == said(window)[-2]


def test_volume_and_speed_controls_reach_the_voice(qtbot, make_kiosk):
    window = make_kiosk()
    window.go(Screen.TOOLS)
    volume, rate = window.voice_volume, window.voice_rate
    tap(qtbot, window, "소리 작게")
    tap(qtbot, window, "천천히 말하기")
    voice = window.voices["ko"]  # type: ignore[attr-defined]
    assert voice.volume == pytest.approx(volume - 0.1) and voice.rate == pytest.approx(rate - 0.25)


def test_without_any_voice_the_kiosk_still_works_and_says_so(qtbot, make_kiosk):
    window = make_kiosk(voice=False)  # the real QtTextToSpeech wrapper: no Korean voice on this machine
    scan(qtbot, window, CHIPS.barcode)
    assert window.screen == Screen.CART
    window.go(Screen.TOOLS)
    if not window.voice_available():
        assert "한국어 음성이 없어" in texts(window)


def test_quick_item_buttons_add_to_the_cart(qtbot, make_kiosk):
    window = make_kiosk()
    tap(qtbot, window, "바코드 없는 상품 고르기")
    assert window.screen == Screen.PICK
    button = next(b for b in window.findChildren(KioskButton) if b.isVisibleTo(window) and "원" in b.text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.screen == Screen.CART and window.cart.item_count == 1


def test_unknown_barcode_is_explained_not_added(qtbot, make_kiosk):
    window = make_kiosk()
    scan(qtbot, window, "8800000000015")
    assert window.cart.item_count == 0
    assert "등록되지 않은" in texts(window)


def test_age_restricted_items_need_an_adult_pass(qtbot, db, make_kiosk):
    settings = AppSettings()
    settings.sales.adult_check_always = True
    window = make_kiosk(settings)
    scan(qtbot, window, SOJU.barcode)
    tap(qtbot, window, "결제하기")
    assert window.screen == Screen.ADULT
    scan(qtbot, window, "NOT-A-PASS-99")
    assert window.screen == Screen.ADULT and "유효한 성인 출입증이 아닙니다" in texts(window)
    scan(qtbot, window, ADULT_PASS)
    assert window.screen == Screen.METHOD
    tap(qtbot, window, "카드")
    tap(qtbot, window, "결제했어요")
    assert db.execute("SELECT adult_check != '' FROM sales").fetchone()[0] == 1


def test_remove_restricted_items_instead(qtbot, make_kiosk):
    settings = AppSettings()
    settings.sales.adult_check_always = True
    window = make_kiosk(settings)
    scan(qtbot, window, SOJU.barcode)
    scan(qtbot, window, CHIPS.barcode)
    tap(qtbot, window, "결제하기")
    tap(qtbot, window, "주류·담배 빼기")
    assert [line.product.barcode for line in window.cart.lines] == [CHIPS.barcode]


def test_idle_warning_gives_time_and_extends_many_times(qtbot, db, make_kiosk):
    window = make_kiosk(tick_ms=5)  # the real QTimer drives the ticks; the clock is fake
    kiosk = window.settings.kiosk
    scan(qtbot, window, CHIPS.barcode)
    window.clock.advance(kiosk.idle_s - 1)  # type: ignore[attr-defined]
    qtbot.wait(30)
    assert window.screen == Screen.CART
    for _ in range(12):  # at least ten extensions
        window.clock.advance(kiosk.idle_s + 1)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.screen == Screen.WARNING)
        assert window.warning_seconds_left() >= 20
        assert "시간이 더 필요하세요" in texts(window) and "담은 상품은 지워집니다" in said(window)[-1]
        window.clock.advance(kiosk.warning_s - 1)  # type: ignore[attr-defined]
        qtbot.wait(30)
        assert window.screen == Screen.WARNING and window.cart.item_count == 1
        tap(qtbot, window, "시간 연장")
        assert window.screen == Screen.CART and window.cart.item_count == 1
    assert window.idle.extensions == 12


def test_forgotten_cart_is_cleared_only_after_the_warning(qtbot, db, make_kiosk):
    window = make_kiosk()
    scan(qtbot, window, CHIPS.barcode)
    window.clock.advance(3600)  # type: ignore[attr-defined]  (an hour without a tick: still warn first)
    window.tick()
    assert window.screen == Screen.WARNING and window.cart.item_count == 1
    window.clock.advance(window.settings.kiosk.warning_s)  # type: ignore[attr-defined]
    window.tick()
    assert window.screen == Screen.START and window.cart.item_count == 0
    assert any(e.action == "kiosk.timeout" for e in list_audit(db))


def test_start_screen_with_empty_cart_never_times_out(qtbot, make_kiosk):
    window = make_kiosk()
    window.clock.advance(10_000)  # type: ignore[attr-defined]
    window.tick()
    assert window.screen == Screen.START


def test_lockdown_keys_clicks_and_close_do_nothing(qtbot, make_kiosk):
    window = make_kiosk()
    scan(qtbot, window, CHIPS.barcode)
    with qtbot.waitSignal(window.lockdown.blocked):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    with qtbot.waitSignal(window.lockdown.blocked):
        qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    with qtbot.waitSignal(window.lockdown.blocked):
        qtbot.mouseClick(window, Qt.MouseButton.RightButton, pos=QPoint(600, 600))
    with qtbot.waitSignal(window.lockdown.blocked):
        QApplication.sendEvent(
            window, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
        )
    assert not window.close()
    assert window.isVisible() and window.screen == Screen.CART and window.cart.item_count == 1
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint


def test_multi_touch_is_swallowed(qtbot, make_kiosk):
    from PySide6.QtTest import QTest

    window = make_kiosk()
    device = QTest.createTouchDevice()
    with qtbot.waitSignal(window.lockdown.blocked, check_params_cb=lambda what: what == "multi-touch"):
        QTest.touchEvent(window, device).press(0, QPoint(300, 300)).press(1, QPoint(500, 300)).commit()
    QTest.touchEvent(window, device).release(0, QPoint(300, 300)).release(1, QPoint(500, 300)).commit()
    assert window.isVisible()


def test_owner_pin_closes_the_kiosk(qtbot, db, make_kiosk):
    window = make_kiosk()
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.screen == Screen.OWNER
    for digit in "000000":
        tap(qtbot, window, digit)
    tap(qtbot, window, "확인")
    assert window.isVisible() and "PIN이 맞지 않습니다" in texts(window)
    for digit in OWNER_PIN:
        tap(qtbot, window, digit)
    tap(qtbot, window, "확인")
    assert not window.isVisible()
    assert any(e.action == "kiosk.close" for e in list_audit(db))


def test_owner_corner_hold_opens_the_pin_screen(qtbot, make_kiosk):
    window = make_kiosk()
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    window.clock.advance(5.5)  # type: ignore[attr-defined]
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert window.screen == Screen.OWNER
    tap(qtbot, window, "돌아가기")
    assert window.screen == Screen.START


def test_help_request_creates_an_alert_for_the_owner(qtbot, db, make_kiosk):
    window = make_kiosk()
    scan(qtbot, window, CHIPS.barcode)
    tap(qtbot, window, "도움 요청")
    assert window.screen == Screen.HELP and "점주에게 알렸습니다" in texts(window)
    rows = db.execute("SELECT camera_id, type, severity, status FROM events").fetchall()
    assert rows == [("kiosk", "help_request", "critical", "open")]
    assert any(e.action == "kiosk.help" and e.detail["cart_items"] == 1 for e in list_audit(db))
    tap(qtbot, window, "돌아가기")
    assert window.screen == Screen.CART and window.cart.item_count == 1


def test_language_switch_is_one_touch(qtbot, make_kiosk):
    window = make_kiosk()
    tap(qtbot, window, "English")
    assert window.language == "en" and "Start over" in texts(window) and "한국어" in texts(window)
    assert "barcode" in said(window)[-1]
    tap(qtbot, window, "한국어")
    assert "처음으로" in texts(window)


def test_bigger_text_doubles_and_still_passes_the_checks(qtbot, make_kiosk):
    window = make_kiosk()
    for code in (CHIPS.barcode, MILK.barcode, SOJU.barcode):
        scan(qtbot, window, code)
    before = window.start_button.font().pixelSize()
    tap(qtbot, window, "글자 크게")
    assert window.scale == 2.0 and window.start_button.font().pixelSize() >= 2 * before - 1
    assert audit(window, window.px_per_mm) == []
    while window.page < window.page_count() - 1:  # every page of the cart fits as well
        tap(qtbot, window, "다음")
        assert audit(window, window.px_per_mm) == []
