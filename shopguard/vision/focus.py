"""Door lines and the floor around them (where movement starts door watch, and where the regions
get a MoveNet look too), and the merging of one person seen in several looks into one box."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection

# Door watch starts when something moves this close to the line (line lengths around its ends and
# either side): people walking about further inside the shop do not start it. CAVIAR: at 0.25 the
# watch started too late for an entry along the shop front.
THRESHOLD_BAND_LINES = 0.5
MERGE_IOU = 0.5
MERGE_INSIDE = 0.7


def door_lines(zones: Iterable[Zone]) -> list[Zone]:
    return [z for z in zones if z.kind is ZoneKind.LINE and RuleKind.DOOR in z.rules]


def _line_px(zone: Zone, width: int, height: int) -> tuple[float, float, float, float, float]:
    """A line zone's end points in pixels, and its length."""
    (x1, y1), (x2, y2) = ((x * width, y * height) for x, y in zone.points)
    return x1, y1, x2, y2, float(np.hypot(x2 - x1, y2 - y1))


def door_threshold_areas(zones: Iterable[Zone], width: int, height: int) -> list[Box]:
    """The floor just around each door line, in pixels: where a crossing is about to happen."""
    areas = []
    for zone in door_lines(zones):
        x1, y1, x2, y2, length = _line_px(zone, width, height)
        band = THRESHOLD_BAND_LINES * length
        box = Box(min(x1, x2) - band, min(y1, y2) - band, max(x1, x2) + band, max(y1, y2) + band)
        areas.append(box.clipped(width, height))
    return areas


class DoorAreas:
    """Where movement starts door watch, in pixels, worked out once per picture size."""

    def __init__(self, doors: Iterable[Zone]) -> None:
        self.doors = list(doors)
        self._areas: dict[tuple[int, int], list[Box]] = {}

    def around(self, width: int, height: int) -> list[Box]:
        if (width, height) not in self._areas:
            self._areas[(width, height)] = door_threshold_areas(self.doors, width, height)
        return self._areas[(width, height)]


def merge_detections(detections: list[Detection]) -> tuple[Detection, ...]:
    """Greedy non-maximum suppression: the same person seen whole and in a crop counts once."""
    kept: list[Detection] = []
    for det in sorted(detections, key=lambda d: d.score, reverse=True):
        if not any(same_person(det.box, k.box) for k in kept):
            kept.append(det)
    return tuple(kept)


def same_person(a: Box, b: Box) -> bool:
    """Two boxes of one person: they overlap well, or the smaller lies mostly inside the bigger."""
    if a.iou(b) >= MERGE_IOU:
        return True
    smaller = min(a.area, b.area)
    return smaller > 0 and a.intersection_area(b) / smaller >= MERGE_INSIDE
