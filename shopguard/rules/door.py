"""Door line counting: a track's foot point changes sides of a door line → one crossing in or out.

A band of MARGIN either side of the line is ignored (feet jitter on the threshold), a point beyond
the ends of the segment forgets the side (walking round the end is not a crossing), and a track lost
and found again under a new id near where it vanished keeps the side it was on."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from shopguard.config.zones import Zone
from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.rules.base import Observation, OpenIncident, incident_key
from shopguard.rules.geometry import LinePosition, Point, ShapeCache, foot_point, line_position

MARGIN = 0.02  # fraction of the picture height either side of the line that counts as "on it"
END_SLACK = 0.15  # fraction of the line length beyond each end still taken as the doorway
REFIND_S = 2.0
REFIND_DISTANCE = 0.1  # fraction of the picture diagonal


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class Side(StrEnum):
    UNKNOWN = "unknown"
    INSIDE = "inside"
    OUTSIDE = "outside"


@dataclass(frozen=True, slots=True)
class Crossing:
    zone_id: str
    track_id: int
    direction: Direction
    ts: float
    epoch_s: float
    point: Point


def step_side(
    side: Side, pos: LinePosition, margin_px: float, end_slack: float = END_SLACK
) -> tuple[Side, Direction | None]:
    """One foot point of one track against a door line; returns the new side and any crossing."""
    if pos.along < -end_slack or pos.along > 1 + end_slack:
        return Side.UNKNOWN, None
    if abs(pos.signed_px) < margin_px:
        return side, None
    new = Side.INSIDE if pos.signed_px > 0 else Side.OUTSIDE
    if side is Side.UNKNOWN or side is new:
        return new, None
    return new, Direction.IN if new is Side.INSIDE else Direction.OUT


@dataclass(slots=True)
class _TrackSide:
    side: Side
    point: Point
    seen_s: float


class DoorRule:
    def __init__(self, camera_id: str, zone: Zone, margin: float = MARGIN) -> None:
        self.camera_id = camera_id
        self.zone = zone
        self.margin = margin
        self._shapes = ShapeCache()
        self._sides: dict[int, _TrackSide] = {}
        self.latest: list[
            Crossing
        ] = []  # crossings found in the last update (tailgating, unpaid exit read them)
        self.counts = {Direction.IN: 0, Direction.OUT: 0}

    def update(self, obs: Observation) -> list[Event]:
        width, height = obs.result.width, obs.result.height
        p1, p2 = self._shapes.get(self.zone, width, height).points
        margin_px = self.margin * height
        self.latest = []
        events: list[Event] = []
        visible = obs.visible_tracks
        present = {t.track_id for t in obs.result.tracks}
        for track in visible:
            foot = foot_point(track.box, width, height)
            entry = self._sides.get(track.track_id)
            if entry is None:
                entry = self._inherit(track.track_id, foot, present, obs.ts, width, height)
                if entry.side is Side.UNKNOWN and track.first_box is not None:
                    # The side where the person was first seen, while the track was still tentative.
                    first = foot_point(track.first_box, width, height)
                    entry.side, _ = step_side(
                        entry.side, line_position(first, p1, p2, self.zone.inside_left), margin_px
                    )
            side, direction = step_side(
                entry.side, line_position(foot, p1, p2, self.zone.inside_left), margin_px
            )
            entry.side, entry.point, entry.seen_s = side, foot, obs.ts
            if direction is not None:
                crossing = Crossing(self.zone.id, track.track_id, direction, obs.ts, obs.epoch_s, foot)
                self.latest.append(crossing)
                self.counts[direction] += 1
                events.append(self._event(crossing))
        for track_id in [
            t for t, e in self._sides.items() if t not in present and obs.ts - e.seen_s > REFIND_S
        ]:
            del self._sides[track_id]
        return events

    def _inherit(
        self, track_id: int, foot: Point, present: set[int], ts: float, width: int, height: int
    ) -> _TrackSide:
        max_px = math.hypot(width, height) * REFIND_DISTANCE
        orphans = [
            (math.dist(e.point, foot), t)
            for t, e in self._sides.items()
            if t not in present and ts - e.seen_s <= REFIND_S and e.side is not Side.UNKNOWN
        ]
        entry = _TrackSide(Side.UNKNOWN, foot, ts)
        if orphans:
            distance, orphan = min(orphans)
            if distance <= max_px:
                entry = self._sides.pop(orphan)
        self._sides[track_id] = entry
        return entry

    def _event(self, crossing: Crossing) -> Event:
        kind = EventType.DOOR_IN if crossing.direction is Direction.IN else EventType.DOOR_OUT
        incident = OpenIncident(
            key=incident_key(self.camera_id, kind, self.zone.id, crossing.ts, str(crossing.track_id)),
            type=kind,
            severity=Severity.INFO,
            camera_id=self.camera_id,
            start_s=crossing.ts,
            zone_id=self.zone.id,
            track_ids={crossing.track_id},
            detail={"zone_name": self.zone.name, "direction": crossing.direction.value},
        )
        return incident.event(EventPhase.START, crossing.ts, crossing.ts)  # instant: one START, end set

    def finish(self, ts: float) -> list[Event]:
        self._sides.clear()
        return []
