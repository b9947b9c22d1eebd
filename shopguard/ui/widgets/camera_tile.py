"""CameraTileWidget: one camera's newest picture with person boxes, track ids, zones, name, clock,
fps and a health badge. Paints on the GUI thread only; does no image work beyond drawing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopguard.config.zones import Zone
from shopguard.services.camera_health import CameraHealth
from shopguard.services.camera_worker import CameraView
from shopguard.ui.i18n import translated
from shopguard.ui.widgets.zone_overlay import paint_zones

HEALTH_LABELS = {
    CameraHealth.LIVE: (QT_TRANSLATE_NOOP("CameraTile", "LIVE"), QColor("#1e8e3e")),
    CameraHealth.RECONNECTING: (QT_TRANSLATE_NOOP("CameraTile", "RECONNECTING"), QColor("#b06000")),
    CameraHealth.OFFLINE: (QT_TRANSLATE_NOOP("CameraTile", "OFFLINE"), QColor("#c5221f")),
    CameraHealth.COVERED: (QT_TRANSLATE_NOOP("CameraTile", "COVERED"), QColor("#8e24aa")),
    CameraHealth.ENDED: (QT_TRANSLATE_NOOP("CameraTile", "ENDED"), QColor("#5f6368")),
}
HEALTH_HINTS = {
    CameraHealth.RECONNECTING: QT_TRANSLATE_NOOP("CameraTile", "Connecting to the camera…"),
    CameraHealth.OFFLINE: QT_TRANSLATE_NOOP(
        "CameraTile", "No picture from this camera. Check its cable; it reconnects by itself."
    ),
    CameraHealth.COVERED: QT_TRANSLATE_NOOP("CameraTile", "The lens seems covered or blinded."),
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
        self.health = CameraHealth.RECONNECTING
        self.message = ""
        self.zones: list[Zone] = []
        self.frames_shown = 0
        self.setMinimumSize(200, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"camera {name}")
        self.setToolTip(
            QCoreApplication.translate(
                "CameraTile", "Click to enlarge; click again to go back to all cameras"
            )
        )

    def show_view(self, view: CameraView) -> None:
        self.view = view
        self.frames_shown += 1
        self.update()

    def set_health(self, health: CameraHealth, message: str = "") -> None:
        self.health = health
        self.message = message or self.message
        self.update()

    def set_zones(self, zones: list[Zone]) -> None:
        self.zones = list(zones)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.camera_id)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#111"))
        target = self._draw_picture(painter)
        if target is not None:
            if self.health in (CameraHealth.OFFLINE, CameraHealth.ENDED):
                painter.fillRect(target, QColor(0, 0, 0, 150))  # an old picture must not look live
            paint_zones(painter, target, self.zones)
            if self.view is not None and self.view.result is not None:
                self._draw_tracks(painter, target)
        self._draw_header(painter)
        hint = HEALTH_HINTS.get(self.health)
        if self.view is None or hint is not None and self.health != CameraHealth.RECONNECTING:
            text = translated("CameraTile", hint) if hint else ""
            if self.message and self.health != CameraHealth.COVERED:
                text = f"{text}\n{self.message}"
            painter.setPen(QColor("#eee"))
            painter.drawText(
                self.rect().adjusted(12, 40, -12, -12),
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
            if not track.shown:
                continue  # held by the tracker for a while, but no longer where it was last seen
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
                max(target.y(), box.y() - metrics.height() - 2),
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
        label_key, colour = HEALTH_LABELS[self.health]
        label = translated("CameraTile", label_key)
        badge_w = metrics.horizontalAdvance(label) + 16
        badge = QRectF(self.width() - badge_w - 6, 4, badge_w, bar_h - 8)
        painter.setPen(QColor("#fff"))
        clock = datetime.now(self.zone).strftime("%H:%M:%S")
        fps = f"{self.view.fps:.0f} fps" if self.view is not None else ""
        text_rect = QRectF(8, 0, badge.x() - 14, bar_h)
        text = metrics.elidedText(
            f"{self.name}   {clock}   {fps}", Qt.TextElideMode.ElideMiddle, int(text_rect.width())
        )
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(badge, 6, 6)
        painter.setPen(QColor("#fff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
        painter.setBrush(Qt.BrushStyle.NoBrush)
