"""Fall / collapse from pose over time, without needing a person box once someone is down.

Where the line is drawn (measured on the UP-Fall clips, see tests/integration/test_rules_real_falls.py):
a FALL is a person seen STANDING (torso within UPRIGHT_DEG of vertical, legs below the hips, for at
least STAND_MIN_S) who is LYING (torso more than LYING_DEG from vertical) at most FALL_WINDOW_S
later, whose shoulders dropped by at least DROP_FRACTION of their standing shoulder-to-ankle
height, and who is still lying STAY_DOWN_S after that. So:
- someone lying from the start of the picture was never seen standing: no fall;
- someone lying down on purpose goes through kneeling or sitting: the time from the last standing
  pose to lying exceeds FALL_WINDOW_S: no fall;
- picking something up or jumping does not stay lying: no fall.
Poses come without ids; they are matched frame to frame by distance (a falling body moves fast,
so the gate is generous). The event ends when that person stands again or is gone GONE_S."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum

from shopguard.config.zones import Zone
from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.domain.geometry import Box
from shopguard.domain.vision import KeypointName as K
from shopguard.domain.vision import Pose
from shopguard.rules.base import Observation, OpenIncident, incident_key
from shopguard.rules.geometry import ShapeCache

UPRIGHT_DEG = 30.0
LYING_DEG = 60.0
STAND_MIN_S = 0.5
FALL_WINDOW_S = 2.0
DROP_FRACTION = 0.4
STAY_DOWN_S = 1.5
LYING_GAP_S = 0.6  # a missed lying pose this short does not restart the stay-down clock
GONE_S = 10.0
MIN_KEYPOINT_SCORE = 0.1
MATCH_GATE = 1.2  # a pose matches a person within this many of their box diagonals


class Posture(StrEnum):
    STANDING = "standing"
    LYING = "lying"
    OTHER = "other"  # sitting, bending, kneeling, unclear


@dataclass(frozen=True, slots=True)
class PoseReading:
    """The few numbers the fall logic needs from one skeleton."""

    posture: Posture
    shoulder_y: float
    height_px: float  # shoulder-to-ankle height while standing (0 otherwise)
    torso_deg: float


def read_pose(pose: Pose) -> PoseReading | None:
    """None when shoulders or hips are not seen well enough to judge."""
    kp = pose.keypoints
    shoulders = [kp[K.LEFT_SHOULDER], kp[K.RIGHT_SHOULDER]]
    hips = [kp[K.LEFT_HIP], kp[K.RIGHT_HIP]]
    if (
        max(p.score for p in shoulders) < MIN_KEYPOINT_SCORE
        or max(p.score for p in hips) < MIN_KEYPOINT_SCORE
    ):
        return None
    sx, sy = _mid(shoulders)
    hx, hy = _mid(hips)
    torso_deg = math.degrees(math.atan2(abs(hx - sx), hy - sy))  # 0 upright, 90 flat, 180 upside down
    ankles = [p for p in (kp[K.LEFT_ANKLE], kp[K.RIGHT_ANKLE]) if p.score >= MIN_KEYPOINT_SCORE]
    ankle_y = sum(p.y for p in ankles) / len(ankles) if ankles else None
    torso_len = math.hypot(hx - sx, hy - sy)
    legs_down = ankle_y is not None and ankle_y - hy >= 0.8 * torso_len
    if torso_deg <= UPRIGHT_DEG and legs_down and ankle_y is not None:
        return PoseReading(Posture.STANDING, sy, ankle_y - sy, torso_deg)
    if torso_deg >= LYING_DEG:
        return PoseReading(Posture.LYING, sy, 0.0, torso_deg)
    return PoseReading(Posture.OTHER, sy, 0.0, torso_deg)


def _mid(points: list) -> tuple[float, float]:
    weights = [max(p.score, 1e-3) for p in points]
    total = sum(weights)
    return (
        sum(p.x * w for p, w in zip(points, weights, strict=True)) / total,
        sum(p.y * w for p, w in zip(points, weights, strict=True)) / total,
    )


@dataclass(frozen=True, slots=True)
class FallState:
    stand_since_s: float | None = None  # start of the current standing run
    last_stand_s: float | None = None  # last moment seen standing after at least STAND_MIN_S
    stand_shoulder_y: float = 0.0
    stand_height_px: float = 0.0
    lying_since_s: float | None = None
    last_lying_s: float | None = None
    fell: bool = False  # this lying spell began as a fall
    alerted: bool = False


class FallChange(StrEnum):
    FELL = "fell"  # alert: went down fast and stayed down
    GOT_UP = "got_up"


def step_fall(
    state: FallState, reading: PoseReading | None, ts: float
) -> tuple[FallState, FallChange | None]:
    """One pose of one person. Pure: the whole decision lives here."""
    if reading is None:
        return state, None
    if reading.posture is Posture.STANDING:
        since = state.stand_since_s if state.stand_since_s is not None else ts
        state = replace(state, stand_since_s=since)
        if ts - since >= STAND_MIN_S:
            state = replace(
                state, last_stand_s=ts, stand_shoulder_y=reading.shoulder_y, stand_height_px=reading.height_px
            )
        if state.alerted and ts - since >= STAND_MIN_S:
            return replace(
                state, lying_since_s=None, last_lying_s=None, fell=False, alerted=False
            ), FallChange.GOT_UP
        if not state.alerted:
            state = replace(state, lying_since_s=None, last_lying_s=None, fell=False)
        return state, None
    state = replace(state, stand_since_s=None)
    if reading.posture is not Posture.LYING:
        if state.last_lying_s is not None and ts - state.last_lying_s > LYING_GAP_S and not state.alerted:
            state = replace(state, lying_since_s=None, last_lying_s=None, fell=False)
        return state, None
    if state.lying_since_s is None or (
        state.last_lying_s is not None and ts - state.last_lying_s > LYING_GAP_S and not state.alerted
    ):
        fast = state.last_stand_s is not None and ts - state.last_stand_s <= FALL_WINDOW_S
        dropped = reading.shoulder_y - state.stand_shoulder_y >= DROP_FRACTION * state.stand_height_px
        state = replace(state, lying_since_s=ts, fell=fast and dropped and state.stand_height_px > 0)
    state = replace(state, last_lying_s=ts)
    if (
        state.fell
        and not state.alerted
        and state.lying_since_s is not None
        and ts - state.lying_since_s >= STAY_DOWN_S
    ):
        return replace(state, alerted=True), FallChange.FELL
    return state, None


@dataclass
class _Person:
    person_id: int
    box: Box
    last_seen_s: float
    state: FallState
    incident: OpenIncident | None = None


def _pose_ran(obs: Observation) -> bool:
    return bool(obs.result.poses) or obs.result.timings.pose_ms > 0


class FallRule:
    """Watches every pose in the picture, or only poses whose box centre lies in one of `zones`."""

    def __init__(self, camera_id: str, zones: list[Zone] | None = None) -> None:
        self.camera_id = camera_id
        self.zones = zones or []
        self.zone_id = self.zones[0].id if len(self.zones) == 1 else None
        self._shapes = ShapeCache()
        self._people: list[_Person] = []
        self._next_id = 1

    def update(self, obs: Observation) -> list[Event]:
        events: list[Event] = []
        if _pose_ran(obs):
            for person, pose in self._match(self._watched(obs), obs.ts):
                before = person.state
                person.state, change = step_fall(person.state, read_pose(pose), obs.ts)
                person.box = pose.box
                person.last_seen_s = obs.ts
                events.extend(self._report(person, before, change, obs))
        for person in [p for p in self._people if obs.ts - p.last_seen_s > GONE_S]:
            if person.incident is not None:
                events.append(person.incident.event(EventPhase.END, person.last_seen_s, person.last_seen_s))
            self._people.remove(person)
        return events

    def _watched(self, obs: Observation) -> tuple[Pose, ...]:
        if not self.zones:
            return obs.result.poses
        shapes = [self._shapes.get(z, obs.result.width, obs.result.height) for z in self.zones]
        return tuple(p for p in obs.result.poses if any(s.contains(p.box.center) for s in shapes))

    def _match(self, poses: tuple[Pose, ...], ts: float) -> list[tuple[_Person, Pose]]:
        pairs = []
        for person in self._people:
            gate = MATCH_GATE * math.hypot(person.box.width, person.box.height)
            for index, pose in enumerate(poses):
                distance = math.dist(person.box.center, pose.box.center)
                if distance <= gate:
                    pairs.append((distance, person.person_id, index))
        matched: list[tuple[_Person, Pose]] = []
        used_people: set[int] = set()
        used_poses: set[int] = set()
        by_id = {p.person_id: p for p in self._people}
        for _, person_id, index in sorted(pairs):
            if person_id in used_people or index in used_poses:
                continue
            used_people.add(person_id)
            used_poses.add(index)
            matched.append((by_id[person_id], poses[index]))
        for index, pose in enumerate(poses):
            if index not in used_poses:
                person = _Person(self._next_id, pose.box, ts, FallState())
                self._next_id += 1
                self._people.append(person)
                matched.append((person, pose))
        return matched

    def _report(
        self, person: _Person, before: FallState, change: FallChange | None, obs: Observation
    ) -> list[Event]:
        if change is FallChange.FELL:
            start = before.last_stand_s if before.last_stand_s is not None else obs.ts
            person.incident = OpenIncident(
                key=incident_key(self.camera_id, EventType.FALL, self.zone_id, start, str(person.person_id)),
                type=EventType.FALL,
                severity=Severity.CRITICAL,
                camera_id=self.camera_id,
                start_s=start,
                zone_id=self.zone_id,
                track_ids=set(_track_ids_near(person.box, obs)),
                detail={
                    "person": person.person_id,
                    "box": [
                        round(v, 1) for v in (person.box.x1, person.box.y1, person.box.x2, person.box.y2)
                    ],
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
            for p in self._people
            if p.incident is not None
        ]
        self._people.clear()
        return events


def _track_ids_near(box: Box, obs: Observation) -> list[int]:
    """Tracker ids overlapping the fallen person (often none: the detector misses people lying down)."""
    return [t.track_id for t in obs.result.tracks if t.box.iou(box) > 0.1]
