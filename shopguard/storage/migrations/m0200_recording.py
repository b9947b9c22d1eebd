"""Recording: the index of closed H.264 segments on disk, and evidence locks that retention obeys."""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE recording_segments (
            id INTEGER PRIMARY KEY,
            camera_id TEXT NOT NULL,
            start_utc TEXT NOT NULL,
            end_utc TEXT NOT NULL,
            path TEXT NOT NULL UNIQUE,
            frames INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX recording_segments_camera ON recording_segments(camera_id, start_utc)")
    db.execute("CREATE INDEX recording_segments_start ON recording_segments(start_utc)")
    db.execute(
        """
        CREATE TABLE recording_locks (
            id INTEGER PRIMARY KEY,
            camera_id TEXT NOT NULL,
            start_utc TEXT NOT NULL,
            end_utc TEXT NOT NULL,
            reason TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            created_utc TEXT NOT NULL,
            released_utc TEXT
        )
        """
    )
    db.execute("CREATE INDEX recording_locks_camera ON recording_locks(camera_id, start_utc)")
