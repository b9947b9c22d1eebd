"""The entry log: every verdict at the door with its snapshot; CSV export; grant times for the
tailgating rule (implements rules.grants.GrantSource)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlite_utils

from shopguard.access.keys import AccessError
from shopguard.access.verdict import MESSAGES, Reason, Verdict
from shopguard.storage.audit import record_audit

CSV_COLUMNS = (
    "time",
    "granted",
    "reason",
    "reason_ko",
    "reason_en",
    "pass_id",
    "name",
    "camera",
    "snapshot",
)


@dataclass(frozen=True)
class EntryRecord:
    id: int
    at: datetime  # UTC
    granted: bool
    reason: Reason
    pass_id: int | None
    name: str
    camera: str
    snapshot_path: str | None

    @property
    def message_ko(self) -> str:
        return MESSAGES[self.reason][0]

    @property
    def message_en(self) -> str:
        return MESSAGES[self.reason][1]


class EntryLog:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def record(
        self, verdict: Verdict, at: datetime, camera: str = "", snapshot_path: str | None = None
    ) -> EntryRecord:
        at = at.astimezone(UTC)
        with self.db.conn:
            cursor = self.db.execute(
                "INSERT INTO entry_log (ts_utc, ts, granted, reason, pass_id, name, camera, snapshot_path)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    at.isoformat(timespec="milliseconds"),
                    at.timestamp(),
                    int(verdict.granted),
                    verdict.reason.value,
                    verdict.pass_id,
                    verdict.name,
                    camera,
                    snapshot_path,
                ],
            )
        return EntryRecord(
            int(cursor.lastrowid),
            at,
            verdict.granted,
            verdict.reason,
            verdict.pass_id,
            verdict.name,
            camera,
            snapshot_path,
        )

    def list(
        self, limit: int | None = 500, since: datetime | None = None, granted: bool | None = None
    ) -> list[EntryRecord]:
        """Newest first."""
        sql = (
            "SELECT id, ts_utc, granted, reason, pass_id, name, camera, snapshot_path FROM entry_log"
            " WHERE ts >= ?"
        )
        params: list = [since.timestamp() if since else 0.0]
        if granted is not None:
            sql += " AND granted = ?"
            params.append(int(granted))
        sql += " ORDER BY ts DESC, id DESC"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return [
            EntryRecord(r[0], datetime.fromisoformat(r[1]), bool(r[2]), Reason(r[3]), r[4], r[5], r[6], r[7])
            for r in self.db.execute(sql, params).fetchall()
        ]

    def grant_times(self, start_ts: float, end_ts: float) -> list[float]:
        """Epoch seconds of granted entries with start_ts <= t <= end_ts, oldest first (GrantSource)."""
        rows = self.db.execute(
            "SELECT ts FROM entry_log WHERE granted = 1 AND ts >= ? AND ts <= ? ORDER BY ts",
            [start_ts, end_ts],
        ).fetchall()
        return [float(r[0]) for r in rows]

    def export_csv(self, path: Path, actor: str, timezone: str, since: datetime | None = None) -> int:
        """Write the log (oldest first, times in the shop's zone with offset) as UTF-8 CSV with a BOM
        so Excel shows Hangul; audited. Returns the number of rows."""
        zone = ZoneInfo(timezone)
        records = list(reversed(self.list(limit=None, since=since)))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(CSV_COLUMNS)
                for rec in records:
                    writer.writerow(
                        [
                            rec.at.astimezone(zone).isoformat(timespec="seconds"),
                            "yes" if rec.granted else "no",
                            rec.reason.value,
                            rec.message_ko,
                            rec.message_en,
                            "" if rec.pass_id is None else rec.pass_id,
                            rec.name,
                            rec.camera,
                            rec.snapshot_path or "",
                        ]
                    )
        except OSError as exc:
            raise AccessError(
                f"파일을 저장할 수 없습니다: {path}", f"cannot write {path}: {exc.strerror}"
            ) from None
        record_audit(
            self.db,
            actor,
            "entry_log.export",
            str(path),
            {"rows": len(records), "since": since.isoformat() if since else None},
        )
        return len(records)
