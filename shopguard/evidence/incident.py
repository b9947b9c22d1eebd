"""The incident behind an export: one event row by id, and the events of the exported cameras and
range for the report's timeline. Reads the `events` table (rules' columns when present). No Qt."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from shopguard.domain.events import TITLES, EventType
from shopguard.errors import ShopGuardError
from shopguard.recording.segments import parse_utc

PRE_ROLL_S = 10.0  # when an event has no clip span of its own
POST_ROLL_S = 10.0
SEVERITY_KO = {"info": "참고", "review": "검토", "warning": "경고", "critical": "긴급"}


@dataclass(frozen=True)
class Incident:
    id: int
    camera_id: str
    type: str
    severity: str
    start_utc: datetime
    end_utc: datetime | None
    zone: str | None
    track_ids: tuple[int, ...]
    clip_start_utc: datetime | None
    clip_end_utc: datetime | None
    snapshot_path: str | None
    note: str
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def title_ko(self) -> str:
        try:
            return TITLES[EventType(self.type)][0]
        except ValueError:
            return self.type

    @property
    def title_en(self) -> str:
        try:
            return TITLES[EventType(self.type)][1]
        except ValueError:
            return self.type

    def export_range(self) -> tuple[datetime, datetime]:
        """The clip span the rules chose, else the event padded by PRE/POST_ROLL_S; whole seconds."""
        end = self.end_utc or self.start_utc
        start = self.clip_start_utc or self.start_utc - timedelta(seconds=PRE_ROLL_S)
        stop = self.clip_end_utc or end + timedelta(seconds=POST_ROLL_S)
        if stop <= start:
            stop = start + timedelta(seconds=PRE_ROLL_S + POST_ROLL_S)
        return start.replace(microsecond=0), (stop + timedelta(seconds=1)).replace(microsecond=0)


def _columns(db: sqlite_utils.Database) -> set[str]:
    return {row[1] for row in db.execute("PRAGMA table_info(events)").fetchall()}


def _row_to_incident(row: dict[str, Any]) -> Incident:
    def when(name: str) -> datetime | None:
        value = row.get(name)
        return parse_utc(value) if value else None

    try:
        detail = json.loads(row.get("detail") or "{}")
    except ValueError:
        detail = {}
    return Incident(
        id=int(row["id"]),
        camera_id=row["camera_id"],
        type=row["type"],
        severity=row["severity"],
        start_utc=parse_utc(row["start_utc"]),
        end_utc=when("end_utc"),
        zone=row.get("zone"),
        track_ids=tuple(json.loads(row.get("track_ids") or "[]")),
        clip_start_utc=when("clip_start_utc"),
        clip_end_utc=when("clip_end_utc"),
        snapshot_path=row.get("snapshot_path"),
        note=row.get("note") or "",
        detail=detail if isinstance(detail, dict) else {},
    )


def load_incident(db: sqlite_utils.Database, event_id: int) -> Incident:
    names = sorted(_columns(db))
    row = db.execute(f"SELECT {', '.join(names)} FROM events WHERE id = ?", [event_id]).fetchone()
    if row is None:
        raise ShopGuardError(f"사건(이벤트) #{event_id}이(가) 없습니다", f"no event #{event_id}")
    return _row_to_incident(dict(zip(names, row, strict=True)))


def incidents_in_range(
    db: sqlite_utils.Database, camera_ids: list[str], start_utc: datetime, end_utc: datetime
) -> list[Incident]:
    """Events of these cameras that overlap the range, oldest first."""
    if not camera_ids:
        return []
    names = sorted(_columns(db))
    marks = ", ".join("?" * len(camera_ids))
    # Stored time texts differ in precision between writers: filter coarsely in SQL, exactly here.
    day_before = (start_utc - timedelta(days=1)).date().isoformat()
    day_after = (end_utc + timedelta(days=1)).date().isoformat()
    rows = db.execute(
        f"SELECT {', '.join(names)} FROM events WHERE camera_id IN ({marks}) "
        "AND start_utc >= ? AND start_utc < ? ORDER BY start_utc, id",
        [*camera_ids, day_before, day_after],
    ).fetchall()
    found = []
    for row in rows:
        incident = _row_to_incident(dict(zip(names, row, strict=True)))
        last = incident.end_utc or incident.start_utc
        if incident.start_utc < end_utc and last >= start_utc:
            found.append(incident)
    return found
