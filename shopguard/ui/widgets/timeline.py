"""TimelineWidget: a time span as a bar — recorded stretches, event markers, the playhead; click
or drag to pick a moment (`seek_requested` on release). Hour labels in the shop's time zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopguard.recording.timeline import Timeline

RECORDED = QColor("#2e7d32")
EMPTY = QColor("#e0e0e0")
PLAYHEAD = QColor("#1565c0")
EVENT_COLOURS = {
    "intrusion": QColor("#c62828"),
    "fall": QColor("#ad1457"),
    "loiter": QColor("#ef6c00"),
    "tamper": QColor("#6a1b9a"),
    "tailgate": QColor("#d84315"),
    "unpaid_exit": QColor("#b71c1c"),
}
OTHER_EVENT = QColor("#f9a825")
BAR_TOP, BAR_HEIGHT, LABEL_GAP = 22, 34, 4


class TimelineWidget(QWidget):
    seek_requested = Signal(object)  # datetime (UTC)

    def __init__(self, timezone: str = "Asia/Seoul") -> None:
        super().__init__()
        self.zone = ZoneInfo(timezone)
        self.timeline: Timeline | None = None
        self.playhead: datetime | None = None
        self._dragging: datetime | None = None
        self.setMinimumHeight(BAR_TOP + BAR_HEIGHT + 26)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("timeline")

    def set_timeline(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.update()

    def set_playhead(self, moment: datetime | None) -> None:
        self.playhead = moment
        self.update()

    # --- geometry -------------------------------------------------------------------------------
    def _bar(self) -> QRectF:
        return QRectF(8, BAR_TOP, max(1, self.width() - 16), BAR_HEIGHT)

    def x_for(self, moment: datetime) -> float:
        assert self.timeline is not None
        bar = self._bar()
        span = (self.timeline.end_utc - self.timeline.start_utc).total_seconds()
        offset = (moment - self.timeline.start_utc).total_seconds()
        return bar.left() + bar.width() * min(max(offset / span, 0.0), 1.0)

    def moment_at(self, x: float) -> datetime:
        assert self.timeline is not None
        bar = self._bar()
        fraction = min(max((x - bar.left()) / bar.width(), 0.0), 1.0)
        return self.timeline.start_utc + (self.timeline.end_utc - self.timeline.start_utc) * fraction

    # --- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.timeline is not None and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = self.moment_at(event.position().x())
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._dragging is not None:
            self._dragging = self.moment_at(event.position().x())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._dragging is not None:
            moment, self._dragging = self._dragging, None
            self.playhead = moment
            self.seek_requested.emit(moment)

    # --- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar = self._bar()
        painter.fillRect(bar, EMPTY)
        if self.timeline is None:
            painter.end()
            return
        for stretch in self.timeline.stretches:
            left, right = self.x_for(stretch.start_utc), self.x_for(stretch.end_utc)
            painter.fillRect(QRectF(left, bar.top(), max(1.5, right - left), bar.height()), RECORDED)
        self._draw_hours(painter, bar)
        for mark in self.timeline.events:
            colour = EVENT_COLOURS.get(mark.type, OTHER_EVENT)
            left = self.x_for(mark.start_utc)
            right = self.x_for(mark.end_utc or mark.start_utc)
            painter.fillRect(QRectF(left, bar.top(), max(3.0, right - left), bar.height()), colour)
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(
                QPolygonF([QPointF(left - 6, 4), QPointF(left + 6, 4), QPointF(left, BAR_TOP - 2)])
            )
        moment = self._dragging or self.playhead
        if moment is not None:
            x = self.x_for(moment)
            painter.setPen(QPen(PLAYHEAD, 3))
            painter.drawLine(QPointF(x, BAR_TOP - 4), QPointF(x, bar.bottom() + 4))
        painter.end()

    def _draw_hours(self, painter: QPainter, bar: QRectF) -> None:
        assert self.timeline is not None
        span_h = (self.timeline.end_utc - self.timeline.start_utc).total_seconds() / 3600
        step = timedelta(hours=1 if span_h <= 12 else 3) if span_h > 2 else timedelta(minutes=10)
        local = self.timeline.start_utc.astimezone(self.zone)
        if step >= timedelta(hours=1):
            tick = local.replace(minute=0, second=0, microsecond=0)
        else:
            tick = local.replace(minute=local.minute - local.minute % 10, second=0, microsecond=0)
        painter.setPen(QColor("#444"))
        while tick <= self.timeline.end_utc:
            if tick >= self.timeline.start_utc:
                x = self.x_for(tick)
                painter.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 5))
                left = min(max(x - 30, 0.0), self.width() - 60.0)  # keep edge labels whole
                painter.drawText(
                    QRectF(left, bar.bottom() + LABEL_GAP, 60, 20),
                    Qt.AlignmentFlag.AlignCenter,
                    tick.strftime("%H:%M"),
                )
            tick += step
