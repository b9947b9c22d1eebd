"""Monthly reviews of the audit ledger (PIPA: the access record is checked every month); append-only."""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE audit_reviews (
            id INTEGER PRIMARY KEY,
            month TEXT NOT NULL UNIQUE,
            reviewer TEXT NOT NULL,
            reviewed_utc TEXT NOT NULL,
            last_audit_id INTEGER NOT NULL,
            anchor_hash TEXT NOT NULL,
            rows_in_month INTEGER NOT NULL,
            chain_ok INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        "CREATE TRIGGER audit_reviews_no_update BEFORE UPDATE ON audit_reviews "
        "BEGIN SELECT RAISE(ABORT, 'audit_reviews is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_reviews_no_delete BEFORE DELETE ON audit_reviews "
        "BEGIN SELECT RAISE(ABORT, 'audit_reviews is append-only'); END"
    )
    db.execute("CREATE INDEX audit_log_ts ON audit_log(ts_utc)")
