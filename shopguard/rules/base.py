"""What every rule sees per frame, and how it reports: the Rule protocol and an event builder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.domain.vision import FrameResult, Track


@dataclass(frozen=True)
class Observation:
    """One analysed frame as the rules see it: tracks and poses, the local wall time, the size."""

    camera_id: str
    result: FrameResult
    local_time: datetime  # shop time zone; used for schedules and hourly counts
    epoch_s: float  # the same moment in epoch seconds (grants and sales are stored that way)

    @property
    def ts(self) -> float:
        return self.result.ts

    @property
    def visible_tracks(self) -> tuple[Track, ...]:
        """Confirmed tracks seen in this detection pass (not coasting on the Kalman prediction)."""
        return tuple(t for t in self.result.tracks if t.confirmed and t.lost_frames == 0)


class Rule(Protocol):
    """One rule for one camera. `update` sees every analysed frame; `finish` ends open incidents
    (end of a file, camera removed)."""

    def update(self, obs: Observation) -> list[Event]: ...

    def finish(self, ts: float) -> list[Event]: ...


@dataclass
class OpenIncident:
    """An incident between START and END: the fields every phase repeats."""

    key: str
    type: EventType
    severity: Severity
    camera_id: str
    start_s: float
    zone_id: str | None = None
    track_ids: set[int] = field(default_factory=set)
    detail: dict[str, Any] = field(default_factory=dict)

    def event(self, phase: EventPhase, last_s: float, end_s: float | None = None) -> Event:
        return Event(
            key=self.key,
            type=self.type,
            phase=phase,
            severity=self.severity,
            camera_id=self.camera_id,
            start_s=self.start_s,
            last_s=last_s,
            end_s=end_s,
            zone_id=self.zone_id,
            track_ids=tuple(sorted(self.track_ids)),
            detail=dict(self.detail),
        )


def incident_key(
    camera_id: str, kind: EventType, zone_id: str | None, start_s: float, extra: str = ""
) -> str:
    """Stable across the phases of one incident, different for the next one."""
    return f"{camera_id}:{kind.value}:{zone_id or '-'}:{extra}:{start_s:.3f}"
