"""The audit ledger repository: append hash-chained rows, read them back, verify the chain, and the
monthly reviews that also pin the chain's head (so cutting rows off the end shows too)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.security.reliability import storage_errors

GENESIS_HASH = "0" * 64
_append_lock = threading.Lock()


class AuditAction(StrEnum):
    """The canonical action names; other features may add their own dotted names."""

    LOGIN_OK = "login.ok"
    LOGIN_FAILED = "login.failed"
    LOGIN_LOCKED = "login.locked"
    LOGOUT = "logout"
    USER_CREATE = "user.create"
    USER_CHANGE = "user.change"
    FOOTAGE_VIEW = "footage.view"
    CLIP_PLAY = "clip.play"
    EXPORT = "export"
    PASS_ISSUE = "pass.issue"
    PASS_REVOKE = "pass.revoke"
    SETTINGS_CHANGE = "settings.change"
    DELETE = "delete"
    AUDIT_REVIEW = "audit.review"
    AUDIT_EXPORT = "audit.export"


ACTION_LABELS_KO: dict[str, str] = {
    AuditAction.LOGIN_OK: "로그인",
    AuditAction.LOGIN_FAILED: "로그인 실패",
    AuditAction.LOGIN_LOCKED: "잠긴 계정 로그인 시도",
    AuditAction.LOGOUT: "로그아웃",
    AuditAction.USER_CREATE: "사용자 추가",
    AuditAction.USER_CHANGE: "사용자 변경",
    AuditAction.FOOTAGE_VIEW: "영상 열람",
    AuditAction.CLIP_PLAY: "영상 재생",
    AuditAction.EXPORT: "내보내기",
    AuditAction.PASS_ISSUE: "출입증 발급",
    AuditAction.PASS_REVOKE: "출입증 취소",
    AuditAction.SETTINGS_CHANGE: "설정 변경",
    AuditAction.DELETE: "삭제",
    AuditAction.AUDIT_REVIEW: "열람 기록 점검",
    AuditAction.AUDIT_EXPORT: "열람 기록 내보내기",
}


# Labels for the first part of dotted names other features write (footage.play, settings.save …).
PREFIX_LABELS_KO: dict[str, str] = {
    "footage": "영상 열람",
    "clip": "영상 재생",
    "settings": "설정 변경",
    "zones": "구역 설정 변경",
    "pass": "출입증",
    "alert": "알림 처리",
    "sales": "매출",
    "product": "상품",
    "catalogue": "상품 목록",
    "evidence": "증거 자료",
    "incident": "사건",
    "export": "내보내기",
    "delete": "삭제",
}


def action_label_ko(action: str) -> str:
    """Korean label of an action; other dotted names get their first part's label, else the name."""
    return ACTION_LABELS_KO.get(action) or PREFIX_LABELS_KO.get(action.split(".")[0], action)


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

    def local_time(self, timezone: str) -> datetime:
        return datetime.fromisoformat(self.ts_utc).astimezone(ZoneInfo(timezone))


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    first_bad_id: int | None
    reason: str


@dataclass(frozen=True)
class AuditReview:
    month: str  # YYYY-MM in the shop's time zone
    reviewer: str
    reviewed_utc: str
    last_audit_id: int
    anchor_hash: str
    rows_in_month: int
    chain_ok: bool
    note: str


class AuditReviewError(ShopGuardError):
    """A monthly review cannot be recorded (already done, or a month that has not started)."""


