"""Camera tampering from the picture itself: covered, moved, defocused, frozen, offline; and the
"picture went dark" info (lights off is no tampering). Pictures are compared per grid cell with a
background that follows the scene (tamper_background), judged per sample (tamper_judge) and raised
with inertia in seconds: fast once the picture has settled, slower while it is still in motion (a
person or a box passing right in front of the lens is gone before that)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.rules.base import OpenIncident, incident_key
from shopguard.rules.presence import Inertia, PresenceState, Transition, first_known, step_presence
from shopguard.rules.tamper_background import Background, Comparison
from shopguard.rules.tamper_judge import HEALTHY, Findings, judge
from shopguard.rules.tamper_match import View, ViewMatch, match_view
from shopguard.rules.tamper_picture import measure
from shopguard.vision.cv import cv2

SAMPLE_EVERY_S = 0.2
# Settled: the first still picture after a turn or an arriving cover is one sample late by nature,
# so a turned camera (also confirmed by the feature check) needs two samples in a row at the
# pipeline's 4 Hz and a covered or blurred one three (a camera's white-out while its exposure
# catches up with a door opened onto the sun looks covered for a moment): ≤ 1 s after complete.
# In motion: longer than anything passing the lens "for a moment" covers it.
SETTLED_ON_S = {"covered": 0.5, "moved": 0.25, "defocused": 0.5}
MOVING_INERTIA = Inertia(on_s=3.0, off_s=2.0, gap_s=0.6)
FROZEN_DIFF = 0.05  # mean absolute difference between samples (0–255) below this is "the same frame"
# Real clips repeated frames for ≤ 0.8 s. The gap covers one missed sample at a low analysis rate.
FROZEN_INERTIA = Inertia(on_s=2.0, off_s=0.5, gap_s=0.6)
DARK_RATIO = 0.45  # mean brightness below this share of the lit picture: "picture went dark" (info)
LIT_AGAIN_RATIO = 0.6
DARK_INERTIA = Inertia(on_s=1.0, off_s=1.0, gap_s=0.6)
LIT_TAU_S = 300.0  # the lit picture's brightness follows slowly (dusk, a cloud)
BEFORE_EVERY_S = 1.0  # healthy pictures kept this far apart for the "before" snapshot
BEFORE_KEPT = 5
# The "before" picture predates the incident's start by this much: the start is when the view was
# lost, and a hand or a spray takes up to ~2.5 s to get that far.
BEFORE_MARGIN_S = 2.5
RELEARN_MOVED_S = 120.0  # a camera pointing elsewhere this long: learn the new view, end the alarm
VIEW_CHECK_EVERY_S = 1.0
OFFLINE_S = 5.0

KINDS: dict[str, tuple[EventType, Severity]] = {
    "covered": (EventType.TAMPER_COVERED, Severity.CRITICAL),
    "moved": (EventType.TAMPER_MOVED, Severity.WARNING),
    "defocused": (EventType.TAMPER_DEFOCUSED, Severity.WARNING),
}


@dataclass
class _Watch:
    """One kind's two inertia states: settled (fast) and any (slow)."""

    settled_inertia: Inertia
    settled: PresenceState = field(default_factory=PresenceState)
    moving: PresenceState = field(default_factory=PresenceState)

    def step(self, seen: bool, settled: bool, ts: float) -> bool:
        self.settled, _ = step_presence(self.settled, seen and settled, ts, self.settled_inertia)
        self.moving, _ = step_presence(self.moving, seen, ts, MOVING_INERTIA)
        return self.settled.active or self.moving.active

    @property
    def since_s(self) -> float | None:
        starts = [s.start_s for s in (self.moving, self.settled) if s.active and s.start_s is not None]
        return min(starts) if starts else None

    @property
    def last_seen_s(self) -> float | None:
        seen = [s.last_seen_s for s in (self.settled, self.moving) if s.last_seen_s is not None]
        return max(seen) if seen else None


def _watches() -> dict[str, _Watch]:
    return {name: _Watch(replace(MOVING_INERTIA, on_s=SETTLED_ON_S[name])) for name in KINDS}


