"""Pose estimator: MoveNet MultiPose Lightning (up to 6 people x 17 keypoints) on the whole frame."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection, Keypoint, Pose
from shopguard.vision.cv import cv2
from shopguard.vision.model_files import ModelSpec, model_spec, open_session

DEFAULT_LONG_SIDE_PX = 256
STRIDE_PX = 32
KEYPOINT_COUNT = 17
DEFAULT_MIN_POSE_SCORE = 0.2
# A skeleton's score runs lower than SSDLite's for the same person (demo clip: MoveNet 0.4–0.6
# where SSDLite < 0.3), hence an offset when a pose stands in for a person detection.
PERSON_SCORE_OFFSET = 0.3


@dataclass(frozen=True, slots=True)
class PoseOutput:
    poses: tuple[Pose, ...]
    model_ms: float


@dataclass(frozen=True, slots=True)
class _Letterbox:
    """How a frame was scaled and padded into the model's input."""

    scale: float
    input_w: int
    input_h: int


class MoveNetPoseEstimator:
    """MoveNet MultiPose; serialised with a lock so cameras can share one session."""

    def __init__(
        self,
        spec: ModelSpec | None = None,
        long_side_px: int = DEFAULT_LONG_SIDE_PX,
        min_pose_score: float = DEFAULT_MIN_POSE_SCORE,
        threads: int = 2,
    ) -> None:
        self.spec = spec or model_spec("pose")
        self.min_pose_score = min_pose_score
        self._session = open_session(self.spec, threads)
        model_input = self._session.get_inputs()[0]
        self._input = model_input.name
        shape = model_input.shape
        self._fixed_hw = (
            (int(shape[1]), int(shape[2]))
            if isinstance(shape[1], int) and isinstance(shape[2], int)
            else None
        )
        self.long_side_px = long_side_px
        self._lock = threading.Lock()
        self.estimate(np.zeros((240, 320, 3), np.uint8))  # warm-up

    def _letterbox(self, width: int, height: int) -> _Letterbox:
        if self._fixed_hw is not None:
            input_h, input_w = self._fixed_hw
            scale = min(input_w / width, input_h / height)
            return _Letterbox(scale, input_w, input_h)
        scale = self.long_side_px / max(width, height)
        input_w = _round_up(width * scale, STRIDE_PX)
        input_h = _round_up(height * scale, STRIDE_PX)
        return _Letterbox(scale, input_w, input_h)

    def estimate(self, frame_bgr: np.ndarray) -> PoseOutput:
        height, width = frame_bgr.shape[:2]
        box = self._letterbox(width, height)
        new_w = max(1, min(box.input_w, round(width * box.scale)))
        new_h = max(1, min(box.input_h, round(height * box.scale)))
        canvas = np.zeros((box.input_h, box.input_w, 3), np.uint8)
        resized = cv2.resize(frame_bgr, (new_w, new_h), interpolation=cv2.INTER_LINEAR)
        canvas[:new_h, :new_w] = cv2.cvtColor(resized, cv2.COLOR_BGR2RGB)
        with self._lock:
            start = time.perf_counter()
            (raw,) = self._session.run(None, {self._input: canvas[np.newaxis]})
            model_ms = (time.perf_counter() - start) * 1000.0
        return PoseOutput(self._decode(raw[0], box, width, height), model_ms)

    def _decode(self, rows: np.ndarray, box: _Letterbox, width: int, height: int) -> tuple[Pose, ...]:
        # Coordinates are normalised to the padded input; undo padding and scale to frame pixels.
        to_x = box.input_w / box.scale
        to_y = box.input_h / box.scale
        poses = []
        for row in rows:
            score = float(row[55])
            if score < self.min_pose_score:
                continue
            points = row[: KEYPOINT_COUNT * 3].reshape(KEYPOINT_COUNT, 3)
            keypoints = tuple(
                Keypoint(x=float(min(x * to_x, width)), y=float(min(y * to_y, height)), score=float(s))
                for y, x, s in points
            )
            ymin, xmin, ymax, xmax = (float(v) for v in row[51:55])
            pose_box = Box(xmin * to_x, ymin * to_y, xmax * to_x, ymax * to_y).clipped(width, height)
            poses.append(Pose(keypoints=keypoints, box=pose_box, score=score))
        return tuple(poses)


def pose_person(pose: Pose) -> Detection:
    """A skeleton as a person detection for the tracker."""
    return Detection(pose.box, min(0.95, pose.score + PERSON_SCORE_OFFSET))


def _round_up(value: float, multiple: int) -> int:
    return max(multiple, int(np.ceil(value / multiple)) * multiple)
