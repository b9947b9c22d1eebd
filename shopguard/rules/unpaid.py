"""Leaving without paying (review only, never an accusation): a person whose foot point stayed in
a product zone at least MIN_VISIT_S, then went out through a door line, with no sale recorded
anywhere in the shop between their entry (their crossing in, else first sighting) and exit.

Sales are not tied to a person, so any sale in that span counts as paid; a person lost and found
again under a new id starts with no shelf visit (misses rather than false alarms)."""

from __future__ import annotations

from dataclasses import dataclass, field

from shopguard.config.zones import Zone
from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.rules.base import Observation, OpenIncident, incident_key
from shopguard.rules.door import Direction, DoorRule
from shopguard.rules.geometry import ShapeCache, foot_point
from shopguard.rules.grants import SaleSource

MIN_VISIT_S = 2.0
PAY_AFTER_S = 5.0  # a sale closed just after the exit (receipt printing) still counts
FORGET_S = 600.0  # a person unseen this long is forgotten


@dataclass
class Visit:
    entry_epoch: float
    last_seen_s: float
    in_zone_since: dict[str, float] = field(default_factory=dict)
    visited: set[str] = field(default_factory=set)


class UnpaidExitRule:
    def __init__(
        self, camera_id: str, product_zones: list[Zone], doors: list[DoorRule], sales: SaleSource
    ) -> None:
        self.camera_id = camera_id
        self.product_zones = product_zones
        self.doors = doors
        self.sales = sales
        self._shapes = ShapeCache()
        self._visits: dict[int, Visit] = {}

    def update(self, obs: Observation) -> list[Event]:
        width, height = obs.result.width, obs.result.height
        for track in obs.visible_tracks:
            visit = self._visits.get(track.track_id)
            if visit is None:
                visit = Visit(entry_epoch=obs.epoch_s - (obs.ts - track.first_seen_s), last_seen_s=obs.ts)
                self._visits[track.track_id] = visit
            visit.last_seen_s = obs.ts
            foot = foot_point(track.box, width, height)
            for zone in self.product_zones:
                if self._shapes.get(zone, width, height).contains(foot):
                    since = visit.in_zone_since.setdefault(zone.id, obs.ts)
                    if obs.ts - since >= MIN_VISIT_S:
                        visit.visited.add(zone.id)
                else:
                    visit.in_zone_since.pop(zone.id, None)
        events: list[Event] = []
        for door in self.doors:
            for crossing in door.latest:
                visit = self._visits.get(crossing.track_id)
                if visit is None:
                    continue
                if crossing.direction is Direction.IN:
                    visit.entry_epoch = crossing.epoch_s
                    visit.visited.clear()
                    continue
                if visit.visited and not self.sales.sale_times(
                    visit.entry_epoch, crossing.epoch_s + PAY_AFTER_S
                ):
                    events.append(self._event(crossing.track_id, visit, crossing.ts, door.zone.id, obs))
                del self._visits[crossing.track_id]
        for track_id in [t for t, v in self._visits.items() if obs.ts - v.last_seen_s > FORGET_S]:
            del self._visits[track_id]
        return events

    def _event(self, track_id: int, visit: Visit, exit_s: float, door_id: str, obs: Observation) -> Event:
        entry_s = visit.entry_epoch - (obs.epoch_s - obs.ts)
        incident = OpenIncident(
            key=incident_key(self.camera_id, EventType.UNPAID_EXIT, door_id, exit_s, str(track_id)),
            type=EventType.UNPAID_EXIT,
            severity=Severity.REVIEW,
            camera_id=self.camera_id,
            start_s=entry_s,
            zone_id=door_id,
            track_ids={track_id},
            detail={"product_zones": sorted(visit.visited), "exit_s": round(exit_s, 3)},
        )
        return incident.event(EventPhase.START, exit_s, exit_s)

    def finish(self, ts: float) -> list[Event]:
        self._visits.clear()
        return []
