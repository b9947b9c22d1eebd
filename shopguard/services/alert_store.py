"""Alerts repository over the `events` table (m0001): list, insert, end, acknowledge, dismiss.
No Qt; called from the GUI thread by AlertService. Replace with shopguard.storage.events when the
rules issue's repository covers listing and acknowledging."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.storage.audit import record_audit

SHOWN_SEVERITIES = ("review", "warning", "critical")  # "info" (door counts) is stored, never alarmed
COLUMNS = (
    "id, camera_id, type, severity, start_utc, end_utc, zone, track_ids, snapshot_path, clip_path, "
    "status, note"
)


class AlertStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"  # the owner saw it and it was real / handled
    DISMISSED = "dismissed"  # the owner saw it and it was nothing


@dataclass(frozen=True)
class Alert:
    id: int
    camera_id: str
    type: str
    severity: str
    start_utc: str
    end_utc: str | None
    zone: str | None
    track_ids: tuple[int, ...]
    snapshot_path: str | None
    clip_path: str | None
    status: AlertStatus
    note: str

    @property
    def start(self) -> datetime:
        return datetime.fromisoformat(self.start_utc)


@dataclass(frozen=True)
class AlertFilter:
    types: tuple[str, ...] = ()  # empty: every type
    camera_ids: tuple[str, ...] = ()
    include_closed: bool = True
    limit: int = 200


def utc_iso(epoch_s: float) -> str:
    return datetime.fromtimestamp(epoch_s, UTC).isoformat(timespec="milliseconds")


def _row(row: tuple[Any, ...]) -> Alert:
    return Alert(
        id=row[0],
        camera_id=row[1],
        type=row[2],
        severity=row[3],
        start_utc=row[4],
        end_utc=row[5],
        zone=row[6],
        track_ids=tuple(json.loads(row[7] or "[]")),
        snapshot_path=row[8],
        clip_path=row[9],
        status=AlertStatus(row[10]),
        note=row[11],
    )


class AlertStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def insert(
        self,
        camera_id: str,
        type_: str,
        severity: str,
        start_utc: str,
        zone: str | None = None,
        track_ids: tuple[int, ...] = (),
        snapshot_path: str | None = None,
        clip_path: str | None = None,
    ) -> Alert:
        with self.db.conn:
            cursor = self.db.execute(
                "INSERT INTO events (camera_id, type, severity, start_utc, zone, track_ids, snapshot_path, "
                "clip_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    camera_id,
                    type_,
                    severity,
                    start_utc,
                    zone,
                    json.dumps(list(track_ids)),
                    snapshot_path,
                    clip_path,
                ],
            )
        return self.get(int(cursor.lastrowid))

    def get(self, alert_id: int) -> Alert:
        row = self.db.execute(f"SELECT {COLUMNS} FROM events WHERE id = ?", [alert_id]).fetchone()
        if row is None:
            raise ShopGuardError(f"알림 {alert_id}번이 없습니다", f"alert {alert_id} does not exist")
        return _row(row)

    def newest_id(self) -> int:
        return int(self.db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0])

    def newer_than(self, alert_id: int) -> list[Alert]:
        """Rows added after `alert_id`, oldest first (e.g. by the kiosk in its own process)."""
        marks = ", ".join("?" * len(SHOWN_SEVERITIES))
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM events WHERE id > ? AND severity IN ({marks}) ORDER BY id",
            [alert_id, *SHOWN_SEVERITIES],
        ).fetchall()
        return [_row(r) for r in rows]

    def list(self, where: AlertFilter | None = None) -> list[Alert]:
        """Newest first; only severities worth the owner's attention."""
        where = where or AlertFilter()
        clauses = [f"severity IN ({', '.join('?' * len(SHOWN_SEVERITIES))})"]
        params: list[Any] = list(SHOWN_SEVERITIES)
        if where.types:
            clauses.append(f"type IN ({', '.join('?' * len(where.types))})")
            params.extend(where.types)
        if where.camera_ids:
            clauses.append(f"camera_id IN ({', '.join('?' * len(where.camera_ids))})")
            params.extend(where.camera_ids)
        if not where.include_closed:
            clauses.append("status = 'open'")
        sql = f"SELECT {COLUMNS} FROM events WHERE {' AND '.join(clauses)} ORDER BY start_utc DESC, id DESC"
        sql += " LIMIT ?"
        params.append(where.limit)
        return [_row(r) for r in self.db.execute(sql, params).fetchall()]

    def types_and_cameras(self) -> tuple[list[str], list[str]]:
        types = [r[0] for r in self.db.execute("SELECT DISTINCT type FROM events ORDER BY type").fetchall()]
        cams = [r[0] for r in self.db.execute("SELECT DISTINCT camera_id FROM events ORDER BY 1").fetchall()]
        return types, cams

    def end(self, alert_id: int, end_utc: str, track_ids: tuple[int, ...] | None = None) -> Alert:
        with self.db.conn:
            self.db.execute("UPDATE events SET end_utc = ? WHERE id = ?", [end_utc, alert_id])
            if track_ids is not None:
                self.db.execute(
                    "UPDATE events SET track_ids = ? WHERE id = ?", [json.dumps(list(track_ids)), alert_id]
                )
        return self.get(alert_id)

    def close(self, alert_id: int, status: AlertStatus, note: str, actor: str) -> Alert:
        """Acknowledge or dismiss, with the owner's note; written to the audit ledger too."""
        if status == AlertStatus.OPEN:
            raise ValueError("closing needs acknowledged or dismissed")
        note = note.strip()
        with self.db.conn:
            changed = self.db.execute(
                "UPDATE events SET status = ?, note = ? WHERE id = ?", [status.value, note, alert_id]
            ).rowcount
        if not changed:
            raise ShopGuardError(f"알림 {alert_id}번이 없습니다", f"alert {alert_id} does not exist")
        record_audit(self.db, actor, f"alert.{status.value}", f"event:{alert_id}", {"note": note})
        return self.get(alert_id)
