"""Events raised by the rules (alerts), the first table every later feature refers to."""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            camera_id TEXT NOT NULL,
            type TEXT NOT NULL,
            severity TEXT NOT NULL,
            start_utc TEXT NOT NULL,
            end_utc TEXT,
            zone TEXT,
            track_ids TEXT NOT NULL DEFAULT '[]',
            snapshot_path TEXT,
            clip_path TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX events_start ON events(start_utc)")
    db.execute("CREATE INDEX events_camera ON events(camera_id, start_utc)")
