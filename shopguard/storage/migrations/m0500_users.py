"""Owner and staff accounts: slow-hashed PIN or password, failed-try counter and lock for the back-off."""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
            secret_kind TEXT NOT NULL CHECK (secret_kind IN ('pin', 'password')),
            secret_hash TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_count INTEGER NOT NULL DEFAULT 0,
            locked_until_utc TEXT,
            last_login_utc TEXT
        )
        """
    )
