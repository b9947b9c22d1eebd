"""Focus regions: parts of the picture the detector also looks at up close. SSDLite sees every
input at 300×300, so people under ~60 px tall are missed; a crop around a door line, enlarged to
300×300, makes the people crossing it big enough to find (DESIGN.md: cropping or tiling, at the
cost of one more detector run per region)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection
from shopguard.vision.detector import Detector, DetectorOutput

ABOVE_LINE = 0.9  # region reaches this many line lengths above the line (people stand on it)…
BELOW_LINE = 0.5  # …and this many below
BESIDE_LINE = 0.25
MAX_REGION_FRACTION = 0.6  # a region almost as big as the picture gains nothing
MERGE_IOU = 0.5
MERGE_INSIDE = 0.7


def door_focus_regions(zones: Iterable[Zone]) -> list[Box]:
    """Relative (0–1) regions around each door line."""
    regions = []
    for zone in zones:
        if zone.kind is not ZoneKind.LINE or RuleKind.DOOR not in zone.rules:
            continue
        (x1, y1), (x2, y2) = zone.points
        length = max(float(np.hypot(x2 - x1, y2 - y1)), 0.05)
        box = Box(
            max(0.0, min(x1, x2) - BESIDE_LINE * length),
            max(0.0, min(y1, y2) - ABOVE_LINE * length),
            min(1.0, max(x1, x2) + BESIDE_LINE * length),
            min(1.0, max(y1, y2) + BELOW_LINE * length),
        )
        if box.area <= MAX_REGION_FRACTION:
            regions.append(box)
    return regions


class FocusedDetector:
    """Runs a detector on the whole frame and on each focus region; merges the boxes."""

    def __init__(self, detector: Detector, regions: list[Box]) -> None:
        self.detector = detector
        self.regions = regions

    def detect(self, frame_bgr: np.ndarray) -> DetectorOutput:
        height, width = frame_bgr.shape[:2]
        whole = self.detector.detect(frame_bgr)
        found = list(whole.detections)
        model_ms = whole.model_ms
        for region in self.regions:
            x0, y0 = int(region.x1 * width), int(region.y1 * height)
            x1, y1 = int(region.x2 * width), int(region.y2 * height)
            if x1 - x0 < 8 or y1 - y0 < 8:
                continue
            out = self.detector.detect(frame_bgr[y0:y1, x0:x1])
            model_ms += out.model_ms
            for det in out.detections:
                b = det.box
                found.append(Detection(Box(b.x1 + x0, b.y1 + y0, b.x2 + x0, b.y2 + y0), det.score))
        return DetectorOutput(merge_detections(found), model_ms)


def merge_detections(detections: list[Detection]) -> tuple[Detection, ...]:
    """Greedy non-maximum suppression: the same person seen whole and in a crop counts once."""
    kept: list[Detection] = []
    for det in sorted(detections, key=lambda d: d.score, reverse=True):
        if not any(_same(det.box, k.box) for k in kept):
            kept.append(det)
    return tuple(kept)


def _same(a: Box, b: Box) -> bool:
    if a.iou(b) >= MERGE_IOU:
        return True
    smaller = min(a.area, b.area)
    return smaller > 0 and a.intersection_area(b) / smaller >= MERGE_INSIDE
