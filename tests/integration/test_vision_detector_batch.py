"""SSDLite on real crops: detect_many (batched or not) finds the same people as detect, crop by crop."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.domain.geometry import Box
from shopguard.vision.cv import cv2
from shopguard.vision.detector import SSD_INPUT_PX, SsdLitePersonDetector
from tests.conftest import footage

pytestmark = pytest.mark.footage
CLIP = ("people", "mot15", "TUD-Stadtmitte")


def first_frame_and_people() -> tuple[np.ndarray, list[Box]]:
    folder = footage(*CLIP)
    capture = cv2.VideoCapture(str(folder / "TUD-Stadtmitte.mp4"))
    ok, frame = capture.read()
    capture.release()
    assert ok
    people = []
    for line in (folder / "gt.txt").read_text().splitlines():
        index, _id, left, top, width, height = (float(v) for v in line.split(",")[:6])
        if index == 1 and 60 <= height <= SSD_INPUT_PX:
            people.append(Box(left, top, left + width, top + height))
    return frame, people


def crop_around(frame: np.ndarray, box: Box) -> tuple[np.ndarray, int, int]:
    """A model-sized crop centred on a person, kept inside the frame (the lead's regions)."""
    height, width = frame.shape[:2]
    cx, cy = box.center
    x = int(min(max(cx - SSD_INPUT_PX / 2, 0), width - SSD_INPUT_PX))
    y = int(min(max(cy - SSD_INPUT_PX / 2, 0), height - SSD_INPUT_PX))
    return np.ascontiguousarray(frame[y : y + SSD_INPUT_PX, x : x + SSD_INPUT_PX]), x, y


@pytest.mark.parametrize("batched", [True, False])
def test_crops_batched_find_the_people_detect_finds(batched: bool) -> None:
    frame, people = first_frame_and_people()
    assert len(people) >= 3, "the first frame has several annotated people"
    crops = [crop_around(frame, person) for person in people]
    detector = SsdLitePersonDetector(batched=batched)
    many = detector.detect_many([crop for crop, _, _ in crops])
    found = 0
    for (crop, x, y), out, person in zip(crops, many, people, strict=True):
        alone = detector.detect(crop)
        assert [round(d.score, 4) for d in out.detections] == [round(d.score, 4) for d in alone.detections]
        boxes = [d.box.shifted(x, y) for d in out.detections]
        found += any(b.iou(person) >= 0.5 for b in boxes)
    assert found >= len(people) - 1, f"{found} of {len(people)} centred people found"
