"""CameraPipeline: motion gates detection, the tracker keeps ids, pose runs at a low rate that rises
while a fall could be seen. At most MAX_ANALYSIS_HZ frames a second are analysed (frames in between
pass through with the last tracks: a shop PC runs several cameras on 2 cores). Close watch — pose and
analysis at WATCH_HZ — while someone is big enough for MoveNet to read their skeleton or a pose
shows a tilted torso; a crowd of small, upright people costs one pose a second. Door watch —
analysis at DOOR_WATCH_HZ — while something moves on the floor around a door line: a crossing takes
about a second, and small people at a door are found in too few looks at 4 a second."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection, FrameResult, Pose, StageTimings, Track
from shopguard.vision.detector import SSD_INPUT_PX, Detector
from shopguard.vision.focus import merge_detections
from shopguard.vision.motion import MotionDetector
from shopguard.vision.perspective import PersonScale
from shopguard.vision.pose import MoveNetPoseEstimator, pose_person
from shopguard.vision.pose_regions import MAX_POSE_CROPS, BoxDrops, close_up_poses, combine, needs_close_up
from shopguard.vision.regions import RegionDetector, RegionOutput, Target
from shopguard.vision.tracker import ByteTracker, Tracker

RECHECK_TRACKED_S = 1.0  # people standing still: re-detect at this interval even without motion
RECHECK_IDLE_S = 5.0  # an empty, still picture: a slow safety re-check
# Between whole-frame looks, detection runs on regions around motion and tracks; the whole frame is
# the safety look for people neither motion nor a track points at (standing still since before the
# camera started), and for big people a region would cut.
WHOLE_LOOK_S = 1.0
MAX_ANALYSIS_HZ = 4.0  # people move < 0.4 m in 0.25 s; the Kalman filter bridges it (Frigate: 5)
POSE_INTERVAL_S = 2.0  # nobody readable: a look every 2 s finds big people SSDLite missed
# People too small for the whole frame's pose get a close-up twice a second: a fall takes 0.5–2 s,
# so the person is seen standing within the fall window before they are down.
CLOSE_UP_INTERVAL_S = 0.5
WATCH_HZ = 8.0  # close watch: a fall takes 0.5–2 s; 8 looks a second see it happen
WATCH_FOR_S = 3.0
# Measured on the CAVIAR shop door (25 fps): looking at every 2nd frame counts all four crossings
# with close-ups 1.5–1.8 line lengths wide; every 3rd frame only at 1.5–1.65; every 4th or 7th
# frame loses the entry in EnterExitCrossingPaths (two people cross paths in the doorway).
DOOR_WATCH_HZ = 12.5
DOOR_WATCH_FOR_S = 1.0
TILTED_DEG = 45.0  # torso this far from vertical: bending, falling or lying
# A skeleton is readable when the person spans this much of the frame height (≈ 64 px of
# MoveNet's 256 px input); smaller people cannot be judged for a fall anyway.
READABLE_PERSON_FRACTION = 0.25
POSE_PERSON_SCORE = 0.35  # a MoveNet person this sure is a person (absent: 0.0–0.05 on the demo clip)


@dataclass
class PipelineSettings:
    run_pose: bool = True
    max_analysis_hz: float = MAX_ANALYSIS_HZ  # 0 = analyse every frame
    recheck_tracked_s: float = RECHECK_TRACKED_S
    recheck_idle_s: float = RECHECK_IDLE_S
    pose_interval_s: float = POSE_INTERVAL_S
    watch_hz: float = WATCH_HZ
    door_watch_hz: float = DOOR_WATCH_HZ
    whole_look_s: float = WHOLE_LOOK_S
    regions: bool = True  # False: every detection looks at the whole frame only
    pose_close_ups: bool = True  # MoveNet on crops around people too small for the whole frame


class CameraPipeline:
    """One per camera; `process` is called from that camera's worker thread only."""

    def __init__(
        self,
        detector: Detector,
        pose: MoveNetPoseEstimator | None = None,
        motion: MotionDetector | None = None,
        tracker: Tracker | None = None,
        settings: PipelineSettings | None = None,
        door_areas: Callable[[int, int], list[Box]] | None = None,
        model_px: int = SSD_INPUT_PX,
    ) -> None:
        self.detector = detector
        self.regions = RegionDetector(detector, model_px, pose)
        self.scale = PersonScale()
        self.drops = BoxDrops()
        self.pose = pose
        self.motion = motion or MotionDetector()
        self.tracker = tracker or ByteTracker()
        self.settings = settings or PipelineSettings()
        self.door_areas = door_areas  # (width, height) -> the floor around each door line, in pixels
        self._last_detect_s: float | None = None
        self._last_whole_s: float | None = None
        self.last_look: RegionOutput | None = None  # where the last detection looked (overlays, bench)
        self._last_pose_s: float | None = None
        self._last_close_up_s: float | None = None
        self._close_up_at: dict[int, float] = {}  # track id -> its last pose close-up
        self._last_analysed_s: float | None = None
        self._watch_until_s = -1.0
        # A small person's box dropped: their close-ups come at every analysed frame for a while
        # (the analysis rate and the whole frame's pose stay as they are: crowds shrink boxes too).
        self._drop_until_s = -1.0
        self._door_until_s = -1.0
        self._tracks: tuple[Track, ...] = ()
        self._poses: tuple[Pose, ...] = ()

    def process(self, frame: np.ndarray, ts: float) -> FrameResult:
        height, width = frame.shape[:2]
        watching = self._close_watch(ts, height)
        if not self._due(ts, watching, ts < self._door_until_s):
            # Between looks the people are shown where the tracker predicts them, not frozen.
            shown = self.tracker.predicted(ts)
            return FrameResult(ts, width, height, False, 0.0, False, (), shown, analysed=False)
        self._last_analysed_s = ts
        start = time.perf_counter()
        motion = self.motion.detect(frame)
        if self._moving_at_door(motion.boxes, width, height):
            self._door_until_s = ts + DOOR_WATCH_FOR_S
        door_watch = ts < self._door_until_s
        t_motion = time.perf_counter()

        detected = self._should_detect(motion.moving, ts)
        detections: tuple[Detection, ...] = ()
        detect_model_ms = 0.0
        if detected:
            doors = self.door_areas(width, height) if door_watch and self.door_areas else []
            targets = self._targets(motion.boxes, doors)
            pose_near = doors if self._pose_on() else None
            output = self.regions.detect(frame, targets, not targets or self._whole_due(ts), pose_near)
            detections = output.detections
            detect_model_ms = output.model_ms
            self.last_look = output
            self._last_detect_s = ts
            if output.whole:
                self._last_whole_s = ts
        t_detect = time.perf_counter()

        pose_model_ms = 0.0
        ran_pose = False
        readable: list[Pose] = []  # skeletons read at a size that can be judged (whole frame or close-up)
        whole_pose = self._should_pose(motion.moving, ts, watching)
        small = self._small_people(height)
        close_due = bool(small) and self._close_ups_due(ts, watching or ts < self._drop_until_s)
        if whole_pose or close_due:
            whole_poses: tuple[Pose, ...] = ()
            if whole_pose:
                pose_out = self.pose.estimate(frame)  # type: ignore[union-attr]
                whole_poses, pose_model_ms = pose_out.poses, pose_out.model_ms
            close_ups: list[Pose] = []
            if close_due:
                close_ups, close_ms = close_up_poses(self.pose, frame, small)  # type: ignore[arg-type]
                pose_model_ms += close_ms
                self._last_close_up_s = ts
                alive = {t.track_id for t in self._tracks}
                self._close_up_at = {k: v for k, v in self._close_up_at.items() if k in alive}
                self._close_up_at.update((t.track_id, ts) for t in small[:MAX_POSE_CROPS])
            self._poses = combine(whole_poses, close_ups)
            readable = [p for p in self._poses if p in close_ups or _readable(p.box, height)]
            if any((pose.torso_tilt_deg() or 0.0) > TILTED_DEG for pose in readable):
                self._watch_until_s = ts + WATCH_FOR_S
            ran_pose = True
            if whole_pose:
                self._last_pose_s = ts
        t_pose = time.perf_counter()

        if detected:
            seen = detections
            if ran_pose:
                seen = merge_detections(list(detections) + _pose_people(readable))
            self._tracks = self.tracker.update(seen, ts, frame=frame)
            for track in self._tracks:
                if track.lost_frames == 0:
                    self.scale.observe(track.box, height)
            if self._pose_on() and self.drops.dropped(self._small_people(height), ts):
                self._drop_until_s = ts + WATCH_FOR_S
        t_track = time.perf_counter()

        timings = StageTimings(
            motion_ms=(t_motion - start) * 1000,
            detect_ms=(t_detect - t_motion) * 1000 if detected else 0.0,
            detect_model_ms=detect_model_ms,
            track_ms=(t_track - t_pose) * 1000 if detected else 0.0,
            pose_ms=(t_pose - t_detect) * 1000 if ran_pose else 0.0,
            pose_model_ms=pose_model_ms,
            total_ms=(t_track - start) * 1000,
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

    def _targets(self, moving: tuple[Box, ...], doors: list[Box]) -> list[Target]:
        """Where people may be: what moves, a door's threshold while door watch lasts (once the
        camera knows how tall people are there), and the people followed."""
        if not self.settings.regions:
            return []
        targets = []
        for box in moving:
            expected = self.scale.height_at(box.y2)
            targets.append(Target.motion(box) if expected is None else Target(box, expected))
        for area in doors:
            expected = self.scale.height_at(area.y2)
            if expected is not None:
                targets.append(Target(area, expected))
        return targets + [Target.person(t.box) for t in self._tracks]

    def _whole_due(self, ts: float) -> bool:
        if not self.settings.regions or self._last_whole_s is None:
            return True
        since = ts - self._last_whole_s
        return since >= self.settings.whole_look_s - 1e-6 or since < 0

    def _close_ups_due(self, ts: float, watching: bool) -> bool:
        if self._last_close_up_s is None:
            return True
        since = ts - self._last_close_up_s
        interval = 1.0 / self.settings.watch_hz if watching else CLOSE_UP_INTERVAL_S
        return since >= interval - 1e-6 or since < 0

    def _small_people(self, frame_h: int) -> tuple[Track, ...]:
        """The followed people a pose close-up is for (too small for the whole frame's pose), in
        turn: people the detector just lost first (someone who fell is who SSDLite loses), then
        whoever waited longest for a close-up."""
        if not self.settings.pose_close_ups or not self._pose_on():
            return ()
        small = [t for t in self._tracks if needs_close_up(t.box, frame_h, READABLE_PERSON_FRACTION)]
        return tuple(
            sorted(small, key=lambda t: (t.lost_frames == 0, self._close_up_at.get(t.track_id, -1.0)))
        )

    def _pose_on(self) -> bool:
        return self.pose is not None and self.settings.run_pose

    def _close_watch(self, ts: float, frame_h: int) -> bool:
        if not self._pose_on():
            return False
        if ts < self._watch_until_s:
            return True
        boxes = [t.box for t in self._tracks] + [p.box for p in self._poses]
        return any(_readable(b, frame_h) for b in boxes)

    def _moving_at_door(self, moving: tuple[Box, ...], width: int, height: int) -> bool:
        if self.door_areas is None or not moving:
            return False
        areas = self.door_areas(width, height)
        return any(box.intersection_area(area) > 0 for box in moving for area in areas)

    def _due(self, ts: float, watching: bool, at_door: bool) -> bool:
        hz = self.settings.max_analysis_hz
        if watching:
            hz = max(hz, self.settings.watch_hz)
        if at_door:
            hz = max(hz, self.settings.door_watch_hz)
        if self.settings.max_analysis_hz <= 0 or hz <= 0 or self._last_analysed_s is None:
            return True
        since = ts - self._last_analysed_s
        return since >= 1.0 / hz - 1e-6 or since < 0

    def _should_detect(self, moving: bool, ts: float) -> bool:
        if self._last_detect_s is None or moving:
            return True
        since = ts - self._last_detect_s
        interval = self.settings.recheck_tracked_s if self._tracks else self.settings.recheck_idle_s
        return since >= interval or since < 0

    def _should_pose(self, moving: bool, ts: float, watching: bool) -> bool:
        if self.pose is None or not self.settings.run_pose:
            return False
        if self._last_pose_s is None:
            return True  # a first look, before motion has a background to compare with
        if not self._tracks and not moving and not self._poses:
            # Nobody tracked, nothing moves and the last pose saw nobody. While a pose still sees
            # someone (a person lying still, whom the box detector misses) it keeps running.
            return False
        since = ts - self._last_pose_s
        interval = 1.0 / self.settings.watch_hz if watching else self.settings.pose_interval_s
        return since >= interval - 1e-6 or since < 0


def _readable(box: Box, frame_h: int) -> bool:
    return max(box.width, box.height) >= READABLE_PERSON_FRACTION * frame_h


def _pose_people(readable: list[Pose]) -> list[Detection]:
    """Readable skeletons as person detections for the tracker: SSDLite misses people seen from
    above or from behind that MoveNet still finds."""
    return [pose_person(p) for p in readable if p.score >= POSE_PERSON_SCORE]
