"""Events repository: one row per incident (deduplicated by the event key, updated while it lasts),
door crossings counted per hour. No Qt; any one thread at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from shopguard.domain.events import Event, EventType, Severity


def utc_iso(epoch_s: float) -> str:
    return datetime.fromtimestamp(epoch_s, UTC).isoformat(timespec="milliseconds")


def hour_start_utc(epoch_s: float) -> str:
    moment = datetime.fromtimestamp(epoch_s, UTC).replace(minute=0, second=0, microsecond=0)
    return moment.isoformat()


@dataclass(frozen=True)
class StoredEvent:
    id: int
    key: str
    camera_id: str
    type: str
    severity: str
    start_utc: str
    end_utc: str | None
    updated_utc: str | None
    zone: str | None
    track_ids: tuple[int, ...]
    snapshot_path: str | None
    clip_start_utc: str | None
    clip_end_utc: str | None
    status: str
    detail: dict


@dataclass(frozen=True)
class HourCount:
    camera_id: str
    zone: str
    hour_utc: str
    entered: int
    left: int


_COLUMNS = (
    "id, event_key, camera_id, type, severity, start_utc, end_utc, updated_utc, zone, track_ids, "
    "snapshot_path, clip_start_utc, clip_end_utc, status, detail"
)
DOOR_TYPES = {EventType.DOOR_IN: "in", EventType.DOOR_OUT: "out"}


def _stored(row: tuple) -> StoredEvent:
    return StoredEvent(
        id=row[0],
        key=row[1],
        camera_id=row[2],
        type=row[3],
        severity=row[4],
        start_utc=row[5],
        end_utc=row[6],
        updated_utc=row[7],
        zone=row[8],
        track_ids=tuple(json.loads(row[9] or "[]")),
        snapshot_path=row[10],
        clip_start_utc=row[11],
        clip_end_utc=row[12],
        status=row[13],
        detail=json.loads(row[14] or "{}"),
    )


class EventStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def record(self, event: Event) -> StoredEvent | None:
        """Insert the incident on its first phase, update it on later ones (same key). Door
        crossings (INFO) only add to the hourly counts and return None."""
        if event.type in DOOR_TYPES:
            self.count_crossing(
                event.camera_id, event.zone_id or "", event.start_epoch, DOOR_TYPES[event.type]
            )
            return None
        offset = event.epoch_offset_s
        end = utc_iso(event.end_s + offset) if event.end_s is not None else None
        values = {
            "camera_id": event.camera_id,
            "type": event.type.value,
            "severity": event.severity.value,
            "start_utc": utc_iso(event.start_s + offset),
            "end_utc": end,
            "updated_utc": utc_iso(event.last_s + offset),
            "zone": event.zone_id,
            "track_ids": json.dumps(list(event.track_ids)),
            "clip_start_utc": utc_iso(event.clip_start_s + offset),
            "clip_end_utc": utc_iso(event.clip_end_s + offset),
            "detail": json.dumps(event.detail, ensure_ascii=False, sort_keys=True),
        }
        with self.db.conn:
            row = self.db.execute(
                "SELECT id, snapshot_path FROM events WHERE event_key = ?", [event.key]
            ).fetchone()
            if row is None:
                values["event_key"] = event.key
                values["snapshot_path"] = event.snapshot_path
                names = ", ".join(values)
                marks = ", ".join("?" * len(values))
                self.db.execute(f"INSERT INTO events ({names}) VALUES ({marks})", list(values.values()))
            else:
                values["snapshot_path"] = row[1] or event.snapshot_path
                sets = ", ".join(f"{name} = ?" for name in values)
                self.db.execute(f"UPDATE events SET {sets} WHERE id = ?", [*values.values(), row[0]])
        return self.get(event.key)

    def get(self, key: str) -> StoredEvent | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM events WHERE event_key = ?", [key]).fetchone()
        return _stored(row) if row else None

    def list(
        self,
        since_utc: str | None = None,
        camera_id: str | None = None,
        min_severity: Severity = Severity.REVIEW,
    ) -> list[StoredEvent]:
        """Newest first; INFO rows are never stored, REVIEW and up by default."""
        order = [s.value for s in Severity]
        wanted = order[order.index(min_severity.value) :]
        clauses = [f"severity IN ({', '.join('?' * len(wanted))})", "event_key IS NOT NULL"]
        params: list = list(wanted)
        if since_utc is not None:
            clauses.append("start_utc >= ?")
            params.append(since_utc)
        if camera_id is not None:
            clauses.append("camera_id = ?")
            params.append(camera_id)
        sql = f"SELECT {_COLUMNS} FROM events WHERE {' AND '.join(clauses)} ORDER BY start_utc DESC, id DESC"
        return [_stored(r) for r in self.db.execute(sql, params).fetchall()]

    def count_crossing(self, camera_id: str, zone: str, epoch_s: float, direction: str) -> None:
        with self.db.conn:
            self.db.execute(
                "INSERT INTO door_counts (camera_id, zone, hour_utc, direction, count) "
                "VALUES (?, ?, ?, ?, 1) "
                "ON CONFLICT (camera_id, zone, hour_utc, direction) DO UPDATE SET count = count + 1",
                [camera_id, zone, hour_start_utc(epoch_s), direction],
            )

    def hourly_counts(self, camera_id: str | None = None, since_utc: str | None = None) -> list[HourCount]:
        clauses, params = ["1 = 1"], []
        if camera_id is not None:
            clauses.append("camera_id = ?")
            params.append(camera_id)
        if since_utc is not None:
            clauses.append("hour_utc >= ?")
            params.append(since_utc)
        rows = self.db.execute(
            "SELECT camera_id, zone, hour_utc, "
            "SUM(CASE WHEN direction = 'in' THEN count ELSE 0 END), "
            "SUM(CASE WHEN direction = 'out' THEN count ELSE 0 END) "
            f"FROM door_counts WHERE {' AND '.join(clauses)} "
            "GROUP BY camera_id, zone, hour_utc ORDER BY hour_utc",
            params,
        ).fetchall()
        return [HourCount(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]
