"""Evidence locks: time ranges of a camera's footage that retention must never delete (an open
incident, an export for the police). Stored in `recording_locks`; released locks stay as history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.recording.segments import parse_utc, utc_iso

ALL_CAMERAS = "*"


@dataclass(frozen=True)
class EvidenceLock:
    id: int
    camera_id: str  # or ALL_CAMERAS
    start_utc: datetime
    end_utc: datetime
    reason: str
    actor: str
    created_utc: datetime
    released_utc: datetime | None

    def covers(self, camera_id: str, start: datetime, end: datetime) -> bool:
        """True when this lock holds any part of camera_id's footage in [start, end)."""
        return (
            self.released_utc is None
            and self.camera_id in (camera_id, ALL_CAMERAS)
            and self.start_utc < end
            and self.end_utc > start
        )


def lock_range(
    db: sqlite_utils.Database,
    camera_id: str,
    start_utc: datetime,
    end_utc: datetime,
    reason: str,
    actor: str = "system",
) -> EvidenceLock:
    """Protect camera_id's footage in [start_utc, end_utc] from retention until unlocked."""
    if end_utc <= start_utc:
        raise ShopGuardError(
            "보존 잠금의 끝 시각이 시작보다 늦어야 합니다", "an evidence lock must end after it starts"
        )
    if not reason.strip():
        raise ShopGuardError("보존 잠금에는 사유가 필요합니다", "an evidence lock needs a reason")
    now = datetime.now(UTC)
    cursor = db.execute(
        "INSERT INTO recording_locks (camera_id, start_utc, end_utc, reason, actor, created_utc) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [camera_id, utc_iso(start_utc), utc_iso(end_utc), reason.strip(), actor, utc_iso(now)],
    )
    return EvidenceLock(
        int(cursor.lastrowid),
        camera_id,
        start_utc.astimezone(UTC),
        end_utc.astimezone(UTC),
        reason.strip(),
        actor,
        now,
        None,
    )


def unlock(db: sqlite_utils.Database, lock_id: int) -> bool:
    """Release a lock (kept as history); False when it did not exist or was already released."""
    cursor = db.execute(
        "UPDATE recording_locks SET released_utc = ? WHERE id = ? AND released_utc IS NULL",
        [utc_iso(datetime.now(UTC)), lock_id],
    )
    return cursor.rowcount > 0


def list_locks(db: sqlite_utils.Database, include_released: bool = False) -> list[EvidenceLock]:
    sql = (
        "SELECT id, camera_id, start_utc, end_utc, reason, actor, created_utc, released_utc "
        "FROM recording_locks"
    )
    if not include_released:
        sql += " WHERE released_utc IS NULL"
    return [
        EvidenceLock(
            r[0],
            r[1],
            parse_utc(r[2]),
            parse_utc(r[3]),
            r[4],
            r[5],
            parse_utc(r[6]),
            parse_utc(r[7]) if r[7] else None,
        )
        for r in db.execute(sql + " ORDER BY id").fetchall()
    ]
