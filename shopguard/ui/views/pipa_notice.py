"""PipaNoticeView: the CCTV notice for the shop door, drawn from the settings, saved as PDF and PNG
for printing (A4 portrait)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from shopguard.context import AppContext
from shopguard.errors import ShopGuardError, StorageError
from shopguard.security.pipa import PipaNotice, build_notice
from shopguard.security.reliability import write_file_atomic
from shopguard.ui.pages import PageSpec

A4_RATIO = 297 / 210
PNG_WIDTH = 1240  # A4 at 150 dpi
PDF_DPI = 300
SIGN_YELLOW = QColor("#ffd400")
PDF_NAME = "cctv-notice.pdf"
PNG_NAME = "cctv-notice.png"


def _font(size_px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(int(size_px), 1))
    font.setBold(bold)
    return font


def _camera_icon(painter: QPainter, box: QRectF) -> None:
    """A simple camera pictogram: body, lens and mount."""
    painter.save()
    painter.setPen(QPen(Qt.GlobalColor.black, box.width() * 0.05))
    painter.setBrush(Qt.GlobalColor.white)
    body = QRectF(box.left(), box.top() + box.height() * 0.25, box.width() * 0.75, box.height() * 0.4)
    painter.drawRoundedRect(body, box.width() * 0.06, box.width() * 0.06)
    painter.setBrush(Qt.GlobalColor.black)
    lens = QRectF(
        body.right() - box.width() * 0.02,
        body.top() + body.height() * 0.2,
        box.width() * 0.22,
        body.height() * 0.6,
    )
    painter.drawRect(lens)
    painter.drawLine(
        int(body.left() + body.width() * 0.3),
        int(body.bottom()),
        int(body.left() + body.width() * 0.3),
        int(box.bottom()),
    )
    painter.restore()


def paint_notice(painter: QPainter, rect: QRectF, notice: PipaNotice) -> None:
    """Draw the sign into `rect` (any device: screen, PNG, PDF); sizes follow the rect's width."""
    w = rect.width()
    margin = w * 0.06
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, Qt.GlobalColor.white)
    band = QRectF(rect.left(), rect.top(), w, rect.height() * 0.2)
    painter.fillRect(band, SIGN_YELLOW)
    icon = QRectF(
        band.left() + margin, band.top() + band.height() * 0.2, band.height() * 0.75, band.height() * 0.6
    )
    _camera_icon(painter, icon)
    text_left = icon.right() + margin * 0.6
    painter.setPen(Qt.GlobalColor.black)
    painter.setFont(_font(w * 0.068, bold=True))
    title = QRectF(
        text_left, band.top() + band.height() * 0.16, rect.right() - margin - text_left, band.height() * 0.45
    )
    painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, notice.title_ko)
    painter.setFont(_font(w * 0.036))
    subtitle = QRectF(text_left, title.bottom(), title.width(), band.height() * 0.3)
    painter.drawText(subtitle, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, notice.title_en)

    y = band.bottom() + margin * 0.8
    label_w = w * 0.3
    value_left = rect.left() + margin + label_w
    value_w = rect.right() - margin - value_left
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    for line in notice.lines:
        painter.setFont(_font(w * 0.034, bold=True))
        label_box = painter.boundingRect(
            QRectF(rect.left() + margin, y, label_w, rect.height()), flags, line.label_ko
        )
        painter.drawText(label_box, flags, line.label_ko)
        painter.setFont(_font(w * 0.022))
        painter.setPen(QColor("#555555"))
        en_box = QRectF(rect.left() + margin, label_box.bottom(), label_w, w * 0.04)
        painter.drawText(en_box, flags, line.label_en)
        painter.setPen(Qt.GlobalColor.black)
        painter.setFont(_font(w * 0.034))
        value_box = painter.boundingRect(QRectF(value_left, y, value_w, rect.height()), flags, line.value)
        painter.drawText(value_box, flags, line.value)
        y = max(en_box.bottom(), value_box.bottom()) + w * 0.025
        painter.setPen(QPen(QColor("#cccccc"), max(w * 0.002, 1)))
        painter.drawLine(int(rect.left() + margin), int(y), int(rect.right() - margin), int(y))
        painter.setPen(Qt.GlobalColor.black)
        y += w * 0.03

    painter.setFont(_font(w * 0.04, bold=True))
    footer_top = max(y, rect.bottom() - w * 0.2)  # pinned to the bottom unless the lines run long
    footer = QRectF(rect.left() + margin, footer_top, w - 2 * margin, w * 0.06)
    painter.drawText(footer, Qt.AlignmentFlag.AlignCenter, notice.shop)
    painter.setFont(_font(w * 0.024))
    address = QRectF(footer.left(), footer.bottom(), footer.width(), w * 0.04)
    painter.drawText(address, Qt.AlignmentFlag.AlignCenter, notice.address)
    painter.setPen(QColor("#555555"))
    painter.setFont(_font(w * 0.018))
    law = QRectF(footer.left(), address.bottom() + w * 0.01, footer.width(), w * 0.04)
    painter.drawText(
        law,
        Qt.AlignmentFlag.AlignCenter,
        "「개인정보 보호법」 제25조에 따른 안내 / notice under Article 25 of the "
        "Personal Information Protection Act",
    )
    painter.restore()


