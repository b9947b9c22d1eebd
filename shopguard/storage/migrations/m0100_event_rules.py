"""Rules' events: a dedup key per incident, last update, clip span and details; door counts per hour."""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE events ADD COLUMN event_key TEXT")
    db.execute("ALTER TABLE events ADD COLUMN updated_utc TEXT")
    db.execute("ALTER TABLE events ADD COLUMN clip_start_utc TEXT")
    db.execute("ALTER TABLE events ADD COLUMN clip_end_utc TEXT")
    db.execute("ALTER TABLE events ADD COLUMN detail TEXT NOT NULL DEFAULT '{}'")
    db.execute("CREATE UNIQUE INDEX events_key ON events(event_key) WHERE event_key IS NOT NULL")
    db.execute(
        """
        CREATE TABLE door_counts (
            camera_id TEXT NOT NULL,
            zone TEXT NOT NULL,
            hour_utc TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (camera_id, zone, hour_utc, direction)
        )
        """
    )
