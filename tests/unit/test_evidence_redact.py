"""Blurring, head regions from pose keypoints, keep points, and burned-in captions (no models)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Keypoint, KeypointName, Pose
from shopguard.evidence.faces import Face
from shopguard.evidence.overlay import burn_in, caption_below, shop_time_text
from shopguard.evidence.redact import FrameFindings, KeepPoint, RedactionPlan, blur_regions, head_box


def _pose(box: Box, head: tuple[float, float] | None) -> Pose:
    points = [Keypoint(0.0, 0.0, 0.0)] * 17
    if head is not None:
        x, y = head
        points[KeypointName.NOSE] = Keypoint(x, y, 0.9)
        points[KeypointName.LEFT_EYE] = Keypoint(x - 6, y - 5, 0.9)
        points[KeypointName.RIGHT_EYE] = Keypoint(x + 6, y - 5, 0.9)
    return Pose(tuple(points), box, 0.8)


def test_blur_flattens_the_region_and_leaves_the_rest() -> None:
    rng = np.random.default_rng(1)
    image = rng.integers(0, 255, (200, 300, 3), dtype=np.uint8)
    before = image.copy()
    out = blur_regions(image, [Box(100, 50, 160, 120)])
    assert out[80:90, 125:135].std() < image[80:90, 125:135].std() / 4
    assert np.array_equal(out[:, :60], image[:, :60])
    assert np.array_equal(image, before)  # the caller's frame (the original) is never changed


def test_head_box_from_face_keypoints_and_fallback_top_of_box() -> None:
    with_face = head_box(_pose(Box(100, 100, 160, 300), (130, 120)))
    assert with_face is not None and with_face.x1 < 130 < with_face.x2 and with_face.y1 < 120 < with_face.y2
    from_behind = head_box(_pose(Box(100, 100, 160, 300), None))
    assert from_behind is not None and from_behind.y1 == 100 and from_behind.y2 <= 160


def test_kept_person_face_stays_and_others_are_blurred() -> None:
    plan = RedactionPlan(640, 480)
    kept = _pose(Box(50, 100, 150, 400), (100, 130))
    other = _pose(Box(400, 100, 500, 400), (450, 130))
    faces = [
        Face(Box(85, 115, 115, 150), 0.9),
        Face(Box(435, 115, 465, 150), 0.9),
        Face(Box(300, 10, 320, 30), 0.8),
    ]
    plan.findings.append(FrameFindings(1.0, faces, [(1, kept), (2, other)]))
    plan.kept_people.add(1)
    regions = plan.regions(1.0)
    centres = [r.center for r in regions]
    assert not any(80 <= x <= 120 and 110 <= y <= 155 for x, y in centres)  # kept face not blurred
    assert any(430 <= x <= 470 for x, _ in centres)  # the other person's face
    assert any(x == 310 for x, _ in centres)  # a face with no person found: blurred to be safe
    assert plan.regions(1.2) and not plan.regions(2.0)  # held briefly, then gone


def test_keep_point_parsing() -> None:
    assert KeepPoint.parse("3.5,0.4,0.6") == KeepPoint(3.5, 0.4, 0.6, None)
    assert KeepPoint.parse("door:1,0.5,0.5").camera_id == "door"
    with pytest.raises(ValueError):
        KeepPoint.parse("1,1.5,0.5")


def test_shop_time_text_shows_kst_and_offset() -> None:
    moment = datetime(2024, 5, 1, 5, 3, 22, 400000, tzinfo=UTC)
    assert shop_time_text(moment, ZoneInfo("Asia/Seoul")) == "2024-05-01 14:03:22.4 KST (UTC+09:00)"


def test_burn_in_marks_only_the_top_strip_and_caption_keeps_the_frame() -> None:
    image = np.full((288, 384, 3), 128, np.uint8)
    moment = datetime(2024, 5, 1, 5, 3, 22, tzinfo=UTC)
    out = burn_in(image, moment, ZoneInfo("Asia/Seoul"), "입구 카메라")
    assert (out[:12] != 128).any()
    assert np.array_equal(out[60:], image[60:])
    captioned = caption_below(image, ["2024-05-01 14:03:22 KST", "입구 카메라 · 시작"])
    assert captioned.shape[0] > image.shape[0] and np.array_equal(captioned[:288], image)
