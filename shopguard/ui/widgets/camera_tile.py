"""CameraTileWidget: one camera's newest picture with boxes, track ids, name, clock, fps, health."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopguard.services.camera_worker import CameraView
from shopguard.vision.sources import SourceStatus

STATUS_LABELS = {
    SourceStatus.LIVE: ("실시간 LIVE", QColor("#1e8e3e")),
    SourceStatus.RECONNECTING: ("재연결 중 RECONNECTING", QColor("#b06000")),
    SourceStatus.OFFLINE: ("연결 끊김 OFFLINE", QColor("#c5221f")),
    SourceStatus.ENDED: ("영상 끝 ENDED", QColor("#5f6368")),
}
TRACK_COLOURS = ("#00e5ff", "#ffea00", "#ff4081", "#76ff03", "#ff9100", "#d500f9", "#1de9b6")


class CameraTileWidget(QWidget):
    clicked = Signal(str)

    def __init__(self, camera_id: str, name: str, timezone: str = "Asia/Seoul") -> None:
        super().__init__()
        self.camera_id = camera_id
        self.name = name
        self.zone = ZoneInfo(timezone)
        self.view: CameraView | None = None
        self.status = SourceStatus.OFFLINE
        self.message = ""
        self.setMinimumSize(240, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"camera {name}")

    def show_view(self, view: CameraView) -> None:
        self.view = view
        self.status = view.status
        self.update()

    def set_status(self, status: SourceStatus, message: str = "") -> None:
        self.status = status
        self.message = message or self.message
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.camera_id)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#111"))
        target = self._draw_picture(painter)
        if target is not None and self.view is not None and self.view.result is not None:
            self._draw_tracks(painter, target)
        self._draw_header(painter)
        if self.view is None:
            painter.setPen(QColor("#ddd"))
            text = self.message or "카메라 연결 중… / Connecting…"
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                text,
            )
        painter.end()

    def _draw_picture(self, painter: QPainter) -> QRectF | None:
        if self.view is None:
            return None
        image = self.view.image
        height, width = image.shape[:2]
        qimage = QImage(image.data, width, height, image.strides[0], QImage.Format.Format_BGR888)
        scale = min(self.width() / width, self.height() / height)
        w, h = width * scale, height * scale
        target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        painter.drawImage(target, qimage)
        return target

    def _draw_tracks(self, painter: QPainter, target: QRectF) -> None:
        assert self.view is not None and self.view.result is not None
        result = self.view.result
        sx, sy = target.width() / result.width, target.height() / result.height
        label_font = QFont(self.font())
        label_font.setPointSize(10)
        label_font.setBold(True)
        painter.setFont(label_font)
        for track in result.tracks:
            colour = QColor(TRACK_COLOURS[track.track_id % len(TRACK_COLOURS)])
            pen = QPen(colour, 2, Qt.PenStyle.DashLine if track.lost_frames else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            box = QRectF(
                target.x() + track.box.x1 * sx,
                target.y() + track.box.y1 * sy,
                track.box.width * sx,
                track.box.height * sy,
            )
            painter.drawRect(box)
            label = f"#{track.track_id} {track.score:.0%}"
            metrics = painter.fontMetrics()
            label_rect = QRectF(
                box.x(),
                box.y() - metrics.height() - 2,
                metrics.horizontalAdvance(label) + 8,
                metrics.height() + 2,
            )
            painter.fillRect(label_rect, colour)
            painter.setPen(QColor("#000"))
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, label)

    def _draw_header(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSize(11)
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        bar_h = metrics.height() + 10
        painter.fillRect(QRectF(0, 0, self.width(), bar_h), QColor(0, 0, 0, 170))
        painter.setPen(QColor("#fff"))
        clock = datetime.now(self.zone).strftime("%H:%M:%S")
        fps = f"{self.view.fps:.0f} fps" if self.view is not None else ""
        painter.drawText(
            QRectF(8, 0, self.width() - 16, bar_h),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            f"{self.name}   {clock}   {fps}",
        )
        label, colour = STATUS_LABELS[self.status]
        badge_w = metrics.horizontalAdvance(label) + 16
        badge = QRectF(self.width() - badge_w - 6, 4, badge_w, bar_h - 8)
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(badge, 6, 6)
        painter.setPen(QColor("#fff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
        painter.setBrush(Qt.BrushStyle.NoBrush)
