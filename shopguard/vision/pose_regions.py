"""Pose close-ups: MoveNet on a square crop around each followed person too small for the whole
frame. MoveNet sees the whole frame at 256 px on the long side, so a person under ~25 % of the frame
height gives it too few pixels for a skeleton (DESIGN.md); cropped around them and enlarged, the same
person spans most of its input. This is what lets a fall be judged for a person 15–25 % of the frame
height, as under a ceiling camera."""

from __future__ import annotations

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Keypoint, Pose, Track
from shopguard.vision.focus import same_person
from shopguard.vision.pose import MoveNetPoseEstimator
from shopguard.vision.regions import square_around

POSE_FILL = 0.6  # the person's long side as a share of their crop: room for arms and a fall's sweep
MIN_POSE_FRACTION = 0.15  # smaller people cannot be judged even enlarged (the lower bound)
# Per look, each crop one more MoveNet run (~13–17 ms): one, taken in turn, keeps a busy street
# camera within its share of a 4-camera shop PC; several small people each get a close-up in turn.
MAX_POSE_CROPS = 1


def needs_close_up(box: Box, frame_h: int, readable_fraction: float) -> bool:
    """Big enough to judge once enlarged, too small to read in the whole frame."""
    size = max(box.width, box.height)
    return MIN_POSE_FRACTION * frame_h <= size < readable_fraction * frame_h


def crop_around(box: Box, width: int, height: int) -> Box:
    """A square crop of the person's long side / POSE_FILL, centred on them, inside the picture."""
    return square_around(box, max(box.width, box.height) / POSE_FILL, width, height)


def shifted(pose: Pose, dx: float, dy: float) -> Pose:
    """A pose read in a crop, in frame pixels."""
    points = tuple(Keypoint(p.x + dx, p.y + dy, p.score) for p in pose.keypoints)
    return Pose(points, pose.box.shifted(dx, dy), pose.score)


def close_up_poses(
    estimator: MoveNetPoseEstimator, frame_bgr: np.ndarray, small: tuple[Track, ...]
) -> tuple[list[Pose], float]:
    """(poses read in close-ups of these people, the first MAX_POSE_CROPS in the order given, model
    ms). Each close-up keeps the skeleton of its own person (the one whose box overlaps the track's
    most)."""
    height, width = frame_bgr.shape[:2]
    found: list[Pose] = []
    model_ms = 0.0
    for track in small[:MAX_POSE_CROPS]:
        crop = crop_around(track.box, width, height)
        image = frame_bgr[round(crop.y1) : round(crop.y2), round(crop.x1) : round(crop.x2)]
        out = estimator.estimate(image)
        model_ms += out.model_ms
        candidates = [shifted(p, round(crop.x1), round(crop.y1)) for p in out.poses]
        overlapping = [p for p in candidates if p.box.intersection_area(track.box) > 0]
        if overlapping:
            found.append(max(overlapping, key=lambda p: p.box.iou(track.box)))
    return found, model_ms


def combine(whole: tuple[Pose, ...], close_ups: list[Pose]) -> tuple[Pose, ...]:
    """The whole frame's poses, each replaced by a close-up of the same person where there is one
    (read at a higher resolution)."""
    kept = [p for p in whole if not any(same_person(p.box, c.box) for c in close_ups)]
    return tuple(kept + close_ups)


DROP_WINDOW_S = 1.5  # a fall takes 0.5–2 s
DROP_RATIO = 0.75  # the box lost a quarter of its height: falling, sitting or bending down


class BoxDrops:
    """Notices a followed person's box dropping (shorter, or turned wider than tall) from the
    tracks alone, with no model run: the cue that starts close watch for people too small for the
    whole frame's pose, whose skeletons are otherwise only read now and then."""

    def __init__(self) -> None:
        self._heights: dict[int, list[tuple[float, float]]] = {}

    def dropped(self, tracks: tuple[Track, ...], ts: float) -> bool:
        seen = False
        alive = set()
        for track in tracks:
            alive.add(track.track_id)
            if track.lost_frames:
                continue
            history = [(t, h) for t, h in self._heights.get(track.track_id, []) if ts - t <= DROP_WINDOW_S]
            tallest = max((h for _, h in history), default=track.box.height)
            was_upright = any(h > 0 for _, h in history)
            if was_upright and (
                track.box.height < DROP_RATIO * tallest or track.box.width > track.box.height
            ):
                seen = True
            history.append((ts, track.box.height))
            self._heights[track.track_id] = history
        for gone in set(self._heights) - alive:
            del self._heights[gone]
        return seen
