"""The accessibility targets measured on offscreen renders of every kiosk screen at the configured
panel (15.6" 1920×1080 by default): text ≥ 12 mm (cap height), contrast ≥ 7:1 from the colours used and
from the rendered pixels, touch targets ≥ 15 mm with ≥ 5 mm between them, nothing clipped, overlapping
or off the screen — at 100 % and 200 %, in Korean and English. And proof that the checks can fail."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from shopguard.config.kiosk import KioskSettings
from shopguard.ui.fonts import install_fonts
from shopguard.ui.kiosk.demo import SCREENSHOTS
from shopguard.ui.kiosk.measure import BODY_TEXT_MM, audit, measure_texts
from shopguard.ui.kiosk.theme import SCREEN, Colours, contrast_ratio
from shopguard.ui.kiosk.widgets import KioskButton, KioskText


@pytest.fixture
def render(qtbot):
    install_fonts(QApplication.instance())

    def make(name: str):
        window = SCREENSHOTS[name]()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def test_panel_pixels_per_mm():
    assert KioskSettings().px_per_mm == pytest.approx(5.5595, abs=1e-3)  # 2202.9 px over 396.24 mm
    small = KioskSettings(panel_diagonal_in=10.1, panel_width_px=1280, panel_height_px=800)
    assert small.px_per_mm == pytest.approx(5.883, abs=1e-3)


def test_wcag_contrast_formula():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#003A8C") > 7 and contrast_ratio("#FFFFFF", "#8B0000") > 7


@pytest.mark.parametrize("name", sorted(SCREENSHOTS))
def test_every_kiosk_screen_meets_the_targets(render, name):
    window = render(name)
    texts = measure_texts(window, window.px_per_mm)
    assert len(texts) >= 5  # the bars and the screen's own words were measured
    findings = audit(window, window.px_per_mm)
    assert findings == [], "\n".join(str(f) for f in findings)
    smallest = min(m.height_mm for m in texts)
    assert smallest >= BODY_TEXT_MM * (2 if window.scale > 1 else 1)
    assert all(m.hangul_mm > m.height_mm for m in texts)  # Hangul is taller than the capitals we count


def test_start_over_and_help_are_on_every_screen(render):
    for name in SCREENSHOTS:
        window = render(name)
        for button in (window.start_button, window.help_button):
            assert button.isVisibleTo(window), f"{button.text()} hidden on {name}"
        window.close()


def test_shrunk_font_fails(render):
    window = render("kiosk-cart")
    text = next(w for w in window.findChildren(KioskText) if w.isVisibleTo(window) and w.text())
    font = text.font()
    font.setPixelSize(40)  # ≈ 5 mm capitals
    text.setFont(font)
    rules = {f.rule for f in audit(window, window.px_per_mm)}
    assert "text-height" in rules


def test_grey_text_on_white_fails_by_colour_and_by_pixels(render):
    window = render("kiosk-cart")
    text = next(w for w in window.findChildren(KioskText) if w.isVisibleTo(window) and w.text())
    text.colours = Colours("#888888", SCREEN.bg, SCREEN.border)
    text.update()
    rules = {f.rule for f in audit(window, window.px_per_mm)}
    assert {"contrast", "rendered-contrast"} <= rules


def test_text_painted_grey_behind_the_checks_back_fails_on_pixels(render):
    window = render("kiosk-cart")
    text = next(w for w in window.findChildren(KioskText) if w.isVisibleTo(window) and w.text())
    original = text.paintEvent

    def grey_paint(event):  # claims black, paints grey: only the rendered pixels can tell
        saved = text.colours
        text.colours = Colours("#999999", SCREEN.bg, SCREEN.border)
        original(event)
        text.colours = saved

    text.paintEvent = grey_paint
    text.update()
    findings = audit(window, window.px_per_mm)
    assert [f.rule for f in findings] == ["rendered-contrast"]


def test_small_or_crowded_buttons_fail(render):
    window = render("kiosk-method")
    buttons = [b for b in window.findChildren(KioskButton) if b.isVisibleTo(window)]
    first, second = buttons[0], buttons[1]
    first.resize(60, 60)  # ≈ 11 mm
    second.move(first.x() + first.width() + 5, first.y())
    rules = {f.rule for f in audit(window, window.px_per_mm)}
    assert {"target-size", "spacing", "fits"} <= rules


def test_plain_qt_label_is_reported_as_unmeasured(render):
    window = render("kiosk-start")
    label = QLabel("작은 글씨", window)
    label.move(900, 500)
    label.show()
    assert "unmeasured" in {f.rule for f in audit(window, window.px_per_mm)}


def test_clipped_text_fails(render):
    window = render("kiosk-start")
    text = next(w for w in window.findChildren(KioskText) if w.isVisibleTo(window) and w.text())
    text.resize(150, text.height())  # narrower than its words: they would wrap below the box
    assert "fits" in {f.rule for f in audit(window, window.px_per_mm)}