def notice_png_bytes(notice: PipaNotice, width: int = PNG_WIDTH) -> bytes:
    image = QImage(width, int(width * A4_RATIO), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    paint_notice(painter, QRectF(0, 0, image.width(), image.height()), notice)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def notice_pdf_bytes(notice: PipaNotice) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
        )
    )
    writer.setTitle(f"{notice.title_ko} — {notice.shop}")
    painter = QPainter()
    if not painter.begin(writer):
        raise StorageError("PDF를 만들 수 없습니다", "cannot create the PDF")
    paint_notice(painter, QRectF(painter.viewport()), notice)
    painter.end()
    buffer.close()
    return bytes(data.data())


def save_notice(notice: PipaNotice, folder: Path) -> tuple[Path, Path]:
    """Write the PDF and the PNG into `folder`; StorageError (disk full, no permission) says so plainly."""
    pdf = write_file_atomic(folder / PDF_NAME, notice_pdf_bytes(notice))
    png = write_file_atomic(folder / PNG_NAME, notice_png_bytes(notice))
    return pdf, png


class NoticePreview(QWidget):
    def __init__(self, notice: PipaNotice) -> None:
        super().__init__()
        self.notice = notice
        self.setMinimumSize(300, int(300 * A4_RATIO))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt override)
        height = min(self.height() - 8, (self.width() - 8) * A4_RATIO)
        width = height / A4_RATIO
        rect = QRectF((self.width() - width) / 2, 4, width, height)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#e0e0e0"))
        paint_notice(painter, rect, self.notice)
        painter.end()


class PipaNoticeView(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.notice = build_notice(context.settings)
        self.preview = NoticePreview(self.notice)
        side = QVBoxLayout()
        heading = QLabel("CCTV 안내문 / CCTV notice")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        side.addWidget(heading)
        explain = QLabel(
            "출입문 등 잘 보이는 곳에 붙이세요. 내용은 설정(점포, 녹화, CCTV 안내판)에서 바뀝니다.\n"
            "Print it and put it up at the door; the text comes from the settings."
        )
        explain.setWordWrap(True)
        side.addWidget(explain)
        self.warnings = QLabel("\n".join(self.notice.missing))
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b00020;")
        side.addWidget(self.warnings)
        self.save_button = QPushButton("PDF·그림으로 저장 / Save PDF and PNG")
        self.save_button.setMinimumHeight(44)
        self.save_button.clicked.connect(self.save)
        side.addWidget(self.save_button)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side.addWidget(self.result)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.preview, 3)
        layout.addLayout(side, 2)

    def save(self) -> None:
        try:
            pdf, png = save_notice(self.notice, self.context.paths.exports)
        except ShopGuardError as exc:
            self.result.setText(str(exc))
            return
        self.result.setText(f"저장했습니다 / saved:\n{pdf}\n{png}")


def _page(context: AppContext) -> QWidget:
    return PipaNoticeView(context)


def _screenshot() -> QWidget:
    from shopguard.config.settings import AppSettings, CameraSettings
    from shopguard.paths import DataPaths, data_dir
    from shopguard.storage.database import open_database

    settings = AppSettings()
    settings.shop.name = "행복 무인아이스크림 역삼점"
    settings.shop.address = "서울특별시 강남구 테헤란로 123, 1층"
    settings.shop.manager_contact = "010-1234-5678"
    settings.privacy.manager_name = "점주 김행복"
    settings.cameras = [
        CameraSettings(id="door", name="출입구", source="0"),
        CameraSettings(id="shelf", name="냉동고 앞", source="1"),
    ]
    return PipaNoticeView(AppContext(DataPaths(data_dir()), settings, open_database(Path(":memory:"))))


PAGE = PageSpec("pipa", "CCTV 안내문", "CCTV notice", 90, _page)
SCREENSHOTS = {"pipa": _screenshot}
