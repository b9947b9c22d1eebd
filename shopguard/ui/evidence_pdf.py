"""The police package's report.pdf: A4 pages drawn with QPdfWriter + QPainter in Korean (bundled
Noto Sans KR). Any thread may call `write_report_pdf` once a QGuiApplication exists (QPainter on a
PDF device is thread-safe); `ensure_qt_app()` makes one for the command line."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from shopguard.errors import ShopGuardError
from shopguard.evidence.report import ReportData

DPI = 300
MARGIN_MM = 16.0
FONT_FAMILY = "Noto Sans CJK KR"  # the family inside the bundled NotoSansKR files
TITLE_PT, HEADING_PT, BODY_PT, SMALL_PT = 17, 12, 9.5, 8
LABEL_WIDTH_MM = 42.0
STILLS_PER_PAGE = 2


def ensure_qt_app() -> QGuiApplication:
    """The running Qt application, or an offscreen one for the command line, with the fonts."""
    from PySide6.QtWidgets import QApplication

    from shopguard.ui.fonts import install_fonts

    app = QApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and os.name != "nt":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
        install_fonts(app)
    return app


class _Page:
    """A cursor down an A4 page in device pixels; starts a new page when a block does not fit."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, data: ReportData) -> None:
        self.writer, self.painter, self.data = writer, painter, data
        self.mm = DPI / 25.4
        rect = writer.pageLayout().paintRectPixels(DPI)
        self.width = rect.width()
        self.height = rect.height()
        self.y = 0.0
        self.number = 1

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPixelSize(max(1, round(points * DPI / 72)))
        font.setBold(bold)
        # Shaped Latin runs come out as glyphs without a Unicode mapping (digits and 'fi' vanish from
        # pdftotext and from copy-paste); unshaped text keeps every character searchable.
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        return font

    def new_page(self) -> None:
        self._footer()
        self.writer.newPage()
        self.number += 1
        self.y = 0.0

    def _footer(self) -> None:
        self.painter.setFont(self.font(SMALL_PT))
        self.painter.setPen(QColor("#555555"))
        box = QRectF(0, self.height - 6 * self.mm, self.width, 6 * self.mm)
        text = f"{self.data.shop_name} · 사건번호 {self.data.case_no} · {self.number}쪽"
        self.painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), text)
        self.painter.setPen(QColor("black"))

    def finish(self) -> None:
        self._footer()

    def text(
        self, text: str, points: float, bold: bool = False, x: float = 0.0, anywhere: bool = False
    ) -> None:
        font = self.font(points, bold)
        self.painter.setFont(font)
        wrap = Qt.TextFlag.TextWrapAnywhere if anywhere else Qt.TextFlag.TextWordWrap
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(wrap)
        box = QRectF(x, 0, self.width - x, self.height)
        needed = self.painter.boundingRect(box, flags, text).height()
        self.room(needed)
        self.painter.drawText(QRectF(x, self.y, self.width - x, needed + 1), flags, text)
        self.y += needed + points * DPI / 72 * 0.35

    def row(self, label: str, value: str) -> None:
        """A label column and a wrapped value beside it."""
        label_w = LABEL_WIDTH_MM * self.mm
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
        self.painter.setFont(self.font(BODY_PT))
        needed = self.painter.boundingRect(
            QRectF(label_w, 0, self.width - label_w, self.height), flags, value
        ).height()
        self.room(needed)
        self.painter.setFont(self.font(BODY_PT, bold=True))
        self.painter.drawText(QRectF(0, self.y, label_w - 2 * self.mm, needed + 1), flags, label)
        self.painter.setFont(self.font(BODY_PT))
        self.painter.drawText(QRectF(label_w, self.y, self.width - label_w, needed + 1), flags, value)
        self.y += needed + 1.2 * self.mm

    def heading(self, text: str) -> None:
        self.room(14 * self.mm)
        self.y += 3 * self.mm
        self.text(text, HEADING_PT, bold=True)
        self.painter.setPen(QPen(QColor("#333333"), max(1.0, 0.3 * self.mm)))
        self.painter.drawLine(
            0, round(self.y - 1.5 * self.mm), round(self.width), round(self.y - 1.5 * self.mm)
        )
        self.painter.setPen(QColor("black"))

    def room(self, needed: float) -> None:
        if self.y + needed > self.height - 8 * self.mm and self.y > 0:
            self.new_page()

    def image(self, path: Path, caption: str, max_height: float) -> None:
        image = QImage(str(path))
        if image.isNull():
            self.text(f"(그림을 읽을 수 없음: {path.name})", BODY_PT)
            return
        scale = min(self.width / image.width(), max_height / image.height())
        w, h = image.width() * scale, image.height() * scale
        self.room(h + 12 * self.mm)
        self.painter.drawImage(QRectF(0, self.y, w, h), image)
        self.y += h + 1.5 * self.mm
        self.text(f"{caption}\n파일: stills/{path.name}", SMALL_PT, anywhere=True)
        self.y += 3 * self.mm


def write_report_pdf(data: ReportData, path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setTitle(f"{data.title} {data.case_no}")
    writer.setCreator("ShopGuard")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise ShopGuardError(f"PDF 파일을 만들 수 없습니다: {path}", f"cannot write the PDF {path}")
    try:
        _paint(_Page(writer, painter, data), data)
    finally:
        painter.end()


def _paint(page: _Page, data: ReportData) -> None:
    page.text(data.title, TITLE_PT, bold=True)
    page.text(data.subtitle, BODY_PT)
    page.y += 2 * page.mm
    page.heading("기본 정보 / Summary")
    page.row("상호 / Shop", data.shop_name)
    page.row("주소 / Address", data.shop_address)
    page.row("사건번호 / Case no.", data.case_no)
    page.row("카메라 / Cameras", "\n".join(f"{cid} — {name}" for cid, name in data.cameras))
    page.row("구간(한국시간) / Range", data.range_local)
    page.row("구간(UTC) / Range (UTC)", data.range_utc)
    page.row("길이 / Length", data.duration)
    page.row("PC 시계 오차 / Clock offset", data.clock_offset)
    page.row("영상 출처 / Source", data.source)
    page.row("내보낸 사람 / Operator", data.operator)
    page.row("내보낸 시각 / Exported", data.created)
    page.heading("사건 내용 / Description")
    for line in data.description:
        page.text(line, BODY_PT)
    page.heading("시간순 기록 / Timeline")
    for when, what in data.timeline:
        page.row(what, when)
    page.heading("자료 구성 / Contents")
    for name, what in data.contents:
        page.row(name, what)
    page.heading("검증 방법 / How to verify")
    for step in data.verify_steps:
        page.text(step, BODY_PT, anywhere=True)
    page.text(f"공개키 지문 / key fingerprint (SHA-256):\n{data.key_fingerprint}", BODY_PT, anywhere=True)
    page.text("자세한 방법은 VERIFY.txt (한국어·English)를 보세요.", BODY_PT)
    if data.stills:
        page.new_page()
        page.heading("주요 장면 / Key moments")
        usable = page.height - 30 * page.mm
        for still in data.stills:
            page.image(still.path, still.caption, usable / STILLS_PER_PAGE - 16 * page.mm)
    page.finish()
