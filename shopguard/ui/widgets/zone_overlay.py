"""Paint zones (translucent polygons) and door lines (with an arrow to the inside) over a picture.
Shared by the camera tiles and the zone editor; zones are in 0–1 picture coordinates."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF

from shopguard.config.zones import RuleKind, Zone, ZoneKind

RULE_COLOURS = {
    RuleKind.INTRUSION: "#ff5252",
    RuleKind.LOITER: "#ffab40",
    RuleKind.DOOR: "#40c4ff",
    RuleKind.PRODUCT: "#69f0ae",
    RuleKind.FALL: "#e040fb",
}
DEFAULT_COLOUR = "#b0bec5"
FILL_ALPHA = 60
ARROW_PX = 28.0


def zone_colour(zone: Zone) -> QColor:
    return QColor(RULE_COLOURS.get(zone.rules[0], DEFAULT_COLOUR) if zone.rules else DEFAULT_COLOUR)


def to_screen(target: QRectF, point: tuple[float, float]) -> QPointF:
    return QPointF(target.x() + point[0] * target.width(), target.y() + point[1] * target.height())


def inside_normal(p1: QPointF, p2: QPointF, inside_left: bool) -> QPointF:
    """Unit normal pointing to the inside. On screen (y grows downwards) the left of p1→p2 is
    (dy, -dx); equivalently a point p is on the left when cross(p2 - p1, p - p1) < 0."""
    dx, dy = p2.x() - p1.x(), p2.y() - p1.y()
    length = math.hypot(dx, dy) or 1.0
    nx, ny = dy / length, -dx / length
    return QPointF(nx, ny) if inside_left else QPointF(-nx, -ny)


def paint_line_arrow(painter: QPainter, p1: QPointF, p2: QPointF, inside_left: bool, colour: QColor) -> None:
    mid = (p1 + p2) / 2
    normal = inside_normal(p1, p2, inside_left)
    tip = mid + normal * ARROW_PX
    painter.setPen(QPen(colour, 3))
    painter.drawLine(mid, tip)
    side = QPointF(-normal.y(), normal.x()) * (ARROW_PX / 3)
    back = tip - normal * (ARROW_PX / 2.5)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([tip, back + side, back - side]))
    painter.setBrush(Qt.BrushStyle.NoBrush)


def paint_zones(painter: QPainter, target: QRectF, zones: list[Zone], selected: str | None = None) -> None:
    font = QFont(painter.font())
    font.setPointSize(10)
    font.setBold(True)
    painter.save()
    painter.setFont(font)
    for zone in zones:
        colour = zone_colour(zone)
        points = [to_screen(target, p) for p in zone.points]
        width = 4 if zone.id == selected else 2
        if zone.kind == ZoneKind.AREA:
            fill = QColor(colour)
            fill.setAlpha(FILL_ALPHA * (2 if zone.id == selected else 1))
            painter.setBrush(fill)
            painter.setPen(QPen(colour, width))
            painter.drawPolygon(QPolygonF(points))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            anchor = QPointF(min(p.x() for p in points), min(p.y() for p in points))
        else:
            painter.setPen(QPen(colour, width + 1))
            painter.drawLine(points[0], points[1])
            paint_line_arrow(painter, points[0], points[1], zone.inside_left, colour)
            anchor = points[0]
        _label(painter, anchor, zone.name, colour)
    painter.restore()


def _label(painter: QPainter, anchor: QPointF, text: str, colour: QColor) -> None:
    metrics = painter.fontMetrics()
    rect = QRectF(anchor.x() + 2, anchor.y() + 2, metrics.horizontalAdvance(text) + 8, metrics.height() + 2)
    back = QColor(0, 0, 0, 150)
    painter.fillRect(rect, back)
    painter.setPen(colour)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
