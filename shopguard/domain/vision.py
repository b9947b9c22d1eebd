"""What the vision pipeline produces: detections, poses, tracks, per-frame results."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import IntEnum

from shopguard.domain.geometry import Box


class KeypointName(IntEnum):
    """COCO's 17 keypoints in MoveNet's order."""

    NOSE = 0
    LEFT_EYE = 1
    RIGHT_EYE = 2
    LEFT_EAR = 3
    RIGHT_EAR = 4
    LEFT_SHOULDER = 5
    RIGHT_SHOULDER = 6
    LEFT_ELBOW = 7
    RIGHT_ELBOW = 8
    LEFT_WRIST = 9
    RIGHT_WRIST = 10
    LEFT_HIP = 11
    RIGHT_HIP = 12
    LEFT_KNEE = 13
    RIGHT_KNEE = 14
    LEFT_ANKLE = 15
    RIGHT_ANKLE = 16


@dataclass(frozen=True, slots=True)
class Keypoint:
    x: float
    y: float
    score: float


@dataclass(frozen=True, slots=True)
class Detection:
    """One person found in one frame."""

    box: Box
    score: float


@dataclass(frozen=True, slots=True)
class Pose:
    """One person's skeleton (17 keypoints in pixels) and its box."""

    keypoints: tuple[Keypoint, ...]
    box: Box
    score: float

    def keypoint(self, name: KeypointName) -> Keypoint:
        return self.keypoints[name]

    def torso_tilt_deg(self, min_score: float = 0.1) -> float | None:
        """Angle of the hips→shoulders line from vertical: 0 upright, 90 flat; None if unseen."""
        shoulders = (self.keypoints[KeypointName.LEFT_SHOULDER], self.keypoints[KeypointName.RIGHT_SHOULDER])
        hips = (self.keypoints[KeypointName.LEFT_HIP], self.keypoints[KeypointName.RIGHT_HIP])
        if max(p.score for p in shoulders) < min_score or max(p.score for p in hips) < min_score:
            return None
        sx, sy = (shoulders[0].x + shoulders[1].x) / 2, (shoulders[0].y + shoulders[1].y) / 2
        hx, hy = (hips[0].x + hips[1].x) / 2, (hips[0].y + hips[1].y) / 2
        return math.degrees(math.atan2(abs(hx - sx), hy - sy))


@dataclass(frozen=True, slots=True)
class Track:
    """A person followed over frames, with a stable id."""

    track_id: int
    box: Box
    score: float
    first_seen_s: float
    last_seen_s: float
    hits: int
    confirmed: bool
    lost_frames: int = 0
    first_box: Box | None = None  # where the person was first seen, before the track was confirmed
    # False for a lost track whose predicted box is no longer worth drawing (unseen for a while,
    # or walked out of the picture); the tracker still holds it, so rules see the id as present.
    shown: bool = True


@dataclass(frozen=True, slots=True)
class StageTimings:
    """Milliseconds spent in each pipeline stage for one frame (0 when the stage was skipped)."""

    motion_ms: float = 0.0
    detect_ms: float = 0.0
    detect_model_ms: float = 0.0
    pose_ms: float = 0.0
    pose_model_ms: float = 0.0
    track_ms: float = 0.0
    total_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class FrameResult:
    """Everything the pipeline learnt from one frame."""

    ts: float
    width: int
    height: int
    motion: bool
    motion_area: float
    detected: bool
    detections: tuple[Detection, ...]
    tracks: tuple[Track, ...]
    poses: tuple[Pose, ...] = ()
    timings: StageTimings = field(default_factory=StageTimings)
    analysed: bool = True  # False: skipped to keep to the analysis rate; tracks are the last known
