"""Synthetic inputs for the rules: tracks, frame results, skeletons in postures, grant/sale fakes."""

from __future__ import annotations

from collections.abc import Iterable

from shopguard.domain.geometry import Box
from shopguard.domain.vision import FrameResult, Keypoint, Pose, StageTimings, Track

WIDTH, HEIGHT = 640, 480


class FixedTimes:
    """A GrantSource and a SaleSource over a fixed list of epoch seconds; records what was asked."""

    def __init__(self, times: Iterable[float] = ()) -> None:
        self.times = sorted(times)
        self.asked: list[tuple[float, float]] = []

    def _between(self, start_ts: float, end_ts: float) -> list[float]:
        self.asked.append((start_ts, end_ts))
        return [t for t in self.times if start_ts <= t <= end_ts]

    def grant_times(self, start_ts: float, end_ts: float) -> list[float]:
        return self._between(start_ts, end_ts)

    def sale_times(self, start_ts: float, end_ts: float) -> list[float]:
        return self._between(start_ts, end_ts)


def person_at(track_id: int, foot_x: float, foot_y: float, ts: float, height: float = 160.0) -> Track:
    """A confirmed track whose box stands on (foot_x, foot_y) in pixels."""
    box = Box(foot_x - height / 5, foot_y - height, foot_x + height / 5, foot_y)
    return Track(track_id, box, 0.9, first_seen_s=0.0, last_seen_s=ts, hits=10, confirmed=True)


def frame(
    ts: float,
    tracks: Iterable[Track] = (),
    poses: Iterable[Pose] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> FrameResult:
    """A FrameResult; `poses=None` means pose did not run on this frame, `()` that it saw nobody."""
    pose_tuple = tuple(poses) if poses is not None else ()
    return FrameResult(
        ts=ts,
        width=width,
        height=height,
        motion=True,
        motion_area=0.1,
        detected=True,
        detections=(),
        tracks=tuple(tracks),
        poses=pose_tuple,
        timings=StageTimings(pose_ms=5.0 if poses is not None else 0.0),
    )


# Skeleton offsets as fractions of body height, (x, y) from the point between the feet, y up.
_STANDING = [
    (0.0, 0.93),
    (-0.02, 0.95),
    (0.02, 0.95),
    (-0.04, 0.94),
    (0.04, 0.94),  # face
    (-0.11, 0.80),
    (0.11, 0.80),
    (-0.13, 0.62),
    (0.13, 0.62),
    (-0.13, 0.47),
    (0.13, 0.47),  # arms
    (-0.07, 0.50),
    (0.07, 0.50),
    (-0.07, 0.27),
    (0.07, 0.27),
    (-0.07, 0.02),
    (0.07, 0.02),  # legs
]
_KNEELING = [  # torso upright, thighs forward, shins on the floor: hips low, ankles at hip height behind
    (0.0, 0.63),
    (-0.02, 0.65),
    (0.02, 0.65),
    (-0.04, 0.64),
    (0.04, 0.64),
    (-0.11, 0.50),
    (0.11, 0.50),
    (-0.13, 0.33),
    (0.13, 0.33),
    (-0.13, 0.2),
    (0.13, 0.2),
    (-0.07, 0.22),
    (0.07, 0.22),
    (-0.07, 0.02),
    (0.07, 0.02),
    (-0.07, 0.05),
    (0.07, 0.05),
]


def skeleton(posture: str, foot_x: float, foot_y: float, body_px: float = 300.0, score: float = 0.6) -> Pose:
    """'standing', 'kneeling' or 'lying' (head to the left, on the floor at foot_y)."""
    if posture == "lying":
        points = [(foot_x - y * body_px, foot_y - 0.06 * body_px - x * 0.3 * body_px) for x, y in _STANDING]
    else:
        table = _STANDING if posture == "standing" else _KNEELING
        points = [(foot_x + x * body_px, foot_y - y * body_px) for x, y in table]
    keypoints = tuple(Keypoint(x, y, score) for x, y in points)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Pose(keypoints=keypoints, box=Box(min(xs), min(ys), max(xs), max(ys)), score=score)
