"""`shopguard recordings list|clip|lock|unlock|locks|tidy`: recorded footage from the command line.
Times are given and shown in the shop's time zone; clips and locks are written to the audit ledger."""

from __future__ import annotations

import argparse
import getpass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlite_utils

from shopguard.config.loader import load_settings
from shopguard.config.settings import AppSettings
from shopguard.errors import ShopGuardError
from shopguard.paths import DataPaths, data_dir
from shopguard.recording.footage import FootageLibrary
from shopguard.recording.retention import enforce_retention
from shopguard.recording.segments import SegmentIndex, utc_iso
from shopguard.storage.audit import record_audit
from shopguard.storage.database import open_database

PART_STALE_S = 900.0
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("recordings", help="recorded footage (녹화): list, clip, evidence locks, tidy")
    rec = parser.add_subparsers(dest="recordings_command", metavar="ACTION", required=True)
    listing = rec.add_parser("list", help="segments of a camera in a time range")
    _range(listing, required=False)
    listing.set_defaults(func=run_list)
    clip = rec.add_parser("clip", help="cut an H.264 MP4 of a camera's time range")
    _range(clip, required=True)
    clip.add_argument("--out", required=True, help="MP4 file to write")
    clip.add_argument("--reason", required=True, help="why (goes into the audit ledger)")
    clip.set_defaults(func=run_clip)
    lock = rec.add_parser("lock", help="keep a time range from ever being deleted (evidence)")
    _range(lock, required=True)
    lock.add_argument("--reason", required=True, help="why, e.g. 'incident 12, police request'")
    lock.set_defaults(func=run_lock)
    unlock = rec.add_parser("unlock", help="release an evidence lock")
    unlock.add_argument("lock_id", type=int)
    unlock.set_defaults(func=run_unlock)
    rec.add_parser("locks", help="list evidence locks in force").set_defaults(func=run_locks)
    tidy = rec.add_parser("tidy", help="re-index the recordings folder and apply retention now")
    tidy.set_defaults(func=run_tidy)


def _range(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--camera", required=required, help="camera id")
    parser.add_argument("--from", dest="start", required=required, help="'YYYY-MM-DD HH:MM[:SS]', shop time")
    parser.add_argument("--to", dest="end", required=required, help="'YYYY-MM-DD HH:MM[:SS]', shop time")


class _Session:
    def __init__(self) -> None:
        self.paths = DataPaths(data_dir())
        if not self.paths.database.exists():
            raise ShopGuardError(
                f"데이터 폴더에 데이터베이스가 없습니다: {self.paths.root}",
                f"no database in the data folder {self.paths.root}",
            )
        try:
            self.settings = load_settings(self.paths.config)
        except ShopGuardError:
            self.settings = AppSettings()
        self.zone = ZoneInfo(self.settings.shop.timezone)
        self.db: sqlite_utils.Database = open_database(self.paths.database, self.paths.backups)
        self.library = FootageLibrary(self.db, self.paths.recordings)

    def when(self, text: str | None) -> datetime | None:
        if text is None:
            return None
        for fmt in TIME_FORMATS:
            try:
                return datetime.strptime(text, fmt).replace(tzinfo=self.zone).astimezone(UTC)
            except ValueError:
                continue
        raise ShopGuardError(
            f"시각은 'YYYY-MM-DD HH:MM[:SS]' 형식으로 적으세요: {text}",
            f"give times as 'YYYY-MM-DD HH:MM[:SS]' (shop time), not {text!r}",
        )

    def show(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).isoformat(timespec="seconds")

    def close(self) -> None:
        self.db.conn.close()


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError, ImportError):
        return "cli"


def run_list(args: argparse.Namespace) -> int:
    session = _Session()
    try:
        segments = session.library.list_segments(
            args.camera, session.when(args.start), session.when(args.end)
        )
        for s in segments:
            print(
                f"{s.camera_id}\t{session.show(s.start_utc)}\t{s.duration_s:7.1f} s\t{s.frames:6d} frames"
                f"\t{s.bytes / 1e6:7.2f} MB\t{s.path}"
            )
        print(f"{len(segments)} segments, {sum(s.bytes for s in segments) / 1e6:.1f} MB")
    finally:
        session.close()
    return 0


def run_clip(args: argparse.Namespace) -> int:
    session = _Session()
    try:
        start, end = session.when(args.start), session.when(args.end)
        clip = session.library.make_event_clip(args.camera, start, end, Path(args.out))
        record_audit(
            session.db,
            _actor(),
            "footage.export",
            args.camera,
            {"from_utc": utc_iso(start), "to_utc": utc_iso(end), "out": str(clip.path), "why": args.reason},
        )
        print(f"{clip.path}: {clip.frames} frames, {clip.width}x{clip.height}, {clip.bytes / 1e6:.1f} MB")
    finally:
        session.close()
    return 0


def run_lock(args: argparse.Namespace) -> int:
    session = _Session()
    try:
        lock = session.library.lock_range(
            args.camera, session.when(args.start), session.when(args.end), args.reason, _actor()
        )
        record_audit(
            session.db, _actor(), "footage.lock", args.camera, {"lock_id": lock.id, "why": args.reason}
        )
        print(f"보존 잠금 {lock.id} / evidence lock {lock.id}")
    finally:
        session.close()
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    session = _Session()
    try:
        if not session.library.unlock(args.lock_id):
            raise ShopGuardError(
                f"해제할 보존 잠금이 없습니다: {args.lock_id}", f"no evidence lock {args.lock_id} in force"
            )
        record_audit(session.db, _actor(), "footage.unlock", "", {"lock_id": args.lock_id})
        print(f"잠금 해제 / released {args.lock_id}")
    finally:
        session.close()
    return 0


def run_locks(args: argparse.Namespace) -> int:
    session = _Session()
    try:
        for lock in session.library.locks():
            print(
                f"{lock.id}\t{lock.camera_id}\t{session.show(lock.start_utc)}\t{session.show(lock.end_utc)}"
                f"\t{lock.reason}"
            )
    finally:
        session.close()
    return 0


def run_tidy(args: argparse.Namespace) -> int:
    session = _Session()
    try:
        index = SegmentIndex(session.db, session.paths.recordings)
        # The app may be recording right now: only parts untouched for a while are leftovers.
        added, dropped = index.reconcile(min_age_s=PART_STALE_S)
        result = enforce_retention(
            index, session.library.locks(), session.settings.recording, datetime.now(UTC)
        )
        print(
            f"indexed {added}, dropped {dropped} missing; deleted {result.deleted} segments "
            f"({result.freed_bytes / 1e6:.1f} MB); footage {result.footage_bytes / 1e9:.2f} GB "
            f"of a {result.budget_bytes / 1e9:.1f} GB budget"
        )
    finally:
        session.close()
    return 0
