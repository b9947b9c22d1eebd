"""Pass cards through Qt: the A6 PDF (QPdfWriter, vector QR), printing through the print dialog, and
PassCardDialog to preview, save, print. Draws the same PassCard as the Pillow images in access/card.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPixmap,
)
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shopguard.access.card import HEADER_COLOUR, PassCard, render_card, render_receipt
from shopguard.access.keys import AccessError
from shopguard.paths import resource_path
from shopguard.ui.fonts import FONT_FILES

PDF_DPI = 600
PAGE_MM = (105.0, 148.0)  # A6: fits a pocket, four to an A4 sheet


def _family() -> str:
    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("assets", "fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    return family or "Sans Serif"


def paint_card(painter: QPainter, page: QRectF, card: PassCard) -> None:
    """Lay the card out in `page` (device pixels): header, large QR as vector squares, text."""
    family = _family()
    unit = page.width() / 100.0  # 1 % of the width

    def text(
        top: float, height: float, value: str, size: float, bold: bool = False, colour: str = "black"
    ) -> None:
        font = QFont(family)
        font.setPixelSize(max(1, int(size * unit)))
        font.setBold(bold)
        painter.setFont(font)
        metrics_width = painter.fontMetrics().horizontalAdvance(value)
        if metrics_width > page.width() * 0.94:  # long shop names shrink to fit
            font.setPixelSize(max(1, int(size * unit * page.width() * 0.94 / metrics_width)))
            painter.setFont(font)
        painter.setPen(QColor(colour))
        painter.drawText(
            QRectF(page.left(), page.top() + top * unit, page.width(), height * unit),
            Qt.AlignmentFlag.AlignCenter,
            value,
        )

    painter.fillRect(QRectF(page.left(), page.top(), page.width(), 17 * unit), QColor(HEADER_COLOUR))
    text(1.5, 9, card.shop_name, 6.4, True, "white")
    text(10, 6, "출입 패스 · Entry pass", 3.4, False, "#dce6f2")
    matrix = card.matrix()
    side = 76 * unit
    module = side / len(matrix)
    left, top = page.left() + (page.width() - side) / 2, page.top() + 19 * unit
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:  # a hair of overlap so no white seams appear between modules when printed
                painter.drawRect(
                    QRectF(left + col_index * module, top + row_index * module, module * 1.02, module * 1.02)
                )
    y = 19 + 76 + 1
    text(y, 9, card.name, 6.4, True)
    text(y + 9, 6, "  ·  ".join(card.kind_lines[:2]), 3.8, True, HEADER_COLOUR)
    text(y + 15, 6, f"유효 기간 Valid: {card.validity_line}", 3.4)
    text(y + 20, 6, card.kind_lines[2], 3.4)
    text(y + 28, 6, "출입문 카메라에 QR 코드를 보여주세요", 3.4, True)
    text(y + 33, 5, f"Show this code to the door camera  ·  No. {card.pass_id}", 2.8)


_created_apps: list[QGuiApplication] = []  # a command-line PDF needs an application; keep it alive


def _gui_app() -> None:
    if QGuiApplication.instance() is None:
        _created_apps.append(QGuiApplication([]))


def write_card_pdf(card: PassCard, path: Path) -> Path:
    """An A6 PDF with the card; Korean text embedded from the bundled font."""
    _gui_app()
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageSize(QPageSize(QSizeF(*PAGE_MM), QPageSize.Unit.Millimeter, "A6"))
    writer.setPageMargins(QMarginsF(6, 6, 6, 6), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{card.shop_name} — 출입 패스 {card.pass_id}")
    painter = QPainter()
    if not painter.begin(writer):
        raise AccessError(f"PDF 파일을 만들 수 없습니다: {path}", f"cannot write the PDF {path}")
    try:
        paint_card(painter, QRectF(painter.viewport()), card)
    finally:
        painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise AccessError(f"PDF 파일을 만들 수 없습니다: {path}", f"cannot write the PDF {path}")
    return path


def print_card(card: PassCard, parent: QWidget | None = None) -> bool:
    """Qt's print dialog, then the card on the chosen printer. False when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QSizeF(*PAGE_MM), QPageSize.Unit.Millimeter, "A6"))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("출입 패스 인쇄 Print pass")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        raise AccessError("프린터를 사용할 수 없습니다", "the printer cannot be used")
    try:
        paint_card(painter, QRectF(painter.viewport()), card)
    finally:
        painter.end()
    return True


class PassCardDialog(QDialog):
    """The issued card: preview, save as image (for the customer's phone), PDF, receipt image, print."""

    def __init__(self, card: PassCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setWindowTitle(f"출입 패스 {card.pass_id} Pass — {card.name}")
        image = render_card(card)
        pixmap = QPixmap()
        pixmap.loadFromData(_png_bytes(image))
        preview = QLabel()
        preview.setPixmap(pixmap.scaledToHeight(560, Qt.TransformationMode.SmoothTransformation))
        preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for label, handler in (
            ("이미지 저장 Save image", self.save_png),
            ("PDF 저장 Save PDF", self.save_pdf),
            ("영수증용 Receipt image", self.save_receipt),
            ("인쇄 Print…", self.print_card),
            ("닫기 Close", self.accept),
        ):
            button = QPushButton(label)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(preview)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    @classmethod
    def ask_path(cls, parent: QWidget, title: str, suggested: str, pattern: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
        return Path(path) if path else None

    def _save(self, kind: str, suffix: str, write) -> None:  # noqa: ANN001
        path = self.ask_path(self, kind, f"pass-{self.card.pass_id}{suffix}", f"*{suffix}")
        if path is None:
            return
        try:
            write(path)
        except (OSError, AccessError) as exc:
            self.status.setText(f"저장하지 못했습니다 / not saved: {exc}")
            return
        self.status.setText(f"저장됨 / saved: {path}")

    def save_png(self) -> None:
        self._save("이미지 저장 Save image", ".png", lambda p: render_card(self.card).save(p, format="PNG"))

    def save_receipt(self) -> None:
        self._save(
            "영수증용 Receipt image", ".png", lambda p: render_receipt(self.card).save(p, format="PNG")
        )

    def save_pdf(self) -> None:
        self._save("PDF 저장 Save PDF", ".pdf", lambda p: write_card_pdf(self.card, p))

    def print_card(self) -> None:
        try:
            if print_card(self.card, self):
                self.status.setText("인쇄했습니다 / printed")
        except AccessError as exc:
            self.status.setText(str(exc))


def _png_bytes(image) -> bytes:  # noqa: ANN001 (PIL image)
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
