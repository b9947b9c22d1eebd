"""Focus regions around door lines: where they lie, their shape, and how crops merge with the frame."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection, Pose
from shopguard.vision.detector import DetectorOutput
from shopguard.vision.focus import (
    FOCUS_SIDE_LINES,
    FocusedDetector,
    door_focus_regions,
    merge_detections,
)
from shopguard.vision.pose import PERSON_SCORE_OFFSET, PoseOutput

W, H = 640, 480
DOOR = Zone(id="door", name="문", kind=ZoneKind.LINE, points=[(0.5, 0.5), (0.7, 0.5)], rules=[RuleKind.DOOR])


def test_region_is_a_square_centred_on_the_line() -> None:
    (region,) = door_focus_regions([DOOR], W, H)
    side = FOCUS_SIDE_LINES * 0.2 * W
    assert region.width == pytest.approx(side) and region.height == pytest.approx(side)
    assert region.center == pytest.approx((0.6 * W, 0.5 * H))
    assert region.x1 < 0.5 * W and region.x2 > 0.7 * W  # the whole line and some floor beside it


def test_region_near_the_edge_is_moved_inside_the_picture_not_cut() -> None:
    corner = DOOR.model_copy(update={"points": [(0.8, 0.95), (0.98, 0.95)]})
    (region,) = door_focus_regions([corner], W, H)
    assert region.x2 == pytest.approx(W) and region.y2 == pytest.approx(H)
    assert region.width == pytest.approx(region.height)


def test_only_door_lines_get_regions() -> None:
    area = Zone(id="shelf", name="선반", points=[(0.1, 0.1), (0.3, 0.1), (0.2, 0.3)], rules=[RuleKind.LOITER])
    plain_line = DOOR.model_copy(update={"rules": []})
    assert door_focus_regions([area, plain_line], W, H) == []


def test_a_line_across_the_whole_picture_gets_no_region() -> None:
    wide = DOOR.model_copy(update={"points": [(0.0, 0.6), (1.0, 0.6)]})
    assert door_focus_regions([wide], W, H) == []


def test_same_person_seen_twice_counts_once() -> None:
    whole = Detection(Box(100, 100, 140, 200), 0.6)
    crop = Detection(Box(102, 98, 141, 203), 0.9)
    other = Detection(Box(300, 100, 340, 200), 0.7)
    merged = merge_detections([whole, crop, other])
    assert merged == (crop, other)


class CropDetector:
    """Finds a person only when the picture is small enough (a crop), like SSDLite with far people."""

    def __init__(self) -> None:
        self.shapes: list[tuple[int, int]] = []

    def detect(self, frame: np.ndarray) -> DetectorOutput:
        h, w = frame.shape[:2]
        self.shapes.append((w, h))
        found = (Detection(Box(10, 10, 30, 60), 0.8),) if w < 400 else ()
        return DetectorOutput(found, 2.0)


class CropPose:
    """A skeleton (weak, as MoveNet gives small people) somewhere in whatever it is shown."""

    def __init__(self, box: Box, score: float) -> None:
        self.pose = Pose(keypoints=(), box=box, score=score)

    def estimate(self, frame: np.ndarray) -> PoseOutput:
        return PoseOutput((self.pose,), 3.0)


def test_people_found_in_a_crop_come_back_in_frame_pixels() -> None:
    detector = CropDetector()
    out = FocusedDetector(detector, [DOOR]).detect(np.zeros((H, W, 3), np.uint8))
    (region,) = door_focus_regions([DOOR], W, H)
    (det,) = out.detections
    assert det.box.x1 == pytest.approx(region.x1 + 10, abs=1)
    assert det.box.y1 == pytest.approx(region.y1 + 10, abs=1)
    assert out.model_ms == 4.0
    crop_w, crop_h = detector.shapes[1]
    assert abs(crop_w - crop_h) <= 1  # square: the models' square input keeps people's proportions


def test_a_skeleton_in_the_door_close_up_becomes_a_person_detection() -> None:
    pose = CropPose(Box(100, 20, 120, 80), 0.25)
    out = FocusedDetector(CropDetector(), [DOOR], pose).detect(np.zeros((H, W, 3), np.uint8))
    (region,) = door_focus_regions([DOOR], W, H)
    skeleton = [d for d in out.detections if d.box.x1 == pytest.approx(region.x1 + 100, abs=1)]
    assert len(skeleton) == 1
    assert skeleton[0].score == pytest.approx(0.25 + PERSON_SCORE_OFFSET)
    assert out.model_ms == 2.0 + 2.0 + 3.0


def test_the_same_person_from_the_detector_and_the_skeleton_counts_once() -> None:
    pose = CropPose(Box(11, 9, 31, 61), 0.3)  # where CropDetector finds its person
    out = FocusedDetector(CropDetector(), [DOOR], pose).detect(np.zeros((H, W, 3), np.uint8))
    assert len(out.detections) == 1 and out.detections[0].score == 0.8
