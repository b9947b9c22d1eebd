"""ZoneCanvas: a frozen camera frame to draw zones on. Click to add polygon corners (click the first
corner or double-click to close), two clicks for a door line; right-click removes the last corner,
Esc cancels. Emits shapes in relative 0–1 coordinates."""

from __future__ import annotations

import math
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopguard.config.zones import Zone, ZoneKind
from shopguard.ui.widgets.zone_overlay import paint_zones, to_screen

CLOSE_RADIUS_PX = 12.0
PICK_LINE_PX = 10.0
BLANK_ASPECT = 16 / 9


class DrawMode(Enum):
    SELECT = "select"
    AREA = "area"
    LINE = "line"


class ZoneCanvas(QWidget):
    shape_finished = Signal(object, list)  # ZoneKind, list of (x, y) in 0–1
    zone_clicked = Signal(object)  # zone id or None

    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.zones: list[Zone] = []
        self.selected: str | None = None
        self.mode = DrawMode.SELECT
        self.pending: list[tuple[float, float]] = []
        self._hover: QPointF | None = None
        self.placeholder = ""
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(400, 225)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage | None) -> None:
        self.image = image if image is not None and not image.isNull() else None
        self.update()

    def set_zones(self, zones: list[Zone], selected: str | None = None) -> None:
        self.zones = list(zones)
        self.selected = selected
        self.update()

    def set_mode(self, mode: DrawMode) -> None:
        self.mode = mode
        self.pending = []
        self.setCursor(Qt.CursorShape.CrossCursor if mode != DrawMode.SELECT else Qt.CursorShape.ArrowCursor)
        self.update()

    def picture_rect(self) -> QRectF:
        aspect = self.image.width() / self.image.height() if self.image is not None else BLANK_ASPECT
        w = min(self.width(), self.height() * aspect)
        h = w / aspect
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def to_relative(self, pos: QPointF) -> tuple[float, float]:
        rect = self.picture_rect()
        x = (pos.x() - rect.x()) / rect.width()
        y = (pos.y() - rect.y()) / rect.height()
        return (round(min(max(x, 0.0), 1.0), 4), round(min(max(y, 0.0), 1.0), 4))

    def to_widget(self, point: tuple[float, float]) -> QPointF:
        return to_screen(self.picture_rect(), point)

    # --- mouse and keys ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        pos = event.position()
        if event.button() == Qt.MouseButton.RightButton:
            if self.pending:
                self.pending.pop()
                self.update()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.mode == DrawMode.SELECT:
            self.zone_clicked.emit(self.zone_at(pos))
            return
        if self.mode == DrawMode.AREA and len(self.pending) >= 3:
            first = self.to_widget(self.pending[0])
            if math.hypot(first.x() - pos.x(), first.y() - pos.y()) <= CLOSE_RADIUS_PX:
                self._finish()
                return
        self.pending.append(self.to_relative(pos))
        if self.mode == DrawMode.LINE and len(self.pending) == 2:
            self._finish()
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.mode == DrawMode.AREA and len(self.pending) >= 3:
            # the double-click's first press already added a corner at the same spot
            if len(self.pending) > 3 and self.pending[-1] == self.to_relative(event.position()):
                self.pending.pop()
            self._finish()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._hover = event.position()
        if self.pending:
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape and self.pending:
            self.pending = []
            self.update()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.mode == DrawMode.AREA:
            self._finish()
        else:
            super().keyPressEvent(event)

    def _finish(self) -> None:
        kind = ZoneKind.AREA if self.mode == DrawMode.AREA else ZoneKind.LINE
        points, self.pending = self.pending, []
        self.update()
        self.shape_finished.emit(kind, points)

    def zone_at(self, pos: QPointF) -> str | None:
        rect = self.picture_rect()
        for zone in reversed(self.zones):
            screen = [to_screen(rect, p) for p in zone.points]
            if zone.kind == ZoneKind.AREA:
                if QPolygonF(screen).containsPoint(pos, Qt.FillRule.OddEvenFill):
                    return zone.id
            elif _distance_to_segment(pos, screen[0], screen[1]) <= PICK_LINE_PX:
                return zone.id
        return None

    # --- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#222"))
        rect = self.picture_rect()
        if self.image is not None:
            painter.drawImage(rect, self.image)
        else:
            painter.fillRect(rect, QColor("#333"))
            painter.setPen(QColor("#bbb"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
        paint_zones(painter, rect, self.zones, self.selected)
        if self.pending:
            points = [self.to_widget(p) for p in self.pending]
            painter.setPen(QPen(QColor("#ffffff"), 2, Qt.PenStyle.DashLine))
            for a, b in zip(points, points[1:], strict=False):
                painter.drawLine(a, b)
            if self._hover is not None:
                painter.drawLine(points[-1], self._hover)
            painter.setBrush(QColor("#ffeb3b"))
            for point in points:
                painter.drawEllipse(point, 5, 5)
        painter.end()


def _distance_to_segment(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length2 = dx * dx + dy * dy or 1e-9
    t = max(0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2))
    return math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy))
