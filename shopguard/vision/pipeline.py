"""CameraPipeline: motion gates detection, the tracker keeps ids, pose runs at a low rate."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from shopguard.domain.vision import FrameResult, Pose, StageTimings, Track
from shopguard.vision.detector import Detector
from shopguard.vision.motion import MotionDetector
from shopguard.vision.pose import MoveNetPoseEstimator
from shopguard.vision.tracker import ByteTracker, Tracker

RECHECK_TRACKED_S = 1.0  # people standing still: re-detect at this interval even without motion
RECHECK_IDLE_S = 5.0  # an empty, still picture: a slow safety re-check
POSE_INTERVAL_S = 1.0 / 8  # the fall head was trained on 8 pose frames per second


@dataclass
class PipelineSettings:
    run_pose: bool = True
    recheck_tracked_s: float = RECHECK_TRACKED_S
    recheck_idle_s: float = RECHECK_IDLE_S
    pose_interval_s: float = POSE_INTERVAL_S


class CameraPipeline:
    """One per camera; `process` is called from that camera's worker thread only."""

    def __init__(
        self,
        detector: Detector,
        pose: MoveNetPoseEstimator | None = None,
        motion: MotionDetector | None = None,
        tracker: Tracker | None = None,
        settings: PipelineSettings | None = None,
    ) -> None:
        self.detector = detector
        self.pose = pose
        self.motion = motion or MotionDetector()
        self.tracker = tracker or ByteTracker()
        self.settings = settings or PipelineSettings()
        self._last_detect_s: float | None = None
        self._last_pose_s: float | None = None
        self._tracks: tuple[Track, ...] = ()
        self._poses: tuple[Pose, ...] = ()

    def process(self, frame: np.ndarray, ts: float) -> FrameResult:
        start = time.perf_counter()
        motion = self.motion.detect(frame)
        t_motion = time.perf_counter()

        detected = self._should_detect(motion.moving, ts)
        detections = ()
        detect_model_ms = 0.0
        if detected:
            output = self.detector.detect(frame)
            detections = output.detections
            detect_model_ms = output.model_ms
            self._last_detect_s = ts
        t_detect = time.perf_counter()

        if detected:
            self._tracks = self.tracker.update(detections, ts)
        t_track = time.perf_counter()

        pose_model_ms = 0.0
        ran_pose = False
        if self._should_pose(motion.moving, ts):
            pose_out = self.pose.estimate(frame)  # type: ignore[union-attr]
            self._poses = pose_out.poses
            pose_model_ms = pose_out.model_ms
            self._last_pose_s = ts
            ran_pose = True
        t_pose = time.perf_counter()

        height, width = frame.shape[:2]
        timings = StageTimings(
            motion_ms=(t_motion - start) * 1000,
            detect_ms=(t_detect - t_motion) * 1000 if detected else 0.0,
            detect_model_ms=detect_model_ms,
            track_ms=(t_track - t_detect) * 1000 if detected else 0.0,
            pose_ms=(t_pose - t_track) * 1000 if ran_pose else 0.0,
            pose_model_ms=pose_model_ms,
            total_ms=(t_pose - start) * 1000,
        )
        return FrameResult(
            ts=ts,
            width=width,
            height=height,
            motion=motion.moving,
            motion_area=motion.area_fraction,
            detected=detected,
            detections=detections,
            tracks=self._tracks,
            poses=self._poses if ran_pose else (),
            timings=timings,
        )

    def _should_detect(self, moving: bool, ts: float) -> bool:
        if self._last_detect_s is None or moving:
            return True
        since = ts - self._last_detect_s
        interval = self.settings.recheck_tracked_s if self._tracks else self.settings.recheck_idle_s
        return since >= interval or since < 0

    def _should_pose(self, moving: bool, ts: float) -> bool:
        if self.pose is None or not self.settings.run_pose:
            return False
        if not self._tracks and not moving and not self._poses:
            # Nobody tracked, nothing moves and the last pose saw nobody. While a pose still sees
            # someone (a person lying still, whom the box detector misses) it keeps running.
            return False
        if self._last_pose_s is None:
            return True
        since = ts - self._last_pose_s
        return since >= self.settings.pose_interval_s or since < 0
