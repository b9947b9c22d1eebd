"""Receipts through Qt: a PDF file, a system printer (58/80 mm roll) and an on-screen preview image.
GUI thread only. Draws the same rows as the thermal image, with the bundled Noto Sans KR."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtPrintSupport import QPrinter

from shopguard.errors import ShopGuardError
from shopguard.sales.receipt import Receipt, RowStyle

FONT_MM = {
    RowStyle.TITLE: 4.6,
    RowStyle.BOLD: 3.8,
    RowStyle.NORMAL: 3.2,
    RowStyle.CENTER: 2.9,
    RowStyle.SMALL: 2.5,
}
MARGIN_MM = 3.0
LINE_FACTOR = 1.45
RULE_MM = 3.0
PDF_DPI = 300
FONT_FAMILY = "Noto Sans CJK KR"  # the family name inside the bundled NotoSansKR files


@dataclass(frozen=True)
class _Placed:
    style: RowStyle
    left: str
    right: str
    top: float  # device pixels
    height: float


def _font(style: RowStyle, px_per_mm: float) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(1, round(FONT_MM[style] * px_per_mm)))
    font.setBold(style in (RowStyle.TITLE, RowStyle.BOLD))
    return font


def _wrap(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    lines, current = [], ""
    for char in text:
        if current and metrics.horizontalAdvance(current + char) > width:
            lines.append(current)
            current = "" if char == " " else char
        else:
            current += char
    return [*lines, current] if current or not lines else lines


def _layout(receipt: Receipt, width_mm: int, px_per_mm: float) -> tuple[list[_Placed], float]:
    inner = (width_mm - 2 * MARGIN_MM) * px_per_mm
    placed: list[_Placed] = []
    y = MARGIN_MM * px_per_mm
    for row in receipt.rows:
        if row.style is RowStyle.RULE:
            height = RULE_MM * px_per_mm
            placed.append(_Placed(row.style, "", "", y, height))
            y += height
            continue
        metrics = QFontMetricsF(_font(row.style, px_per_mm))
        height = FONT_MM[row.style] * px_per_mm * LINE_FACTOR
        right_w = metrics.horizontalAdvance(row.right) + 2 * px_per_mm if row.right else 0.0
        for i, part in enumerate(_wrap(row.left, metrics, inner - right_w)):
            placed.append(_Placed(row.style, part, row.right if i == 0 else "", y, height))
            y += height
    return placed, y + MARGIN_MM * px_per_mm


def receipt_height_mm(receipt: Receipt, width_mm: int) -> float:
    px_per_mm = PDF_DPI / 25.4
    return _layout(receipt, width_mm, px_per_mm)[1] / px_per_mm


def paint_receipt(painter: QPainter, receipt: Receipt, width_mm: int, px_per_mm: float) -> None:
    placed, _ = _layout(receipt, width_mm, px_per_mm)
    left_x = MARGIN_MM * px_per_mm
    right_x = (width_mm - MARGIN_MM) * px_per_mm
    painter.setPen(QPen(QColor("black")))
    for item in placed:
        if item.style is RowStyle.RULE:
            pen = QPen(QColor("black"), max(1.0, 0.25 * px_per_mm), Qt.PenStyle.DashLine)
            painter.setPen(pen)
            mid = item.top + item.height / 2
            painter.drawLine(QPointF(left_x, mid), QPointF(right_x, mid))
            painter.setPen(QPen(QColor("black")))
            continue
        painter.setFont(_font(item.style, px_per_mm))
        box = QRectF(left_x, item.top, right_x - left_x, item.height)
        centred = item.style in (RowStyle.TITLE, RowStyle.CENTER)
        align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), item.left)
        if item.right:
            right_align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box, int(right_align), item.right)


def _page_layout(receipt: Receipt, width_mm: int) -> QPageLayout:
    size = QPageSize(QSizeF(width_mm, receipt_height_mm(receipt, width_mm)), QPageSize.Unit.Millimeter)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def save_receipt_pdf(receipt: Receipt, path: Path, width_mm: int = 80) -> Path:
    """One page exactly as long as the receipt, `width_mm` wide."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(receipt.title)
    writer.setCreator("ShopGuard")
    writer.setPageLayout(_page_layout(receipt, width_mm))
    painter = QPainter()
    if not painter.begin(writer):
        raise ShopGuardError(f"PDF 파일을 만들 수 없습니다: {path}", f"cannot write the PDF {path}")
    paint_receipt(painter, receipt, width_mm, PDF_DPI / 25.4)
    painter.end()
    return path


def print_receipt(receipt: Receipt, printer: QPrinter, width_mm: int = 80) -> None:
    """To a system printer (a receipt printer's Windows driver or any page printer)."""
    printer.setFullPage(True)
    printer.setPageLayout(_page_layout(receipt, width_mm))
    painter = QPainter()
    if not painter.begin(printer):
        raise ShopGuardError("프린터를 열 수 없습니다", f"cannot open the printer {printer.printerName()}")
    paint_receipt(painter, receipt, width_mm, printer.resolution() / 25.4)
    painter.end()


def receipt_image(receipt: Receipt, width_mm: int = 80, px_per_mm: float = 6.0) -> QImage:
    """A preview for the screen."""
    placed_height = _layout(receipt, width_mm, px_per_mm)[1]
    image = QImage(round(width_mm * px_per_mm), round(placed_height), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    paint_receipt(painter, receipt, width_mm, px_per_mm)
    painter.end()
    return image