def _row_hash(prev_hash: str, ts_utc: str, actor: str, action: str, target: str, detail: str) -> str:
    payload = json.dumps([prev_hash, ts_utc, actor, action, target, detail], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def row_hash_of(prev_hash: str, ts_utc: str, actor: str, action: str, target: str, detail: str) -> str:
    """The hash a row must carry (for checking an exported copy of the ledger)."""
    return _row_hash(prev_hash, ts_utc, actor, action, target, detail)


def utc_iso(moment: datetime) -> str:
    """The stored form of a time: UTC, ISO 8601, milliseconds."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def record_audit(
    db: sqlite_utils.Database,
    actor: str,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditEntry:
    """Append one row (who did what to which thing, with details). Thread-safe within a process.

    A busy or full database raises StorageError with a plain message."""
    ts_utc = utc_iso(now or datetime.now(UTC))
    actor, action, target = str(actor), str(action), str(target)
    detail_json = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)
    with _append_lock, storage_errors(), db.conn:
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
    return AuditEntry(row_id, ts_utc, actor, action, target, json.loads(detail_json), prev_hash, row_hash)


_SELECT = "SELECT id, ts_utc, actor, action, target, detail, prev_hash, row_hash FROM audit_log"


def _entry(row: tuple) -> AuditEntry:
    try:
        detail = json.loads(row[5])
    except ValueError:
        detail = {"unreadable": row[5]}
    if not isinstance(detail, dict):
        detail = {"value": detail}
    return AuditEntry(row[0], row[1], row[2], row[3], row[4], detail, row[6], row[7])


def month_bounds_utc(month: str, timezone: str) -> tuple[str, str]:
    """[start, end) of a local calendar month `YYYY-MM`, as stored UTC strings."""
    year, mon = (int(part) for part in month.split("-"))
    zone = ZoneInfo(timezone)
    start = datetime(year, mon, 1, tzinfo=zone)
    end = datetime(year + (mon == 12), mon % 12 + 1, 1, tzinfo=zone)
    return utc_iso(start), utc_iso(end)


def list_audit(
    db: sqlite_utils.Database,
    action: str | None = None,
    limit: int | None = None,
    month: str | None = None,
    timezone: str = "Asia/Seoul",
) -> list[AuditEntry]:
    """Rows oldest first, optionally only one action and/or one local month (`YYYY-MM`)."""
    sql, params = _SELECT, []
    where: list[str] = []
    if action:
        where.append("action = ?")
        params.append(action)
    if month:
        start, end = month_bounds_utc(month, timezone)
        where.append("ts_utc >= ? AND ts_utc < ?")
        params += [start, end]
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    with storage_errors():
        return [_entry(r) for r in db.execute(sql, params).fetchall()]


def raw_rows(
    db: sqlite_utils.Database, month: str | None = None, timezone: str = "Asia/Seoul"
) -> list[tuple]:
    """Rows exactly as stored (detail as its JSON text), for exports that must stay verifiable."""
    sql, params = _SELECT, []
    if month:
        start, end = month_bounds_utc(month, timezone)
        sql += " WHERE ts_utc >= ? AND ts_utc < ?"
        params = [start, end]
    with storage_errors():
        return list(db.execute(sql + " ORDER BY id", params).fetchall())


def months_with_rows(db: sqlite_utils.Database, timezone: str) -> list[str]:
    """Local months from the first row to the last, newest first."""
    with storage_errors():
        first, last = db.execute("SELECT MIN(ts_utc), MAX(ts_utc) FROM audit_log").fetchone()
    if first is None:
        return []
    zone = ZoneInfo(timezone)
    a = datetime.fromisoformat(first).astimezone(zone)
    b = datetime.fromisoformat(last).astimezone(zone)
    months = []
    year, mon = a.year, a.month
    while (year, mon) <= (b.year, b.month):
        months.append(f"{year:04d}-{mon:02d}")
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return months[::-1]


def verify_chain(db: sqlite_utils.Database) -> ChainReport:
    """Recompute every hash; an edited, deleted or inserted row breaks the chain where it happened,
    and rows cut off after a monthly review no longer match the head that review pinned."""
    prev = GENESIS_HASH
    count = 0
    expected_id: int | None = None
    with storage_errors():
        rows = db.execute(_SELECT + " ORDER BY id").fetchall()
        anchors = _anchors(db)
    hashes: dict[int, str] = {}
    for row_id, ts_utc, actor, action, target, detail, prev_hash, row_hash in rows:
        count += 1
        if expected_id is not None and row_id != expected_id:
            return ChainReport(False, count, row_id, f"rows {expected_id}–{row_id - 1} are missing (deleted)")
        if prev_hash != prev:
            return ChainReport(False, count, row_id, "previous-hash link broken (row removed or inserted)")
        if _row_hash(prev_hash, ts_utc, actor, action, target, detail) != row_hash:
            return ChainReport(False, count, row_id, "row content changed after it was written")
        prev = row_hash
        expected_id = row_id + 1
        hashes[row_id] = row_hash
    for month, last_id, anchor in anchors:
        if last_id == 0:
            continue
        if last_id not in hashes:
            return ChainReport(
                False, count, last_id, f"row {last_id}, seen by the review of {month}, is missing (deleted)"
            )
        if hashes[last_id] != anchor:
            return ChainReport(
                False, count, last_id, f"row {last_id} differs from the one the review of {month} saw"
            )
    return ChainReport(True, count, None, "ok")


def _anchors(db: sqlite_utils.Database) -> list[tuple[str, int, str]]:
    try:
        return list(db.execute("SELECT month, last_audit_id, anchor_hash FROM audit_reviews").fetchall())
    except sqlite3.OperationalError:  # a database from before the reviews table
        return []


# -- monthly reviews -----------------------------------------------------------------------------
def get_review(db: sqlite_utils.Database, month: str) -> AuditReview | None:
    with storage_errors():
        row = db.execute(
            "SELECT month, reviewer, reviewed_utc, last_audit_id, anchor_hash, rows_in_month, chain_ok, note "
            "FROM audit_reviews WHERE month = ?",
            [month],
        ).fetchone()
    if row is None:
        return None
    return AuditReview(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7])


def record_review(
    db: sqlite_utils.Database,
    month: str,
    reviewer: str,
    timezone: str,
    note: str = "",
    now: datetime | None = None,
) -> AuditReview:
    """Mark `month` reviewed by `reviewer` (once; reviews cannot be undone) and write a ledger row."""
    now = now or datetime.now(UTC)
    start, _end = month_bounds_utc(month, timezone)
    if start > utc_iso(now):
        raise AuditReviewError(f"{month}은(는) 아직 시작하지 않은 달입니다", f"{month} has not started yet")
    if get_review(db, month) is not None:
        raise AuditReviewError(f"{month}은(는) 이미 점검했습니다", f"{month} has already been reviewed")
    report = verify_chain(db)
    rows_in_month = len(raw_rows(db, month, timezone))
    entry = record_audit(
        db,
        reviewer,
        AuditAction.AUDIT_REVIEW,
        month,
        {"rows_in_month": rows_in_month, "chain_ok": report.ok, "note": note},
        now=now,
    )
    review = AuditReview(
        month, reviewer, utc_iso(now), entry.id, entry.row_hash, rows_in_month, report.ok, note
    )
    with storage_errors(), db.conn:
        db.execute(
            "INSERT INTO audit_reviews (month, reviewer, reviewed_utc, last_audit_id, anchor_hash, "
            "rows_in_month, chain_ok, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                review.month,
                review.reviewer,
                review.reviewed_utc,
                review.last_audit_id,
                review.anchor_hash,
                review.rows_in_month,
                int(review.chain_ok),
                review.note,
            ],
        )
    return review
