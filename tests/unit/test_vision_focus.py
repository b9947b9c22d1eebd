"""Door lines: the floor around them that starts door watch; one person seen in several looks counts once."""

from __future__ import annotations

import pytest

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection
from shopguard.vision.focus import DoorAreas, door_threshold_areas, merge_detections

W, H = 640, 480
DOOR = Zone(id="door", name="문", kind=ZoneKind.LINE, points=[(0.5, 0.5), (0.7, 0.5)], rules=[RuleKind.DOOR])


def test_threshold_area_surrounds_the_line_by_half_its_length() -> None:
    (area,) = door_threshold_areas([DOOR], W, H)
    line = 0.2 * W
    assert area.x1 == pytest.approx(0.5 * W - line / 2) and area.x2 == pytest.approx(0.7 * W + line / 2)
    assert area.y1 == pytest.approx(0.5 * H - line / 2) and area.y2 == pytest.approx(0.5 * H + line / 2)


def test_threshold_area_stays_inside_the_picture() -> None:
    corner = DOOR.model_copy(update={"points": [(0.8, 0.95), (0.98, 0.95)]})
    (area,) = door_threshold_areas([corner], W, H)
    assert area.x2 == pytest.approx(W) and area.y2 == pytest.approx(H)


def test_only_door_lines_have_threshold_areas() -> None:
    area = Zone(id="shelf", name="선반", points=[(0.1, 0.1), (0.3, 0.1), (0.2, 0.3)], rules=[RuleKind.LOITER])
    plain_line = DOOR.model_copy(update={"rules": []})
    assert door_threshold_areas([area, plain_line], W, H) == []
    assert DoorAreas([DOOR]).around(W, H) == door_threshold_areas([DOOR], W, H)


def test_same_person_seen_twice_counts_once() -> None:
    whole = Detection(Box(100, 100, 140, 200), 0.6)
    crop = Detection(Box(102, 98, 141, 203), 0.9)
    other = Detection(Box(300, 100, 340, 200), 0.7)
    merged = merge_detections([whole, crop, other])
    assert merged == (crop, other)
