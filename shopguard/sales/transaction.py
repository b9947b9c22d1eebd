"""One durable write transaction at a time (synchronous=FULL), and the UTC time format sales are stored in."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlite_utils

SYNCHRONOUS_FULL = 2
_write_lock = threading.RLock()


def ensure_full_sync(db: sqlite_utils.Database) -> None:
    """A sale whose commit returned must survive a power cut: make sure the connection syncs fully."""
    if db.execute("PRAGMA synchronous").fetchone()[0] < SYNCHRONOUS_FULL:
        db.execute("PRAGMA synchronous=FULL")


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error; one writer per process at a time."""
    with _write_lock:
        ensure_full_sync(db)
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def iso_utc(moment: datetime) -> str:
    """Fixed-width UTC ISO text, so that text order is time order in the database."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware time")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def iso_from_epoch(ts: float) -> str:
    return iso_utc(datetime.fromtimestamp(ts, UTC))
