"""The audit ledger repository: append hash-chained rows, read them back, verify the chain."""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

GENESIS_HASH = "0" * 64
_append_lock = threading.Lock()


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts_utc: str
    actor: str
    action: str
    target: str
    detail: dict[str, Any]
    prev_hash: str
    row_hash: str


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    first_bad_id: int | None
    reason: str


def _row_hash(prev_hash: str, ts_utc: str, actor: str, action: str, target: str, detail: str) -> str:
    payload = json.dumps([prev_hash, ts_utc, actor, action, target, detail], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record_audit(
    db: sqlite_utils.Database,
    actor: str,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditEntry:
    """Append one row (who did what to which thing, with details). Thread-safe within a process."""
    ts_utc = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="milliseconds")
    detail_json = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    with _append_lock, db.conn:
        db.execute("BEGIN IMMEDIATE")
        last = db.execute("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        prev_hash = last[0] if last else GENESIS_HASH
        row_hash = _row_hash(prev_hash, ts_utc, actor, action, target, detail_json)
        cursor = db.execute(
            "INSERT INTO audit_log (ts_utc, actor, action, target, detail, prev_hash, row_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [ts_utc, actor, action, target, detail_json, prev_hash, row_hash],
        )
        row_id = cursor.lastrowid
    return AuditEntry(row_id, ts_utc, actor, action, target, detail or {}, prev_hash, row_hash)


def list_audit(
    db: sqlite_utils.Database, action: str | None = None, limit: int | None = None
) -> list[AuditEntry]:
    """Rows oldest first, optionally only one action."""
    sql = "SELECT id, ts_utc, actor, action, target, detail, prev_hash, row_hash FROM audit_log"
    params: list[Any] = []
    if action:
        sql += " WHERE action = ?"
        params.append(action)
    sql += " ORDER BY id"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [
        AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7])
        for r in db.execute(sql, params).fetchall()
    ]


def verify_chain(db: sqlite_utils.Database) -> ChainReport:
    """Recompute every hash; an edited, deleted or inserted row breaks the chain where it happened."""
    prev = GENESIS_HASH
    count = 0
    rows = db.execute(
        "SELECT id, ts_utc, actor, action, target, detail, prev_hash, row_hash FROM audit_log ORDER BY id"
    ).fetchall()
    for row_id, ts_utc, actor, action, target, detail, prev_hash, row_hash in rows:
        count += 1
        if prev_hash != prev:
            return ChainReport(False, count, row_id, "previous-hash link broken (row removed or inserted)")
        if _row_hash(prev_hash, ts_utc, actor, action, target, detail) != row_hash:
            return ChainReport(False, count, row_id, "row content changed after it was written")
        prev = row_hash
    return ChainReport(True, count, None, "ok")
