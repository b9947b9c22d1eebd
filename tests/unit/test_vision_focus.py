"""Focus regions around door lines: where they lie, and that crops and the whole frame merge."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection
from shopguard.vision.detector import DetectorOutput
from shopguard.vision.focus import FocusedDetector, door_focus_regions, merge_detections

DOOR = Zone(id="door", name="문", kind=ZoneKind.LINE, points=[(0.5, 0.5), (0.7, 0.5)], rules=[RuleKind.DOOR])


def test_region_surrounds_the_line_mostly_above_it() -> None:
    (region,) = door_focus_regions([DOOR])
    assert region.x1 == pytest.approx(0.45) and region.x2 == pytest.approx(0.75)
    assert region.y1 == pytest.approx(0.32) and region.y2 == pytest.approx(0.6)


def test_only_door_lines_get_regions() -> None:
    area = Zone(id="shelf", name="선반", points=[(0.1, 0.1), (0.3, 0.1), (0.2, 0.3)], rules=[RuleKind.LOITER])
    plain_line = DOOR.model_copy(update={"rules": []})
    assert door_focus_regions([area, plain_line]) == []


def test_a_line_across_the_whole_picture_gets_no_region() -> None:
    wide = DOOR.model_copy(update={"points": [(0.0, 0.6), (1.0, 0.6)]})
    assert door_focus_regions([wide]) == []


def test_same_person_seen_twice_counts_once() -> None:
    whole = Detection(Box(100, 100, 140, 200), 0.6)
    crop = Detection(Box(102, 98, 141, 203), 0.9)
    other = Detection(Box(300, 100, 340, 200), 0.7)
    merged = merge_detections([whole, crop, other])
    assert merged == (crop, other)


class CropDetector:
    """Finds a person only when the picture is small enough (a crop), like SSDLite with far people."""

    def detect(self, frame: np.ndarray) -> DetectorOutput:
        h, w = frame.shape[:2]
        found = (Detection(Box(10, 10, 30, 60), 0.8),) if w < 400 else ()
        return DetectorOutput(found, 2.0)


def test_people_found_in_a_crop_come_back_in_frame_pixels() -> None:
    regions = door_focus_regions([DOOR])
    out = FocusedDetector(CropDetector(), regions).detect(np.zeros((480, 640, 3), np.uint8))
    (det,) = out.detections
    assert det.box.x1 == pytest.approx(0.45 * 640 + 10, abs=1) and det.box.y1 == pytest.approx(
        0.32 * 480 + 10, abs=1
    )
    assert out.model_ms == 4.0
