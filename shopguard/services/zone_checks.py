"""Shape checks for the zone editor (pure, no Qt): too few points, tiny, self-intersecting, short lines.
Points are relative 0–1 picture coordinates."""

from __future__ import annotations

import math
from enum import Enum

MIN_AREA_FRACTION = 0.002  # 0.2 % of the picture: smaller zones cannot hold a person's feet
MIN_LINE_LENGTH = 0.03  # 3 % of the picture's diagonal-free unit square
Point = tuple[float, float]


class ShapeProblem(Enum):
    TOO_FEW_POINTS = "too_few_points"
    TINY = "tiny"
    SELF_INTERSECTING = "self_intersecting"
    LINE_TOO_SHORT = "line_too_short"


def polygon_area(points: list[Point]) -> float:
    """Shoelace formula; positive for any orientation."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on_segment(a: Point, b: Point, p: Point) -> bool:
    return (
        min(a[0], b[0]) - 1e-12 <= p[0] <= max(a[0], b[0]) + 1e-12
        and min(a[1], b[1]) - 1e-12 <= p[1] <= max(a[1], b[1]) + 1e-12
    )


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """True when segments ab and cd touch or cross (collinear overlaps included)."""
    o1, o2, o3, o4 = _orient(a, b, c), _orient(a, b, d), _orient(c, d, a), _orient(c, d, b)
    if (o1 > 0) != (o2 > 0) and (o3 > 0) != (o4 > 0) and o1 and o2 and o3 and o4:
        return True
    return (
        (o1 == 0 and _on_segment(a, b, c))
        or (o2 == 0 and _on_segment(a, b, d))
        or (o3 == 0 and _on_segment(c, d, a))
        or (o4 == 0 and _on_segment(c, d, b))
    )


def self_intersects(points: list[Point]) -> bool:
    """Any two edges that are not neighbours meet: a bow-tie or a loop."""
    edges = list(zip(points, points[1:] + points[:1], strict=True))
    count = len(edges)
    for i in range(count):
        for j in range(i + 1, count):
            if j == i + 1 or (i == 0 and j == count - 1):
                continue  # neighbours share a corner by design
            if segments_cross(*edges[i], *edges[j]):
                return True
    return False


def check_area(points: list[Point]) -> ShapeProblem | None:
    if len(points) < 3:
        return ShapeProblem.TOO_FEW_POINTS
    if self_intersects(points):
        return ShapeProblem.SELF_INTERSECTING
    if polygon_area(points) < MIN_AREA_FRACTION:
        return ShapeProblem.TINY
    return None


def check_line(points: list[Point]) -> ShapeProblem | None:
    if len(points) != 2:
        return ShapeProblem.TOO_FEW_POINTS
    (x1, y1), (x2, y2) = points
    return ShapeProblem.LINE_TOO_SHORT if math.hypot(x2 - x1, y2 - y1) < MIN_LINE_LENGTH else None