class TamperRule:
    """Fed every frame (it samples itself); `tick` without frames detects a camera gone offline."""

    def __init__(self, camera_id: str) -> None:
        self.camera_id = camera_id
        self.background = Background()
        self._shape: tuple[int, ...] | None = None
        self._previous: np.ndarray | None = None
        self._healthy: list[tuple[float, np.ndarray]] = []
        self._before: dict[str, np.ndarray] = {}
        self._last_sample_s: float | None = None
        self._last_frame_s: float | None = None
        self._watches = _watches()
        self._frozen = PresenceState()
        self._dark = PresenceState()
        self._lit_mean: float | None = None
        self._lit_s: float | None = None
        self._view: tuple[float, ViewMatch] | None = None
        self._relearned: str | None = None
        self._incidents: dict[str, OpenIncident] = {}
        self.last_comparison: Comparison | None = None
        self.last_findings: Findings = HEALTHY

    def check(self, frame_bgr: np.ndarray, ts: float) -> list[Event]:
        events = self._end_offline(ts)
        self._last_frame_s = ts
        if self._last_sample_s is not None and 0 <= ts - self._last_sample_s < SAMPLE_EVERY_S:
            return events
        self._last_sample_s = ts
        if frame_bgr.shape != self._shape:  # a new camera mode is a new scene: learn it again
            self._shape, self._previous = frame_bgr.shape, None
            self.background.reset()
        # Frozen compares samples SAMPLE_EVERY_S apart, so a camera sending each picture twice is not frozen.
        previous, self._previous = self._previous, frame_bgr.copy()
        frame_diff = 255.0 if previous is None else float(np.mean(cv2.absdiff(frame_bgr, previous)))
        picture = measure(frame_bgr)
        comparison = self.background.compare(picture)
        self.last_comparison = comparison
        findings = HEALTHY if comparison is None else judge(comparison)
        detail: dict = {}
        if findings.moved and self.background.keyframe is not None:
            view = self._view_of(picture.grey, ts)
            detail = {"view": view.view.value, "shift_share": round(view.shift_share, 3)}
            if view.view is View.SAME:  # the scene is still there, where it was: something is in front
                findings = replace(findings, moved=False)
        self.last_findings = findings
        if comparison is not None:
            detail |= {
                "matched_share": round(comparison.matched, 2),
                "kept_share": round(comparison.kept, 2),
                "sharpness": round(comparison.sharpness, 2),
            }
        for name, (kind, severity) in KINDS.items():
            active = self._watches[name].step(getattr(findings, name), findings.settled, ts)
            events.extend(self._incident(name, kind, severity, active, ts, detail))
        frozen = frame_diff < FROZEN_DIFF
        self._frozen, change = step_presence(self._frozen, frozen, ts, FROZEN_INERTIA)
        events.extend(self._transition("frozen", EventType.TAMPER_FROZEN, Severity.WARNING, change, ts))
        events.extend(self._dark_step(picture.mean, findings, ts))
        self._relearn_if_moved_long(ts)
        pending = any(w.last_seen_s is not None and ts - w.last_seen_s < 1.0 for w in self._watches.values())
        alarmed = any(name != "dark" for name in self._incidents)  # the night is followed like the day
        # Learn while learning; afterwards only from pictures with nothing wrong or about to be.
        if not self.background.ready or not (findings.any or frozen or pending or alarmed):
            self.background.follow(picture, ts, None if comparison is None else comparison.matched_cells)
            self._keep_healthy(frame_bgr, ts)
        return events

    def _view_of(self, grey: np.ndarray, ts: float) -> ViewMatch:
        # The feature check costs several samples' worth: once a second is enough to confirm.
        if self._view is None or not 0 <= ts - self._view[0] < VIEW_CHECK_EVERY_S:
            assert self.background.keyframe is not None
            self._view = (ts, match_view(self.background.keyframe, grey))
        return self._view[1]

    def _keep_healthy(self, frame_bgr: np.ndarray, ts: float) -> None:
        if self._healthy and 0 <= ts - self._healthy[-1][0] < BEFORE_EVERY_S:
            return
        self._healthy = [*self._healthy[-(BEFORE_KEPT - 1) :], (ts, frame_bgr.copy())]

    def _remember_before(self, incident: OpenIncident) -> None:
        earlier = [image for ts, image in self._healthy if ts <= incident.start_s - BEFORE_MARGIN_S]
        if earlier or self._healthy:
            self._before[incident.key] = earlier[-1] if earlier else self._healthy[0][1]

    def before_frame(self, key: str) -> np.ndarray | None:
        """The last healthy picture before the incident `key` (for its before/after snapshot)."""
        return self._before.get(key)

    def _incident(
        self, name: str, kind: EventType, severity: Severity, active: bool, ts: float, detail: dict
    ) -> list[Event]:
        incident = self._incidents.get(name)
        if active and incident is None:
            start = first_known(self._watches[name].since_s, ts)
            return [self._open(name, kind, severity, start, ts, detail)]
        if not active and incident is not None:
            end = first_known(self._watches[name].last_seen_s, ts)
            return [self._end(name, end)]
        return []

    def _open(
        self,
        name: str,
        kind: EventType,
        severity: Severity,
        start: float,
        ts: float,
        detail: dict | None = None,
    ) -> Event:
        incident = OpenIncident(
            key=incident_key(self.camera_id, kind, None, start),
            type=kind,
            severity=severity,
            camera_id=self.camera_id,
            start_s=start,
            detail=dict(detail or {}),
        )
        self._incidents[name] = incident
        if severity is not Severity.INFO:  # an info event (lights off) needs no before picture
            self._remember_before(incident)
        return incident.event(EventPhase.START, ts)

    def _end(self, name: str, end: float) -> Event:
        incident = self._incidents.pop(name)
        self._before.pop(incident.key, None)
        return incident.event(EventPhase.END, end, end)

    def _transition(
        self, name: str, kind: EventType, severity: Severity, change: Transition | None, ts: float
    ) -> list[Event]:
        state = self._dark if name == "dark" else self._frozen
        if change is Transition.STARTED:
            return [self._open(name, kind, severity, first_known(state.start_s, ts), ts)]
        if change is Transition.ENDED and name in self._incidents:
            return [self._end(name, first_known(state.last_seen_s, ts))]
        return []

    def _dark_step(self, mean: float, findings: Findings, ts: float) -> list[Event]:
        """Lights off: the picture keeps its structure and loses its brightness (info only)."""
        if self._lit_mean is None or not self.background.ready:
            self._lit_mean = mean
            return []
        threshold = LIT_AGAIN_RATIO if self._dark.active else DARK_RATIO
        dark = not findings.covered and mean < threshold * self._lit_mean
        if not dark and not self._dark.active and self._lit_s is not None:
            self._lit_mean += min(1.0, max(0.0, ts - self._lit_s) / LIT_TAU_S) * (mean - self._lit_mean)
        self._lit_s = ts
        self._dark, change = step_presence(self._dark, dark, ts, DARK_INERTIA)
        return self._transition("dark", EventType.PICTURE_DARK, Severity.INFO, change, ts)

    def _relearn_if_moved_long(self, ts: float) -> None:
        moved = self._incidents.get("moved")
        if moved is not None and ts - moved.start_s >= RELEARN_MOVED_S and self._relearned != moved.key:
            self._relearned = moved.key  # once: the alarm then ends as the new view matches
            self.background.reset()

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
        self._remember_before(incident)
        return [incident.event(EventPhase.START, now_s)]

    def _end_offline(self, ts: float) -> list[Event]:
        if "offline" not in self._incidents:
            return []
        self._previous = None  # the first frame back is not "frozen"
        return [self._end("offline", ts)]

    def finish(self, ts: float) -> list[Event]:
        events = [incident.event(EventPhase.END, ts, ts) for incident in self._incidents.values()]
        self._incidents.clear()
        self._before.clear()
        self._watches = _watches()
        self._frozen = PresenceState()
        self._dark = PresenceState()
        return events
