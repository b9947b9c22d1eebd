"""Pose close-ups for people too small for the whole frame, and the box-drop cue for close watch."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Keypoint, Pose, Track
from shopguard.vision.pose import PoseOutput
from shopguard.vision.pose_regions import (
    MAX_POSE_CROPS,
    POSE_FILL,
    BoxDrops,
    close_up_poses,
    combine,
    crop_around,
    needs_close_up,
)

H, W = 480, 640


def track(box: Box, track_id: int = 1, lost: int = 0) -> Track:
    return Track(track_id, box, 0.9, 0.0, 0.0, 5, True, lost_frames=lost)


def pose_at(box: Box, score: float = 0.6) -> Pose:
    return Pose(tuple(Keypoint(box.x1, box.y1, 0.8) for _ in range(17)), box, score)


def test_only_people_between_the_judgeable_and_the_readable_size_get_close_ups() -> None:
    assert not needs_close_up(Box(0, 0, 20, 50), H, 0.25)  # 10 %: too small even enlarged
    assert needs_close_up(Box(0, 0, 40, 90), H, 0.25)  # 19 %
    assert not needs_close_up(Box(0, 0, 60, 200), H, 0.25)  # 42 %: the whole frame reads them


def test_the_close_up_is_a_square_the_person_fills_to_pose_fill() -> None:
    crop = crop_around(Box(300, 200, 330, 290), W, H)
    assert crop.width == pytest.approx(90 / POSE_FILL) and crop.height == pytest.approx(crop.width)
    assert crop.center == pytest.approx((315, 245))
    edge = crop_around(Box(620, 400, 640, 480), W, H)
    assert edge.x2 == pytest.approx(W) and edge.y2 == pytest.approx(H)


class ShownPoses:
    """MoveNet stand-in: returns these poses in whatever picture it is shown, and notes its size."""

    def __init__(self, poses: tuple[Pose, ...]) -> None:
        self.poses = poses
        self.shapes: list[tuple[int, int]] = []

    def estimate(self, frame: np.ndarray) -> PoseOutput:
        self.shapes.append(frame.shape[:2])
        return PoseOutput(self.poses, 5.0)


def test_close_up_skeletons_come_back_in_frame_pixels_one_per_person() -> None:
    person = Box(300, 200, 330, 290)
    crop = crop_around(person, W, H)
    # In the crop: the person themselves, and a bystander at its corner who does not overlap them.
    dx, dy = person.x1 - round(crop.x1), person.y1 - round(crop.y1)
    own = pose_at(Box(dx, dy, dx + 30, dy + 90))
    other = pose_at(Box(0, 0, 10, 10))
    estimator = ShownPoses((other, own))
    poses, model_ms = close_up_poses(estimator, np.zeros((H, W, 3), np.uint8), (track(person),))
    assert model_ms == 5.0 and estimator.shapes == [(round(crop.height), round(crop.width))]
    (read,) = poses
    assert read.box.x1 == pytest.approx(person.x1) and read.box.y1 == pytest.approx(person.y1)
    assert read.keypoints[0] == Keypoint(person.x1, person.y1, 0.8)


def test_close_ups_are_capped_and_taken_in_the_order_given() -> None:
    people = tuple(track(Box(50 + 120 * i, 100, 80 + 120 * i, 180 + 5 * i), i + 1) for i in range(4))
    estimator = ShownPoses(())
    close_up_poses(estimator, np.zeros((H, W, 3), np.uint8), people)
    assert len(estimator.shapes) == MAX_POSE_CROPS
    assert estimator.shapes[0][0] == pytest.approx(
        crop_around(people[0].box, W, H).height, abs=1
    )  # the first


def test_a_close_up_replaces_the_whole_frames_weak_reading_of_the_same_person() -> None:
    weak = pose_at(Box(300, 200, 330, 290), 0.2)
    elsewhere = pose_at(Box(10, 10, 40, 100))
    close = pose_at(Box(301, 199, 331, 291), 0.7)
    assert combine((weak, elsewhere), [close]) == (elsewhere, close)


def test_a_box_that_drops_or_turns_wide_is_noticed() -> None:
    drops = BoxDrops()
    assert not drops.dropped((track(Box(100, 100, 130, 190)),), 0.0)
    assert not drops.dropped((track(Box(101, 101, 131, 191)),), 0.25)  # walking on
    assert drops.dropped((track(Box(100, 150, 140, 190)),), 0.5)  # 90 → 40 px: down


def test_an_old_height_is_forgotten_and_a_lost_box_is_not_judged() -> None:
    drops = BoxDrops()
    drops.dropped((track(Box(100, 100, 130, 190)),), 0.0)
    assert not drops.dropped((track(Box(100, 150, 140, 190), lost=2),), 0.5)  # coasting: not seen
    assert not drops.dropped((track(Box(100, 130, 125, 190)),), 5.0)  # slowly, 5 s later: sat down
