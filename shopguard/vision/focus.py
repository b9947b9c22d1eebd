"""Focus regions: the part of the picture around a door line, also looked at up close. SSDLite sees
every input at 300×300 and MoveNet at 256 px, so people under ~60 px tall are missed in the whole
frame; a square crop around the door, enlarged to the models' input, makes the people crossing it
big enough to find (DESIGN.md: cropping to the area of interest, at the cost of more model runs)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection
from shopguard.vision.detector import Detector, DetectorOutput
from shopguard.vision.pose import MoveNetPoseEstimator, pose_person

# Side of the square crop in door-line lengths, centred on the line: room for people walking up
# to the door along the shop front and standing a body height either side of the threshold.
# Measured on the CAVIAR shop door (line 127 px, people ~60 px) with door watch: 1.5–1.8 count
# all four crossings; 1.4 cuts off the entry along the shop front, 2.0 shrinks the people so far
# that both crossings of EnterExitCrossingPaths are lost.
FOCUS_SIDE_LINES = 1.65
MIN_SIDE_PX = 64
# Door watch starts when something moves this close to the line (line lengths around its ends and
# either side): people walking about further inside the shop do not start it. CAVIAR: at 0.25 the
# watch starts too late for the entry along the shop front when the close-up is 1.8 lines wide.
THRESHOLD_BAND_LINES = 0.5
MAX_REGION_FRACTION = 0.6  # a region almost as big as the picture gains nothing
MERGE_IOU = 0.5
MERGE_INSIDE = 0.7


def door_lines(zones: Iterable[Zone]) -> list[Zone]:
    return [z for z in zones if z.kind is ZoneKind.LINE and RuleKind.DOOR in z.rules]


def _line_px(zone: Zone, width: int, height: int) -> tuple[float, float, float, float, float]:
    """A line zone's end points in pixels, and its length."""
    (x1, y1), (x2, y2) = ((x * width, y * height) for x, y in zone.points)
    return x1, y1, x2, y2, float(np.hypot(x2 - x1, y2 - y1))


def door_focus_regions(zones: Iterable[Zone], width: int, height: int) -> list[Box]:
    """Square regions in pixels, one per door line, kept inside the picture. The square keeps the
    people's proportions when the models resize it to their square input."""
    regions = []
    for zone in door_lines(zones):
        x1, y1, x2, y2, length = _line_px(zone, width, height)
        side = min(max(FOCUS_SIDE_LINES * length, MIN_SIDE_PX), width, height)
        if side * side > MAX_REGION_FRACTION * width * height:
            continue
        left = min(max((x1 + x2) / 2 - side / 2, 0.0), width - side)
        top = min(max((y1 + y2) / 2 - side / 2, 0.0), height - side)
        regions.append(Box(left, top, left + side, top + side))
    return regions


def door_threshold_areas(zones: Iterable[Zone], width: int, height: int) -> list[Box]:
    """The floor just around each door line, in pixels: where a crossing is about to happen."""
    areas = []
    for zone in door_lines(zones):
        x1, y1, x2, y2, length = _line_px(zone, width, height)
        band = THRESHOLD_BAND_LINES * length
        box = Box(min(x1, x2) - band, min(y1, y2) - band, max(x1, x2) + band, max(y1, y2) + band)
        areas.append(box.clipped(width, height))
    return areas


class FocusedDetector:
    """Runs the detector on the whole frame, and the detector and the pose model on each door's
    region; merges the boxes. In the close-up, MoveNet finds people SSDLite misses (dark clothes
    against a dark floor, CAVIAR: MoveNet 0.2–0.4 where SSDLite finds nothing), so its skeletons
    count as detections there as they do for readable people in the whole frame."""

    def __init__(
        self, detector: Detector, zones: Iterable[Zone], pose: MoveNetPoseEstimator | None = None
    ) -> None:
        self.detector = detector
        self.pose = pose
        self.doors = door_lines(zones)
        self._regions: dict[tuple[int, int], list[Box]] = {}
        self._areas: dict[tuple[int, int], list[Box]] = {}

    def regions(self, width: int, height: int) -> list[Box]:
        """The close-ups, in pixels (worked out once per picture size)."""
        if (width, height) not in self._regions:
            self._regions[(width, height)] = door_focus_regions(self.doors, width, height)
        return self._regions[(width, height)]

    def threshold_areas(self, width: int, height: int) -> list[Box]:
        """Where movement starts door watch, in pixels (worked out once per picture size)."""
        if (width, height) not in self._areas:
            self._areas[(width, height)] = door_threshold_areas(self.doors, width, height)
        return self._areas[(width, height)]

    def detect(self, frame_bgr: np.ndarray) -> DetectorOutput:
        height, width = frame_bgr.shape[:2]
        whole = self.detector.detect(frame_bgr)
        found = list(whole.detections)
        model_ms = whole.model_ms
        for region in self.regions(width, height):
            x0, y0 = round(region.x1), round(region.y1)
            crop = frame_bgr[y0 : round(region.y2), x0 : round(region.x2)]
            out = self.detector.detect(crop)
            model_ms += out.model_ms
            seen = list(out.detections)
            if self.pose is not None:
                poses = self.pose.estimate(crop)
                model_ms += poses.model_ms
                seen += [pose_person(p) for p in poses.poses]
            found += [Detection(d.box.shifted(x0, y0), d.score) for d in seen]
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
