"""Tailgating: more people came in through a door line than valid QR entries were granted.

Entries close together (gaps under GROUP_GAP_S) form one group; SETTLE_S after its last entry the
group is compared with the grants from GRANT_BEFORE_S before its first entry to GRANT_AFTER_S after
its last. Each grant admits one person and is used once."""

from __future__ import annotations

from dataclasses import dataclass, field

from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.rules.base import Observation, OpenIncident, incident_key
from shopguard.rules.door import Crossing, Direction, DoorRule
from shopguard.rules.grants import GrantSource

GROUP_GAP_S = 8.0
SETTLE_S = 4.0
GRANT_BEFORE_S = 30.0
GRANT_AFTER_S = 5.0


@dataclass
class EntryGroup:
    entries: list[Crossing] = field(default_factory=list)

    @property
    def last_ts(self) -> float:
        return self.entries[-1].ts


def unmatched_entries(entries: int, grants: list[float], used: set[float]) -> tuple[int, list[float]]:
    """How many entries no grant covers, and which grants this group uses (earliest first)."""
    free = sorted(g for g in grants if g not in used)
    taken = free[: min(entries, len(free))]
    return entries - len(taken), taken


class TailgateRule:
    def __init__(
        self,
        camera_id: str,
        door: DoorRule,
        grants: GrantSource,
        group_gap_s: float = GROUP_GAP_S,
        settle_s: float = SETTLE_S,
    ) -> None:
        self.camera_id = camera_id
        self.door = door
        self.grants = grants
        self.group_gap_s = group_gap_s
        self.settle_s = settle_s
        self._group: EntryGroup | None = None
        self._used: set[float] = set()

    def update(self, obs: Observation) -> list[Event]:
        events: list[Event] = []
        for crossing in self.door.latest:
            if crossing.direction is not Direction.IN:
                continue
            if self._group is not None and crossing.ts - self._group.last_ts > self.group_gap_s:
                events.extend(self._close())
            if self._group is None:
                self._group = EntryGroup()
            self._group.entries.append(crossing)
        if self._group is not None and obs.ts - self._group.last_ts >= self.settle_s:
            events.extend(self._close())
        return events

    def _close(self) -> list[Event]:
        group, self._group = self._group, None
        if group is None or not group.entries:
            return []
        first, last = group.entries[0], group.entries[-1]
        grants = self.grants.grant_times(first.epoch_s - GRANT_BEFORE_S, last.epoch_s + GRANT_AFTER_S)
        missing, taken = unmatched_entries(len(group.entries), grants, self._used)
        oldest_useful = first.epoch_s - GRANT_BEFORE_S
        self._used = {g for g in self._used if g >= oldest_useful} | set(taken)
        if missing <= 0:
            return []
        incident = OpenIncident(
            key=incident_key(self.camera_id, EventType.TAILGATE, self.door.zone.id, first.ts),
            type=EventType.TAILGATE,
            severity=Severity.WARNING,
            camera_id=self.camera_id,
            start_s=first.ts,
            zone_id=self.door.zone.id,
            track_ids={c.track_id for c in group.entries},
            detail={"entries": len(group.entries), "grants": len(taken), "without_pass": missing},
        )
        return [incident.event(EventPhase.START, last.ts, last.ts)]

    def finish(self, ts: float) -> list[Event]:
        return self._close()
