"""Load the bundled Noto Sans KR so Hangul renders on machines without a Korean font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from shopguard.paths import resource_path

FONT_FILES = ("NotoSansKR-Regular.otf", "NotoSansKR-Bold.otf")
BASE_POINT_SIZE = 11


def install_fonts(app: QApplication) -> str:
    """Register the bundled fonts and make them the application default; returns the family."""
    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("assets", "fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    if family:
        font = QFont(family, BASE_POINT_SIZE)
        app.setFont(font)
    return family
