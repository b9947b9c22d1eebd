"""Every owner's-window screen renders offscreen in Korean and in English, at both shop-PC sizes,
with the Korean catalogue actually applied (no English left on the Korean buttons)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QPushButton

from shopguard.ui.i18n import install_translator
from shopguard.ui.screenshot import render_to_png

VIEWS = ("alerts", "review", "zones", "settings")


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    yield
    install_translator(QApplication.instance(), "en")


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("view", VIEWS)
def test_screens_render_in_both_languages(qapp, tmp_path: Path, view: str, lang: str) -> None:
    out = render_to_png(view, tmp_path / f"{view}-{lang}.png", lang)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)


def test_korean_buttons_are_translated(qapp) -> None:
    from shopguard.ui.screenshot import all_views

    assert install_translator(QApplication.instance(), "ko")
    widget = all_views()["settings"]()
    texts = [b.text() for b in widget.findChildren(QPushButton)]
    widget.close()
    assert "설정 저장" in texts and "Save settings" not in texts


def test_main_window_renders_at_full_hd(qapp, tmp_path: Path) -> None:
    out = render_to_png("main", tmp_path / "main.png", "ko", (1920, 1080))
    assert QImage(str(out)).width() == 1920
