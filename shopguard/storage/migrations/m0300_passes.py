"""QR entry passes and the door's entry log (grants and denials, each with a snapshot)."""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE passes (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            phone TEXT NOT NULL DEFAULT '',
            adult INTEGER NOT NULL,
            valid_from_utc TEXT NOT NULL,
            valid_until_utc TEXT NOT NULL,
            hours TEXT,
            one_time INTEGER NOT NULL,
            uses INTEGER NOT NULL DEFAULT 0,
            last_used_utc TEXT,
            revoked_utc TEXT,
            revoke_reason TEXT NOT NULL DEFAULT '',
            issued_utc TEXT NOT NULL,
            issued_by TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE entry_log (
            id INTEGER PRIMARY KEY,
            ts_utc TEXT NOT NULL,
            ts REAL NOT NULL,
            granted INTEGER NOT NULL,
            reason TEXT NOT NULL,
            pass_id INTEGER,
            name TEXT NOT NULL DEFAULT '',
            camera TEXT NOT NULL DEFAULT '',
            snapshot_path TEXT
        )
        """
    )
    db.execute("CREATE INDEX entry_log_ts ON entry_log(ts)")
