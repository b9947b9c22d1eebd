"""`shopguard audit verify|export|list`: check the access ledger's hash chain, export it as CSV."""

from __future__ import annotations

import argparse
import getpass
import re
from pathlib import Path

import sqlite_utils

from shopguard.config.loader import load_settings
from shopguard.errors import ShopGuardError
from shopguard.paths import DataPaths, data_dir
from shopguard.security.audit_csv import export_ledger
from shopguard.storage.audit import action_label_ko, list_audit, verify_chain
from shopguard.storage.database import open_database

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
DEFAULT_TIMEZONE = "Asia/Seoul"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("audit", help="access ledger (열람 기록): verify, export, list")
    audit_sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_sub.add_parser("verify", help="check that no ledger row was changed or removed")
    verify.set_defaults(func=run_verify)
    export = audit_sub.add_parser("export", help="write the ledger as CSV (Excel opens it)")
    export.add_argument("--out", required=True, help="CSV file to write")
    export.add_argument("--month", help="only this month, YYYY-MM (shop time)")
    export.set_defaults(func=run_export)
    listing = audit_sub.add_parser("list", help="print ledger rows")
    listing.add_argument("--month", help="only this month, YYYY-MM (shop time)")
    listing.add_argument("--limit", type=int, default=None, help="at most this many rows")
    listing.set_defaults(func=run_list)


def check_month(month: str | None) -> str | None:
    if month is not None and not MONTH_PATTERN.match(month):
        raise ShopGuardError(
            f"달은 YYYY-MM 형식으로 적으세요(예: 2025-03): {month}",
            f"give the month as YYYY-MM (e.g. 2025-03), not {month!r}",
        )
    return month


def open_existing(paths: DataPaths) -> sqlite_utils.Database:
    if not paths.database.exists():
        raise ShopGuardError(
            f"데이터 폴더에 데이터베이스가 없습니다: {paths.root}",
            f"no database in the data folder {paths.root}",
        )
    return open_database(paths.database, paths.backups)


def shop_timezone(paths: DataPaths) -> str:
    """The shop's zone; a broken settings file must not stop a ledger check, so fall back."""
    try:
        return load_settings(paths.config).shop.timezone
    except ShopGuardError:
        return DEFAULT_TIMEZONE


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError, ImportError):
        return "cli"


def run_verify(args: argparse.Namespace) -> int:
    paths = DataPaths(data_dir())
    db = open_existing(paths)
    try:
        report = verify_chain(db)
    finally:
        db.conn.close()
    if report.ok:
        print(f"열람 기록 정상: {report.rows}행 / ledger intact: {report.rows} rows")
        return 0
    print(
        f"열람 기록 변조 감지: {report.first_bad_id}번 행 / ledger tampered at row {report.first_bad_id}: "
        f"{report.reason}"
    )
    return 1


def run_export(args: argparse.Namespace) -> int:
    month = check_month(args.month)
    paths = DataPaths(data_dir())
    db = open_existing(paths)
    try:
        out = Path(args.out).resolve()
        count = export_ledger(db, cli_actor(), out, shop_timezone(paths), month)
    finally:
        db.conn.close()
    print(f"{count}행을 저장했습니다 / wrote {count} rows: {out}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    month = check_month(args.month)
    paths = DataPaths(data_dir())
    timezone = shop_timezone(paths)
    db = open_existing(paths)
    try:
        entries = list_audit(db, month=month, timezone=timezone, limit=args.limit)
    finally:
        db.conn.close()
    for entry in entries:
        when = entry.local_time(timezone).isoformat(timespec="seconds")
        target = f" → {entry.target}" if entry.target else ""
        print(f"#{entry.id} {when} {entry.actor} {entry.action} ({action_label_ko(entry.action)}){target}")
    return 0
