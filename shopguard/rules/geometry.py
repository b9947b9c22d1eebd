"""Zone shapes in pixels: point in polygon, which side of a door line, foot points of tracks."""

from __future__ import annotations

import math
from dataclasses import dataclass

from shopguard.config.zones import Zone
from shopguard.domain.geometry import Box

Point = tuple[float, float]


def to_pixels(points: list[tuple[float, float]], width: int, height: int) -> list[Point]:
    """Relative 0–1 zone points to pixel coordinates of a picture of this size."""
    return [(x * width, y * height) for x, y in points]


def foot_point(box: Box, width: int, height: int) -> Point:
    """The bottom centre of a person's box, kept one pixel inside the picture: a box cut off by
    the bottom edge still stands in a zone drawn down to that edge."""
    x, y = box.bottom_center
    return (min(max(x, 0.0), width - 1.0), min(max(y, 0.0), height - 1.0))


def point_in_polygon(point: Point, polygon: list[Point]) -> bool:
    """Even-odd ray casting; points exactly on an edge may fall either way."""
    x, y = point
    inside = False
    count = len(polygon)
    for i in range(count):
        x1, y1 = polygon[i]
        x2, y2 = polygon[(i + 1) % count]
        if (y1 > y) != (y2 > y):
            x_cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < x_cross:
                inside = not inside
    return inside


@dataclass(frozen=True, slots=True)
class LinePosition:
    """Where a point lies relative to a door line, in pixels."""

    signed_px: float  # > 0 on the inside, < 0 on the outside
    along: float  # 0 at point 1, 1 at point 2 (projection onto the segment)


def line_position(point: Point, p1: Point, p2: Point, inside_left: bool) -> LinePosition:
    """Image y grows downwards, so 'left of p1 → p2' as seen on screen is a negative cross product."""
    dx, dy = p2[0] - p1[0], p2[1] - p1[1]
    length = math.hypot(dx, dy) or 1e-9
    vx, vy = point[0] - p1[0], point[1] - p1[1]
    cross = (dx * vy - dy * vx) / length
    signed = -cross if inside_left else cross
    along = (vx * dx + vy * dy) / (length * length)
    return LinePosition(signed_px=signed, along=along)


@dataclass(frozen=True)
class ZoneShape:
    """A zone resolved to the pixel size of the frames being analysed."""

    zone: Zone
    points: list[Point]

    @classmethod
    def of(cls, zone: Zone, width: int, height: int) -> ZoneShape:
        return cls(zone, to_pixels(list(zone.points), width, height))

    def contains(self, point: Point) -> bool:
        return point_in_polygon(point, self.points)


class ShapeCache:
    """Zones resolved once per picture size (a camera may change resolution after a reconnect)."""

    def __init__(self) -> None:
        self._shapes: dict[tuple[str, int, int], ZoneShape] = {}

    def get(self, zone: Zone, width: int, height: int) -> ZoneShape:
        key = (zone.id, width, height)
        shape = self._shapes.get(key)
        if shape is None:
            shape = self._shapes[key] = ZoneShape.of(zone, width, height)
        return shape
