"""Camera tampering from the picture itself: covered/black, moved, defocused, frozen, offline.

Measured on the real clips in ../shared/data (untouched): Laplacian sharpness never fell below 0.79
of its median, the phase-correlation shift against the first frame stayed under 1.2 px (160 px
wide), identical consecutive frames lasted at most 0.8 s. Blurring with σ=2 px cut sharpness to
≤ 0.22 of normal. The thresholds below sit between those."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.rules.base import OpenIncident, incident_key
from shopguard.rules.presence import Inertia, PresenceState, Transition, first_known, step_presence
from shopguard.vision.cv import cv2

SAMPLE_EVERY_S = 0.2
SHARP_WIDTH_PX = 320
SHIFT_WIDTH_PX = 160
BLACK_MEAN = 25.0  # mean grey below this: lens covered or picture black
UNIFORM_STD = 8.0  # almost no contrast anywhere: a hand or cloth over the lens
DIM_MEAN = 60.0  # dim AND blurry is a covered lens too (the shop's lights keep the real picture brighter)
DEFOCUS_RATIO = 0.4  # sharpness below this share of the reference
MOVED_SHIFT = 0.04  # picture shifted by more than this share of its width
FROZEN_DIFF = 0.05  # mean absolute difference between frames (0–255) below this is "the same frame"
REFERENCE_SAMPLES = 10  # the reference is built from the first samples (≈2 s)
REFERENCE_EVERY_S = 60.0  # while nothing is wrong the reference follows the scene (light, season)
OFFLINE_S = 5.0

COVERED_INERTIA = Inertia(on_s=1.0, off_s=2.0, gap_s=0.5)
MOVED_INERTIA = Inertia(on_s=1.5, off_s=3.0, gap_s=0.5)
DEFOCUS_INERTIA = Inertia(on_s=1.5, off_s=3.0, gap_s=0.5)
FROZEN_INERTIA = Inertia(on_s=2.0, off_s=0.5, gap_s=0.3)


@dataclass(frozen=True, slots=True)
class PictureStats:
    mean: float
    std: float
    sharpness: float
    shift_px: float  # against the reference, at SHIFT_WIDTH_PX
    frame_diff: float  # against the previous frame, full size


@dataclass(frozen=True, slots=True)
class Findings:
    covered: bool
    moved: bool
    defocused: bool
    frozen: bool


def judge(
    stats: PictureStats, reference_sharpness: float | None, shift_width_px: float = SHIFT_WIDTH_PX
) -> Findings:
    """Pure: one sample's numbers → what looks wrong. Covered hides the other findings."""
    blurry = reference_sharpness is not None and stats.sharpness < DEFOCUS_RATIO * reference_sharpness
    # A hand or cloth on the lens: black, or without any contrast, or dim and without detail.
    covered = stats.mean < BLACK_MEAN or stats.std < UNIFORM_STD or (blurry and stats.mean < DIM_MEAN)
    defocused = blurry and not covered
    moved = not covered and not defocused and stats.shift_px > MOVED_SHIFT * shift_width_px
    frozen = not covered and stats.frame_diff < FROZEN_DIFF
    return Findings(covered=covered, moved=moved, defocused=defocused, frozen=frozen)


def _grey(frame_bgr: np.ndarray, width: int) -> np.ndarray:
    grey = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2GRAY)
    height = max(1, round(grey.shape[0] * width / grey.shape[1]))
    return cv2.resize(grey, (width, height), interpolation=cv2.INTER_AREA).astype(np.float32)


CHECKS: dict[str, tuple[EventType, Inertia, Severity]] = {
    "covered": (EventType.TAMPER_COVERED, COVERED_INERTIA, Severity.CRITICAL),
    "moved": (EventType.TAMPER_MOVED, MOVED_INERTIA, Severity.WARNING),
    "defocused": (EventType.TAMPER_DEFOCUSED, DEFOCUS_INERTIA, Severity.WARNING),
    "frozen": (EventType.TAMPER_FROZEN, FROZEN_INERTIA, Severity.WARNING),
}


@dataclass
class _Reference:
    shift_grey: np.ndarray | None = None
    sharp_samples: list[float] = field(default_factory=list)
    sharpness: float | None = None
    taken_s: float = 0.0


