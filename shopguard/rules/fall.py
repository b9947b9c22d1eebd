"""FallRule: falls and collapses from pose over time, without needing a person box once someone is down.

How a fall is told from sitting, bending or lying down on purpose is in fall_decision.py (the
timing) and fall_posture.py (the geometry); fall_features.py reads a skeleton, fall_follow.py
follows people between looks. Measured on UP-Fall (frontal and high corner cameras): see
tests/integration/test_rules_real_falls.py and `shopguard evaluate tests/data/rules_labels.csv`."""

from __future__ import annotations

from shopguard.config.zones import Zone
from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.domain.vision import Pose
from shopguard.rules.base import Observation, OpenIncident, incident_key
from shopguard.rules.fall_decision import FallChange, FallState, step_fall
from shopguard.rules.fall_features import body_points
from shopguard.rules.fall_follow import FollowedPerson, PoseFollower, tracks_near
from shopguard.rules.fall_posture import PostureReading, read_posture
from shopguard.rules.geometry import ShapeCache


def read(pose: Pose, state: FallState, ts: float) -> PostureReading | None:
    """One skeleton against its person's yardstick (None: shoulders or hips not seen)."""
    points = body_points(pose)
    return None if points is None else read_posture(points, state.ref, ts)


def _pose_ran(obs: Observation) -> bool:
    return bool(obs.result.poses) or obs.result.timings.pose_ms > 0


class FallRule:
    """Watches every pose in the picture, or only poses whose box centre lies in one of `zones`."""

    def __init__(self, camera_id: str, zones: list[Zone] | None = None) -> None:
        self.camera_id = camera_id
        self.zones = zones or []
        self.zone_id = self.zones[0].id if len(self.zones) == 1 else None
        self._shapes = ShapeCache()
        self._follower = PoseFollower()

    def update(self, obs: Observation) -> list[Event]:
        events: list[Event] = []
        seen: set[int] = set()
        if _pose_ran(obs):
            for person, pose in self._follower.match(self._watched(obs), obs.ts):
                seen.add(person.person_id)
                events.extend(self._step(person, read(pose, person.state, obs.ts), obs))
        for person in self._follower.people:
            if person.person_id not in seen:  # not read in this look: time still runs
                events.extend(self._step(person, None, obs))
        for person in self._follower.forget_gone(obs.ts):
            if person.incident is not None:
                events.append(person.incident.event(EventPhase.END, person.last_seen_s, person.last_seen_s))
        return events

    def _watched(self, obs: Observation) -> tuple[Pose, ...]:
        if not self.zones:
            return obs.result.poses
        shapes = [self._shapes.get(z, obs.result.width, obs.result.height) for z in self.zones]
        return tuple(p for p in obs.result.poses if any(s.contains(p.box.center) for s in shapes))

    def _step(self, person: FollowedPerson, reading: PostureReading | None, obs: Observation) -> list[Event]:
        before = person.state
        person.state, change = step_fall(person.state, reading, obs.ts)
        if change is FallChange.FELL:
            start = before.fall_start_s if before.fall_start_s is not None else obs.ts
            box = person.box
            person.incident = OpenIncident(
                key=incident_key(self.camera_id, EventType.FALL, self.zone_id, start, str(person.person_id)),
                type=EventType.FALL,
                severity=Severity.CRITICAL,
                camera_id=self.camera_id,
                start_s=start,
                zone_id=self.zone_id,
                track_ids=set(tracks_near(box, obs.result.tracks)),
                detail={
                    "person": person.person_id,
                    "box": [round(v, 1) for v in (box.x1, box.y1, box.x2, box.y2)],
                    "down_since_s": round(before.down_since_s or obs.ts, 3),
                },
            )
            return [person.incident.event(EventPhase.START, obs.ts)]
        if change is FallChange.GOT_UP and person.incident is not None:
            incident, person.incident = person.incident, None
            return [incident.event(EventPhase.END, obs.ts, obs.ts)]
        return []

    def finish(self, ts: float) -> list[Event]:
        events = [
            p.incident.event(EventPhase.END, p.last_seen_s, p.last_seen_s)
            for p in self._follower.people
            if p.incident is not None
        ]
        self._follower.people.clear()
        return events
