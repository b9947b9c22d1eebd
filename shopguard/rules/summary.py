"""Fold the event stream (start/update/end per key) into one line per incident, for reports."""

from __future__ import annotations

from dataclasses import dataclass

from shopguard.domain.events import Event


@dataclass
class IncidentSummary:
    type: str
    severity: str
    zone: str | None
    start_s: float
    end_s: float | None
    track_ids: tuple[int, ...]
    snapshot: str | None
    detail: dict
    alerted_s: float | None = None  # when the incident was first raised (its START phase)

    def as_dict(self) -> dict:
        return {
            "type": self.type,
            "severity": self.severity,
            "zone": self.zone,
            "start_s": round(self.start_s, 3),
            "end_s": None if self.end_s is None else round(self.end_s, 3),
            "track_ids": list(self.track_ids),
            "snapshot": self.snapshot,
            "detail": self.detail,
            "alerted_s": None if self.alerted_s is None else round(self.alerted_s, 3),
        }


class EventLog:
    """Collects events in arrival order; the latest phase of each incident wins."""

    def __init__(self) -> None:
        self._by_key: dict[str, IncidentSummary] = {}

    def add(self, events: list[Event]) -> None:
        for event in events:
            earlier = self._by_key.get(event.key)
            self._by_key[event.key] = IncidentSummary(
                type=event.type.value,
                severity=event.severity.value,
                zone=event.zone_id,
                start_s=event.start_s,
                end_s=event.end_s,
                track_ids=event.track_ids,
                snapshot=event.snapshot_path,
                detail=dict(event.detail),
                alerted_s=earlier.alerted_s if earlier is not None else event.last_s,
            )

    def incidents(self) -> list[IncidentSummary]:
        return sorted(self._by_key.values(), key=lambda s: (s.start_s, s.type))