class TamperRule:
    """Fed every frame (it samples itself); `tick` without frames detects a camera gone offline."""

    def __init__(self, camera_id: str) -> None:
        self.camera_id = camera_id
        self._reference = _Reference()
        self._window: np.ndarray | None = None
        self._previous: np.ndarray | None = None
        self._last_sample_s: float | None = None
        self._last_frame_s: float | None = None
        self._states = {name: PresenceState() for name in CHECKS}
        self._incidents: dict[str, OpenIncident] = {}
        self.last_stats: PictureStats | None = None

    def check(self, frame_bgr: np.ndarray, ts: float) -> list[Event]:
        events = self._end_offline(ts)
        self._last_frame_s = ts
        if self._last_sample_s is not None and 0 <= ts - self._last_sample_s < SAMPLE_EVERY_S:
            return events
        self._last_sample_s = ts
        # Frozen compares samples SAMPLE_EVERY_S apart, so a camera sending each picture twice is not frozen.
        previous = self._previous
        same_size = previous is not None and previous.shape == frame_bgr.shape
        frame_diff = float(np.mean(cv2.absdiff(frame_bgr, previous))) if same_size else 255.0
        self._previous = frame_bgr.copy()
        stats = self._measure(frame_bgr, frame_diff)
        self.last_stats = stats
        findings = judge(stats, self._reference.sharpness)
        for name, (kind, inertia, severity) in CHECKS.items():
            events.extend(self._step(name, kind, inertia, severity, getattr(findings, name), ts))
        self._follow_scene(findings, ts, stats)
        return events

    def _measure(self, frame_bgr: np.ndarray, frame_diff: float) -> PictureStats:
        sharp_grey = _grey(frame_bgr, SHARP_WIDTH_PX)
        shift_grey = cv2.resize(sharp_grey, (SHIFT_WIDTH_PX, max(1, sharp_grey.shape[0] // 2)))
        shift_px = 0.0
        if self._reference.shift_grey is not None and self._reference.shift_grey.shape == shift_grey.shape:
            if self._window is None or self._window.shape != shift_grey.shape:
                self._window = cv2.createHanningWindow(shift_grey.shape[::-1], cv2.CV_32F)
            # phaseCorrelate windows its inputs in place: hand it copies, keep the reference clean.
            (dx, dy), _ = cv2.phaseCorrelate(
                self._reference.shift_grey.copy(), shift_grey.copy(), self._window
            )
            shift_px = float(np.hypot(dx, dy))
        elif self._reference.shift_grey is not None:
            self._reference = _Reference()  # the resolution changed: learn the scene again
        if self._reference.shift_grey is None:
            self._reference.shift_grey = shift_grey
        return PictureStats(
            mean=float(sharp_grey.mean()),
            std=float(sharp_grey.std()),
            sharpness=float(cv2.Laplacian(sharp_grey, cv2.CV_32F).var()),
            shift_px=shift_px,
            frame_diff=frame_diff,
        )

    def _follow_scene(self, findings: Findings, ts: float, stats: PictureStats) -> None:
        ref = self._reference
        if any((findings.covered, findings.moved, findings.defocused, findings.frozen)) or self._incidents:
            return
        if ref.sharpness is None:
            ref.sharp_samples.append(stats.sharpness)
            if len(ref.sharp_samples) >= REFERENCE_SAMPLES:
                ref.sharpness = float(np.median(ref.sharp_samples))
                ref.taken_s = ts
        elif ts - ref.taken_s >= REFERENCE_EVERY_S:
            ref.sharpness = 0.8 * ref.sharpness + 0.2 * stats.sharpness
            ref.shift_grey = None  # the next sample becomes the new position reference
            ref.taken_s = ts

    def _step(
        self, name: str, kind: EventType, inertia: Inertia, severity: Severity, seen: bool, ts: float
    ) -> list[Event]:
        before = self._states[name]
        self._states[name], change = step_presence(before, seen, ts, inertia)
        if change is Transition.STARTED:
            start = first_known(self._states[name].start_s, ts)
            incident = OpenIncident(
                key=incident_key(self.camera_id, kind, None, start),
                type=kind,
                severity=severity,
                camera_id=self.camera_id,
                start_s=start,
            )
            self._incidents[name] = incident
            return [incident.event(EventPhase.START, ts)]
        if change is Transition.ENDED and name in self._incidents:
            end = first_known(before.last_seen_s, ts)
            return [self._incidents.pop(name).event(EventPhase.END, end, end)]
        return []

    def tick(self, now_s: float) -> list[Event]:
        """Call on a timer: with no frame for OFFLINE_S the camera is reported offline."""
        if (
            self._last_frame_s is None
            or "offline" in self._incidents
            or now_s - self._last_frame_s < OFFLINE_S
        ):
            return []
        incident = OpenIncident(
            key=incident_key(self.camera_id, EventType.CAMERA_OFFLINE, None, self._last_frame_s),
            type=EventType.CAMERA_OFFLINE,
            severity=Severity.CRITICAL,
            camera_id=self.camera_id,
            start_s=self._last_frame_s,
        )
        self._incidents["offline"] = incident
        return [incident.event(EventPhase.START, now_s)]

    def _end_offline(self, ts: float) -> list[Event]:
        incident = self._incidents.pop("offline", None)
        if incident is None:
            return []
        self._previous = None  # the first frame back is not "frozen"
        return [incident.event(EventPhase.END, ts, ts)]

    def finish(self, ts: float) -> list[Event]:
        events = [incident.event(EventPhase.END, ts, ts) for incident in self._incidents.values()]
        self._incidents.clear()
        self._states = {name: PresenceState() for name in CHECKS}
        return events
