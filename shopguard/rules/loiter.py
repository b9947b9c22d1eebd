"""Loitering: one person's foot point stays in a zone longer than the zone's `loiter_s`.

Short absences (up to GRACE_S) do not restart the clock, and a track that is lost and found
again under a new id near where it vanished keeps its dwell time."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from shopguard.config.zones import Zone
from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.rules.base import Observation, OpenIncident, incident_key
from shopguard.rules.geometry import Point, ShapeCache, foot_point
from shopguard.rules.presence import Transition

GRACE_S = 3.0  # out of the zone (or unseen) this long ends the dwell
REFIND_DISTANCE = 0.12  # a new track within this fraction of the picture diagonal inherits a dwell
UPDATE_EVERY_S = 10.0


@dataclass(frozen=True, slots=True)
class DwellState:
    entered_s: float
    last_inside_s: float
    last_point: Point
    alerted: bool = False


def step_dwell(
    state: DwellState | None, inside_at: Point | None, ts: float, loiter_s: float, grace_s: float = GRACE_S
) -> tuple[DwellState | None, Transition | None]:
    """One observation of one person: `inside_at` is the foot point when inside the zone."""
    if inside_at is not None:
        if state is None or ts - state.last_inside_s > grace_s:
            state = DwellState(entered_s=ts, last_inside_s=ts, last_point=inside_at)
        else:
            state = replace(state, last_inside_s=ts, last_point=inside_at)
        if not state.alerted and ts - state.entered_s >= loiter_s:
            return replace(state, alerted=True), Transition.STARTED
        return state, None
    if state is not None and ts - state.last_inside_s > grace_s:
        return None, Transition.ENDED if state.alerted else None
    return state, None


class LoiterRule:
    def __init__(self, camera_id: str, zone: Zone, grace_s: float = GRACE_S) -> None:
        self.camera_id = camera_id
        self.zone = zone
        self.grace_s = grace_s
        self._shapes = ShapeCache()
        self._dwell: dict[int, DwellState] = {}
        self._incidents: dict[int, OpenIncident] = {}
        self._last_report: dict[int, float] = {}

    def update(self, obs: Observation) -> list[Event]:
        width, height = obs.result.width, obs.result.height
        shape = self._shapes.get(self.zone, width, height)
        inside: dict[int, Point] = {}
        for track in obs.visible_tracks:
            foot = foot_point(track.box, width, height)
            if shape.contains(foot):
                inside[track.track_id] = foot
        present = {t.track_id for t in obs.result.tracks if t.lost_frames == 0}
        self._inherit(inside, present, obs.ts, math.hypot(width, height) * REFIND_DISTANCE)
        events: list[Event] = []
        for track_id in sorted(set(self._dwell) | set(inside)):
            before = self._dwell.get(track_id)
            state, change = step_dwell(before, inside.get(track_id), obs.ts, self.zone.loiter_s, self.grace_s)
            if state is None:
                self._dwell.pop(track_id, None)
            else:
                self._dwell[track_id] = state
            events.extend(self._report(track_id, state, before, change, obs.ts))
        return events

    def _inherit(self, inside: dict[int, Point], present: set[int], ts: float, max_px: float) -> None:
        """A new id inside the zone takes over the dwell of a vanished track close by."""
        orphans = [tid for tid in self._dwell if tid not in present]
        for track_id, foot in inside.items():
            if track_id in self._dwell or not orphans:
                continue
            best = min(orphans, key=lambda o: math.dist(self._dwell[o].last_point, foot))
            if math.dist(self._dwell[best].last_point, foot) <= max_px:
                self._dwell[track_id] = self._dwell.pop(best)
                if best in self._incidents:
                    incident = self._incidents.pop(best)
                    incident.track_ids.add(track_id)
                    self._incidents[track_id] = incident
                    self._last_report[track_id] = self._last_report.pop(best, ts)
                orphans.remove(best)

    def _report(
        self,
        track_id: int,
        state: DwellState | None,
        before: DwellState | None,
        change: Transition | None,
        ts: float,
    ) -> list[Event]:
        if change is Transition.STARTED and state is not None:
            incident = OpenIncident(
                key=incident_key(
                    self.camera_id, EventType.LOITER, self.zone.id, state.entered_s, str(track_id)
                ),
                type=EventType.LOITER,
                severity=Severity.WARNING,
                camera_id=self.camera_id,
                start_s=state.entered_s,
                zone_id=self.zone.id,
                track_ids={track_id},
                detail={"zone_name": self.zone.name, "dwell_s": round(ts - state.entered_s, 1)},
            )
            self._incidents[track_id] = incident
            self._last_report[track_id] = ts
            return [incident.event(EventPhase.START, ts)]
        incident = self._incidents.get(track_id)
        if incident is None:
            return []
        if change is Transition.ENDED and before is not None:
            del self._incidents[track_id]
            self._last_report.pop(track_id, None)
            end = before.last_inside_s
            incident.detail["dwell_s"] = round(end - incident.start_s, 1)
            return [incident.event(EventPhase.END, end, end)]
        if state is not None and ts - self._last_report[track_id] >= UPDATE_EVERY_S:
            self._last_report[track_id] = ts
            incident.detail["dwell_s"] = round(ts - incident.start_s, 1)
            return [incident.event(EventPhase.UPDATE, ts)]
        return []

    def finish(self, ts: float) -> list[Event]:
        events = []
        for track_id, incident in sorted(self._incidents.items()):
            end = self._dwell[track_id].last_inside_s if track_id in self._dwell else ts
            incident.detail["dwell_s"] = round(end - incident.start_s, 1)
            events.append(incident.event(EventPhase.END, end, end))
        self._incidents.clear()
        self._dwell.clear()
        return events
