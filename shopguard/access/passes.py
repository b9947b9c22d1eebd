"""Entry passes: the record the owner issues after checking an ID, and its repository (SQLite)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

import sqlite_utils

from shopguard.access.keys import AccessError
from shopguard.storage.audit import record_audit

HOURS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-~–]\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class HoursWindow:
    """Daily hours in the shop's zone; an end at or before the start runs past midnight."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    @classmethod
    def parse(cls, text: str) -> HoursWindow:
        match = HOURS_RE.match(text)
        numbers = [int(g) for g in match.groups()] if match else []
        if not numbers or numbers[0] > 23 or numbers[2] > 23 or numbers[1] > 59 or numbers[3] > 59:
            raise AccessError(
                f"시간은 22:00-06:00 처럼 적어 주세요 (입력: {text})",
                f"write hours like 22:00-06:00 (got {text!r})",
            )
        start, end = time(numbers[0], numbers[1]), time(numbers[2], numbers[3])
        if start == end:
            raise AccessError("시작과 끝 시간이 같습니다", f"start and end are the same: {text}")
        return cls(start, end)


def mask_phone(phone: str) -> str:
    """010-1234-5678 → 010-****-5678: the first three and last four digits stay, separators too."""
    digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
    if not digits:
        return phone
    keep_head, keep_tail = (3, 4) if len(digits) >= 9 else (0, min(2, len(digits) - 1))
    hidden = set(digits[keep_head : len(digits) - keep_tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(phone))


@dataclass(frozen=True)
class EntryPass:
    id: int
    name: str
    phone: str  # as entered; show `phone_masked`
    adult: bool
    valid_from: datetime  # UTC
    valid_until: datetime  # UTC
    hours: HoursWindow | None  # None: any hour
    one_time: bool
    uses: int
    last_used: datetime | None
    revoked_at: datetime | None
    revoke_reason: str
    issued_at: datetime
    issued_by: str

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    def status(self, now: datetime) -> str:
        """A short status for lists: active, revoked, expired, not yet valid or used up."""
        if self.revoked_at is not None:
            return "revoked"
        if now >= self.valid_until:
            return "expired"
        if now < self.valid_from:
            return "pending"
        if self.one_time and self.uses > 0:
            return "used"
        return "active"


STATUS_TEXT = {
    "active": ("사용 중", "active"),
    "revoked": ("중지됨", "revoked"),
    "expired": ("만료", "expired"),
    "pending": ("시작 전", "not yet valid"),
    "used": ("사용 완료", "used"),
}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class PassRepository:
    """Passes in the shop database. Issue and revoke write the audit ledger."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def issue(
        self,
        actor: str,
        name: str,
        adult: bool,
        valid_from: datetime,
        valid_until: datetime,
        phone: str = "",
        hours: HoursWindow | None = None,
        one_time: bool = False,
    ) -> EntryPass:
        name = name.strip()
        if not name:
            raise AccessError("이름(또는 별명)을 입력하세요", "enter a name or nickname")
        if len(name) > 40:
            raise AccessError("이름은 40자 이내로 입력하세요", "the name must be at most 40 characters")
        if valid_until <= valid_from:
            raise AccessError("끝나는 날이 시작일보다 뒤여야 합니다", "the pass must end after it starts")
        now = datetime.now(UTC)
        with self.db.conn:
            cursor = self.db.execute(
                "INSERT INTO passes (name, phone, adult, valid_from_utc, valid_until_utc, hours, one_time,"
                " issued_utc, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    name,
                    phone.strip(),
                    int(adult),
                    _iso(valid_from),
                    _iso(valid_until),
                    str(hours) if hours else None,
                    int(one_time),
                    _iso(now),
                    actor,
                ],
            )
        entry = self.get(int(cursor.lastrowid))
        assert entry is not None
        record_audit(
            self.db,
            actor,
            "pass.issue",
            f"pass:{entry.id}",
            {
                "adult": adult,
                "valid_from": _iso(valid_from),
                "valid_until": _iso(valid_until),
                "hours": str(hours) if hours else None,
                "one_time": one_time,
            },
        )
        return entry

    def get(self, pass_id: int) -> EntryPass | None:
        row = self.db.execute("SELECT * FROM passes WHERE id = ?", [pass_id]).fetchone()
        return self._from_row(row) if row else None

    def list(self, include_inactive: bool = True, now: datetime | None = None) -> list[EntryPass]:
        rows = self.db.execute("SELECT * FROM passes ORDER BY id DESC").fetchall()
        passes = [self._from_row(r) for r in rows]
        if not include_inactive:
            moment = now or datetime.now(UTC)
            passes = [p for p in passes if p.status(moment) in ("active", "pending")]
        return passes

    def revoke(self, pass_id: int, actor: str, reason: str = "") -> EntryPass:
        entry = self.get(pass_id)
        if entry is None:
            raise AccessError(f"{pass_id}번 패스가 없습니다", f"there is no pass number {pass_id}")
        if entry.revoked_at is None:
            with self.db.conn:
                self.db.execute(
                    "UPDATE passes SET revoked_utc = ?, revoke_reason = ? WHERE id = ?",
                    [_iso(datetime.now(UTC)), reason, pass_id],
                )
            record_audit(self.db, actor, "pass.revoke", f"pass:{pass_id}", {"reason": reason})
        result = self.get(pass_id)
        assert result is not None
        return result

    def record_use(self, pass_id: int, now: datetime, passback_s: float) -> bool:
        """Count one entry, atomically refusing a used one-time pass or a pass used within passback_s
        (two door readers, or a race with a second frame, cannot both win)."""
        since = _iso(now - timedelta(seconds=passback_s))
        try:
            with self.db.conn:
                cursor = self.db.execute(
                    "UPDATE passes SET uses = uses + 1, last_used_utc = ? WHERE id = ? "
                    "AND (one_time = 0 OR uses = 0) AND (last_used_utc IS NULL OR last_used_utc <= ?)",
                    [_iso(now), pass_id, since],
                )
        except sqlite3.OperationalError as exc:
            raise AccessError("출입 기록을 저장할 수 없습니다", f"cannot record the entry: {exc}") from None
        return cursor.rowcount == 1

    @staticmethod
    def _from_row(row: Any) -> EntryPass:
        pid, name, phone, adult, vfrom, vuntil, hours, one_time, uses, last, revoked, reason, issued, by = row
        return EntryPass(
            id=pid,
            name=name,
            phone=phone,
            adult=bool(adult),
            valid_from=datetime.fromisoformat(vfrom),
            valid_until=datetime.fromisoformat(vuntil),
            hours=HoursWindow.parse(hours) if hours else None,
            one_time=bool(one_time),
            uses=uses,
            last_used=_dt(last),
            revoked_at=_dt(revoked),
            revoke_reason=reason,
            issued_at=datetime.fromisoformat(issued),
            issued_by=by,
        )
