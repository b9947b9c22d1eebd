"""Repository of police packages made (`evidence_exports`), newest first. No Qt."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from shopguard.recording.segments import parse_utc, utc_iso


@dataclass(frozen=True)
class ExportRecord:
    id: int
    case_no: str
    created_utc: datetime
    actor: str
    source: str
    event_id: int | None
    cameras: tuple[str, ...]
    start_utc: datetime
    end_utc: datetime
    folder: str
    zip_path: str
    manifest_sha256: str
    redacted: bool


_COLUMNS = (
    "id, case_no, created_utc, actor, source, event_id, cameras, start_utc, end_utc, folder, zip_path, "
    "manifest_sha256, redacted"
)


def add_export(db: sqlite_utils.Database, record: ExportRecord) -> int:
    cursor = db.execute(
        f"INSERT INTO evidence_exports ({_COLUMNS.split(', ', 1)[1]}) VALUES ({', '.join('?' * 12)})",
        [
            record.case_no,
            utc_iso(record.created_utc),
            record.actor,
            record.source,
            record.event_id,
            json.dumps(list(record.cameras)),
            utc_iso(record.start_utc),
            utc_iso(record.end_utc),
            record.folder,
            record.zip_path,
            record.manifest_sha256,
            int(record.redacted),
        ],
    )
    return int(cursor.lastrowid)


def list_exports(db: sqlite_utils.Database, limit: int = 100) -> list[ExportRecord]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM evidence_exports ORDER BY created_utc DESC, id DESC LIMIT ?", [limit]
    ).fetchall()
    return [
        ExportRecord(
            r[0],
            r[1],
            parse_utc(r[2]),
            r[3],
            r[4],
            r[5],
            tuple(json.loads(r[6])),
            parse_utc(r[7]),
            parse_utc(r[8]),
            r[9],
            r[10],
            r[11],
            bool(r[12]),
        )
        for r in rows
    ]


def now_utc() -> datetime:
    return datetime.now(UTC)
