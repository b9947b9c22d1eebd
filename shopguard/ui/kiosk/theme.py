"""Kiosk look: colours with their WCAG contrast, and fonts sized in millimetres on the configured panel.

Text height is defined as the cap height (capital letters and digits, QFontMetricsF.capHeight), the
smallest glyph class a customer must read; Hangul syllables in the same font are about 25 % taller.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QColor, QFont, QFontMetricsF

FONT_FAMILY = "Noto Sans CJK KR"  # the family inside the bundled NotoSansKR files
BODY_MM = 12.2  # the target is 12 mm; a little above so rounding to whole pixels never drops under
ROLE_MM = {"body": BODY_MM, "title": 14.0, "total": 15.0}
MAX_ENLARGED_MM = 2 * BODY_MM  # at 200 % every role is twice the body size (titles do not grow further)
MIN_CONTRAST = 7.0  # WCAG AAA
MIN_TARGET_MM = 15.0
MIN_SPACING_MM = 5.0
SPACING_MM = 5.5
PAD_EM = 0.16  # button padding around the text, in em


class Role(StrEnum):
    BODY = "body"
    TITLE = "title"
    TOTAL = "total"


@dataclass(frozen=True)
class Colours:
    fg: str
    bg: str
    border: str


SCREEN = Colours("#000000", "#FFFFFF", "#FFFFFF")
PLAIN_BUTTON = Colours("#000000", "#FFFFFF", "#000000")  # white with a thick black frame
MAIN_BUTTON = Colours("#FFFFFF", "#003A8C", "#000000")  # the screen's one main action
HELP_BUTTON = Colours("#FFFFFF", "#8B0000", "#000000")
WARNING = Colours("#000000", "#FFE600", "#000000")  # the "more time?" screen (says so in words too)
PRESSED = Colours("#FFFFFF", "#000000", "#000000")


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio (1 … 21) of two colours."""
    la, lb = relative_luminance(QColor(a)), relative_luminance(QColor(b))
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def cap_height_ratio(family: str = FONT_FAMILY) -> float:
    probe = QFont(family)
    probe.setPixelSize(200)
    probe.setBold(True)
    return QFontMetricsF(probe).capHeight() / 200


class Theme:
    """Fonts for a panel (px per mm) and a text scale (1.0 or 2.0)."""

    def __init__(self, px_per_mm: float, scale: float = 1.0, family: str = FONT_FAMILY) -> None:
        self.px_per_mm = px_per_mm
        self.scale = scale
        self.family = family
        self._cap_ratio = cap_height_ratio(family)

    def mm(self, millimetres: float) -> int:
        return round(millimetres * self.px_per_mm)

    def text_mm(self, role: Role) -> float:
        size = ROLE_MM[role] * self.scale
        return min(size, MAX_ENLARGED_MM) if self.scale > 1 else size

    def font(self, role: Role) -> QFont:
        font = QFont(self.family)
        cap_px = self.text_mm(role) * self.px_per_mm
        font.setPixelSize(max(1, int(cap_px / self._cap_ratio + 0.999)))
        font.setBold(True)
        return font

    @property
    def spacing_px(self) -> int:
        return self.mm(SPACING_MM)

    @property
    def min_target_px(self) -> int:
        return self.mm(MIN_TARGET_MM) + 1
