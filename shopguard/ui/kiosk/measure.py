"""Checks of the kiosk's accessibility targets on a rendered screen: text height in mm, WCAG contrast
(from the colours the widgets paint with, and from the rendered pixels), touch-target size and spacing,
and that every piece of text fits its widget and every widget is on the screen. GUI thread."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from shopguard.ui.kiosk.theme import MIN_CONTRAST, MIN_SPACING_MM, MIN_TARGET_MM, contrast_ratio
from shopguard.ui.kiosk.widgets import KioskButton, KioskText

BODY_TEXT_MM = 12.0


@dataclass(frozen=True)
class Finding:
    widget: str  # the widget's text (what a person would point at)
    rule: str  # text-height, contrast, rendered-contrast, target-size, spacing, fits, on-screen, unmeasured
    measured: float
    limit: float

    def __str__(self) -> str:
        return f"{self.rule}: {self.widget!r} measured {self.measured:.2f}, limit {self.limit:.2f}"


@dataclass(frozen=True)
class TextMeasure:
    widget: QWidget
    text: str
    height_mm: float  # cap height (capitals, digits); Hangul is measured too and is taller
    hangul_mm: float
    contrast: float
    rendered_contrast: float


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def glyph_heights_mm(widget: QWidget, px_per_mm: float) -> tuple[float, float]:
    """(cap height, Hangul syllable height) of the widget's font, in mm on the panel."""
    metrics = QFontMetricsF(widget.font())
    return metrics.capHeight() / px_per_mm, metrics.tightBoundingRect("한").height() / px_per_mm


def _rect_in(root: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def _visible(root: QWidget, widget: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _rgb_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), np.uint8, count=stride * height).reshape(height, stride)
    return raw[:, : width * 3].reshape(height, width, 3).copy()  # own the pixels: `image` goes away


def _luminance(rgb: np.ndarray) -> np.ndarray:
    c = rgb.astype(np.float64) / 255.0
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def rendered_contrast(pixels: np.ndarray, rect: QRect, inset: int) -> float:
    """Contrast between the background (the most common colour inside the widget, frame excluded)
    and the ink (the pixel that differs most from it) in the rendered screen."""
    box = pixels[rect.top() + inset : rect.bottom() - inset, rect.left() + inset : rect.right() - inset]
    if box.size == 0:
        return 0.0
    flat = box.reshape(-1, 3).astype(np.uint32)
    keys = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]  # one number per colour: a fast unique
    values, counts = np.unique(keys, return_counts=True)
    colours = np.stack([(values >> 16) & 255, (values >> 8) & 255, values & 255], axis=1)
    background = colours[int(np.argmax(counts))]
    lum = _luminance(colours)
    bg_lum = float(_luminance(background[None, :])[0])
    ratios = (np.maximum(lum, bg_lum) + 0.05) / (np.minimum(lum, bg_lum) + 0.05)
    return float(ratios.max())


def measure_texts(root: QWidget, px_per_mm: float) -> list[TextMeasure]:
    pixels = _rgb_array(root.grab().toImage())
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, (KioskText, KioskButton)) or not _visible(root, widget):
            continue
        words = widget.text()
        if not words.strip():
            continue
        cap_mm, hangul_mm = glyph_heights_mm(widget, px_per_mm)
        fg, bg = widget.text_colours()
        inset = getattr(widget, "_border_px", 0) + 1
        found.append(
            TextMeasure(
                widget,
                words,
                cap_mm,
                hangul_mm,
                contrast_ratio(fg, bg),
                rendered_contrast(pixels, _rect_in(root, widget), inset),
            )
        )
    return found


def _gap_mm(a: QRect, b: QRect, px_per_mm: float) -> float:
    dx = max(0, b.left() - a.right() - 1, a.left() - b.right() - 1)
    dy = max(0, b.top() - a.bottom() - 1, a.top() - b.bottom() - 1)
    return math.hypot(dx, dy) / px_per_mm


def audit(root: QWidget, px_per_mm: float, body_mm: float = BODY_TEXT_MM) -> list[Finding]:
    """Everything on the visible screen that misses a target; empty when the screen passes."""
    findings: list[Finding] = []
    for m in measure_texts(root, px_per_mm):
        height = min(m.height_mm, m.hangul_mm) if _has_hangul(m.text) else m.height_mm
        if height < body_mm:
            findings.append(Finding(m.text, "text-height", height, body_mm))
        if m.contrast < MIN_CONTRAST:
            findings.append(Finding(m.text, "contrast", m.contrast, MIN_CONTRAST))
        if m.rendered_contrast < MIN_CONTRAST:
            findings.append(Finding(m.text, "rendered-contrast", m.rendered_contrast, MIN_CONTRAST))
        if not m.widget.fits():  # type: ignore[attr-defined]
            findings.append(
                Finding(m.text, "fits", m.widget.height(), m.widget.heightForWidth(m.widget.width()))
            )
    screen = root.rect()
    buttons = []
    for widget in root.findChildren(QWidget):
        if not _visible(root, widget):
            continue
        rect = _rect_in(root, widget)
        if not screen.contains(rect):
            findings.append(Finding(_name(widget), "on-screen", rect.bottom(), screen.bottom()))
        if isinstance(widget, (QLabel, QLineEdit)) or (
            isinstance(widget, QAbstractButton) and not isinstance(widget, KioskButton)
        ):
            findings.append(Finding(_name(widget), "unmeasured", 0, 0))
        if isinstance(widget, KioskButton):
            buttons.append((widget, rect))
            side = min(rect.width(), rect.height()) / px_per_mm
            if side < MIN_TARGET_MM:
                findings.append(Finding(widget.text(), "target-size", side, MIN_TARGET_MM))
    placed = [
        (w, _rect_in(root, w))
        for w in root.findChildren(QWidget)
        if isinstance(w, (KioskText, KioskButton)) and _visible(root, w)
    ]
    for (a, ra), (b, rb) in itertools.combinations(placed, 2):
        if ra.intersects(rb):
            overlap = ra.intersected(rb)
            findings.append(
                Finding(f"{a.text()} / {b.text()}", "overlap", overlap.width() * overlap.height(), 0)
            )
    for (a, ra), (b, rb) in itertools.combinations(buttons, 2):
        gap = _gap_mm(ra, rb, px_per_mm)
        if gap < MIN_SPACING_MM:
            findings.append(Finding(f"{a.text()} / {b.text()}", "spacing", gap, MIN_SPACING_MM))
    return findings


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return text() if callable(text) else type(widget).__name__


def smallest_text_mm(root: QWidget, px_per_mm: float) -> float:
    return min((m.height_mm for m in measure_texts(root, px_per_mm)), default=0.0)


def lowest_contrast(root: QWidget, px_per_mm: float) -> float:
    return min((min(m.contrast, m.rendered_contrast) for m in measure_texts(root, px_per_mm)), default=0.0)
