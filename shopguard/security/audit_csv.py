"""The audit ledger as CSV for the owner, an inspector or the police: shop-time and UTC columns, Korean
action names, and the stored hashes so the copy can be checked on its own (`read_audit_csv`).

Cells that a spreadsheet would run as a formula (=, +, -, @ …) get a leading apostrophe."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.security.reliability import storage_errors
from shopguard.storage.audit import (
    GENESIS_HASH,
    AuditAction,
    action_label_ko,
    raw_rows,
    record_audit,
    row_hash_of,
)

HEADER = (
    "id",
    "time_local",
    "time_utc",
    "actor",
    "action",
    "action_ko",
    "target",
    "detail",
    "prev_hash",
    "row_hash",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


class AuditCsvError(ShopGuardError):
    """An exported ledger file cannot be read or does not check out."""


@dataclass(frozen=True)
class CsvRow:
    id: int
    time_utc: str
    actor: str
    action: str
    target: str
    detail: str
    prev_hash: str
    row_hash: str


def guard_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguard_cell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def audit_csv_text(db: sqlite_utils.Database, timezone: str, month: str | None = None) -> tuple[str, int]:
    """The CSV text and how many ledger rows it holds."""
    zone = ZoneInfo(timezone)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    rows = raw_rows(db, month, timezone)
    for row_id, ts_utc, actor, action, target, detail, prev_hash, row_hash in rows:
        local = datetime.fromisoformat(ts_utc).astimezone(zone).isoformat(timespec="seconds")
        writer.writerow(
            [
                row_id,
                local,
                ts_utc,
                guard_cell(actor),
                guard_cell(action),
                guard_cell(action_label_ko(action)),
                guard_cell(target),
                guard_cell(detail),
                prev_hash,
                row_hash,
            ]
        )
    return out.getvalue(), len(rows)


def export_audit_csv(db: sqlite_utils.Database, out: Path, timezone: str, month: str | None = None) -> int:
    """Write the ledger (or one local month) to `out` atomically, UTF-8 with BOM so Excel shows Hangul.
    Returns the number of rows. A full disk or a folder without write permission gives StorageError."""
    text, count = audit_csv_text(db, timezone, month)
    tmp = out.with_name(out.name + ".tmp")
    with storage_errors(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, out)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return count


def read_audit_csv(text: str) -> list[CsvRow]:
    """Parse an exported ledger; any malformed content raises AuditCsvError with a plain message."""
    text = text.removeprefix("\ufeff")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise AuditCsvError("열람 기록 파일 형식이 잘못되었습니다", f"malformed ledger CSV: {exc}") from None
    if not rows or tuple(rows[0]) != HEADER:
        raise AuditCsvError(
            "ShopGuard 열람 기록 파일이 아닙니다(머리글이 다름)",
            "not a ShopGuard ledger export (unexpected header)",
        )
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(HEADER):
            raise AuditCsvError(
                f"{number}번째 줄의 칸 수가 맞지 않습니다", f"line {number}: expected {len(HEADER)} columns"
            )
        try:
            row_id = int(row[0])
        except ValueError:
            raise AuditCsvError(
                f"{number}번째 줄의 번호가 숫자가 아닙니다", f"line {number}: id is not a number"
            ) from None
        parsed.append(
            CsvRow(
                id=row_id,
                time_utc=row[2],
                actor=unguard_cell(row[3]),
                action=unguard_cell(row[4]),
                target=unguard_cell(row[6]),
                detail=unguard_cell(row[7]),
                prev_hash=row[8],
                row_hash=row[9],
            )
        )
    return parsed


def verify_csv_rows(rows: list[CsvRow]) -> int | None:
    """The id of the first row whose hash does not check out, or None when the copy is intact.
    A month export starts mid-chain: its first row's link is taken as given."""
    prev = rows[0].prev_hash if rows else GENESIS_HASH
    for row in rows:
        if row.prev_hash != prev:
            return row.id
        expected = row_hash_of(row.prev_hash, row.time_utc, row.actor, row.action, row.target, row.detail)
        if expected != row.row_hash:
            return row.id
        prev = row.row_hash
    return None


def export_ledger(
    db: sqlite_utils.Database, actor: str, out: Path, timezone: str, month: str | None = None
) -> int:
    """Export and write the ledger row saying who exported which months where (callers check the
    EXPORT permission first with `permissions.require`)."""
    count = export_audit_csv(db, out, timezone, month)
    record_audit(db, actor, AuditAction.AUDIT_EXPORT, str(out), {"month": month or "all", "rows": count})
    return count
