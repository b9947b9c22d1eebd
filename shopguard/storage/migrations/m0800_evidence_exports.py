"""Police packages made: one row per export (case number, range, cameras, where, manifest hash)."""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE evidence_exports (
            id INTEGER PRIMARY KEY,
            case_no TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            actor TEXT NOT NULL,
            source TEXT NOT NULL,
            event_id INTEGER,
            cameras TEXT NOT NULL DEFAULT '[]',
            start_utc TEXT NOT NULL,
            end_utc TEXT NOT NULL,
            folder TEXT NOT NULL,
            zip_path TEXT NOT NULL,
            manifest_sha256 TEXT NOT NULL,
            redacted INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX evidence_exports_created ON evidence_exports(created_utc)")
