"""After-hours intrusion: a person's foot point inside a zone while its schedule is closed."""

from __future__ import annotations

from shopguard.config.zones import Schedule, Zone
from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.rules.base import Observation, OpenIncident, incident_key
from shopguard.rules.geometry import ShapeCache, foot_point
from shopguard.rules.presence import Inertia, PresenceState, Transition, first_known, step_presence
from shopguard.rules.schedule import is_open

INTRUSION_INERTIA = Inertia(on_s=1.0, off_s=5.0, gap_s=0.6)
UPDATE_EVERY_S = 5.0  # how often an ongoing intrusion is reported again (track ids, last time)


class IntrusionRule:
    def __init__(
        self,
        camera_id: str,
        zone: Zone,
        schedule: Schedule | None,
        inertia: Inertia = INTRUSION_INERTIA,
    ) -> None:
        self.camera_id = camera_id
        self.zone = zone
        self.schedule = schedule
        self.inertia = inertia
        self._shapes = ShapeCache()
        self._state = PresenceState()
        self._incident: OpenIncident | None = None
        self._last_report_s = 0.0

    def update(self, obs: Observation) -> list[Event]:
        shape = self._shapes.get(self.zone, obs.result.width, obs.result.height)
        closed = not is_open(self.schedule, obs.local_time)
        inside = [
            t
            for t in obs.visible_tracks
            if shape.contains(foot_point(t.box, obs.result.width, obs.result.height))
        ]
        seen = closed and bool(inside)
        before = self._state
        self._state, change = step_presence(self._state, seen, obs.ts, self.inertia)
        events: list[Event] = []
        if change is Transition.STARTED:
            start = first_known(self._state.start_s, obs.ts)
            self._incident = OpenIncident(
                key=incident_key(self.camera_id, EventType.INTRUSION, self.zone.id, start),
                type=EventType.INTRUSION,
                severity=Severity.CRITICAL,
                camera_id=self.camera_id,
                start_s=start,
                zone_id=self.zone.id,
                detail={"zone_name": self.zone.name},
            )
            self._incident.track_ids.update(t.track_id for t in inside)
            self._last_report_s = obs.ts
            events.append(self._incident.event(EventPhase.START, obs.ts))
        elif change is Transition.ENDED and self._incident is not None:
            end = first_known(before.last_seen_s, obs.ts)
            events.append(self._incident.event(EventPhase.END, end, end))
            self._incident = None
        elif self._incident is not None and inside:
            new_ids = {t.track_id for t in inside} - self._incident.track_ids
            self._incident.track_ids.update(new_ids)
            if new_ids or obs.ts - self._last_report_s >= UPDATE_EVERY_S:
                self._last_report_s = obs.ts
                events.append(self._incident.event(EventPhase.UPDATE, obs.ts))
        return events

    def finish(self, ts: float) -> list[Event]:
        if self._incident is None:
            return []
        end = first_known(self._state.last_seen_s, ts)
        event = self._incident.event(EventPhase.END, end, end)
        self._incident = None
        self._state = PresenceState()
        return [event]
