"""`shopguard pass issue|verify|list|revoke|card|log`: QR entry passes from the command line."""

from __future__ import annotations

import argparse
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from shopguard.access.keys import AccessError
from shopguard.context import AppContext

VALID_EXIT = 0
DENIED_EXIT = 1
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".gif", ".tif", ".tiff")


def open_context() -> AppContext:
    """Settings, database and data dir for a one-shot command (same order as the app)."""
    from shopguard.config.loader import load_settings
    from shopguard.paths import DataPaths, data_dir
    from shopguard.storage.database import open_database

    paths = DataPaths(data_dir()).ensure()
    settings = load_settings(paths.config)
    return AppContext(paths, settings, open_database(paths.database, paths.backups))


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("pass", help="QR entry passes: issue, verify, list, revoke")
    commands = parser.add_subparsers(dest="pass_command", metavar="ACTION", required=True)

    issue = commands.add_parser("issue", help="issue a pass after checking the customer's ID")
    issue.add_argument("--name", required=True, help="name or nickname shown on the card")
    issue.add_argument("--phone", default="", help="phone number (stored, shown masked)")
    issue.add_argument("--adult", action="store_true", help="ID checked: the customer is an adult")
    issue.add_argument("--days", type=int, help="valid for this many days (default from settings)")
    issue.add_argument("--from", dest="valid_from", help="first day YYYY-MM-DD (default: now)")
    issue.add_argument("--hours", help="allowed hours, e.g. 22:00-06:00 (default: any hour)")
    issue.add_argument("--once", action="store_true", help="one-time pass (default: unlimited)")
    _card_outputs(issue)
    issue.set_defaults(func=run_issue)

    verify = commands.add_parser("verify", help="check a card image or a payload; exit 0 only if valid")
    verify.add_argument("target", metavar="IMAGE_OR_PAYLOAD")
    verify.add_argument("--at", help="check at this time (ISO, e.g. 2025-03-10T23:00+09:00)")
    verify.set_defaults(func=run_verify)

    listing = commands.add_parser("list", help="list passes (phone numbers masked)")
    listing.add_argument("--active", action="store_true", help="only passes that can still be used")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)

    revoke = commands.add_parser("revoke", help="stop a pass from opening the door")
    revoke.add_argument("id", type=int)
    revoke.add_argument("--reason", default="", help="e.g. lost card")
    revoke.set_defaults(func=run_revoke)

    card = commands.add_parser("card", help="render a pass card again (PNG, PDF, receipt)")
    card.add_argument("id", type=int)
    _card_outputs(card)
    card.set_defaults(func=run_card)

    log = commands.add_parser("log", help="show the entry log or export it as CSV")
    log.add_argument("--csv", help="write the log to this CSV file (audited)")
    log.add_argument("--days", type=int, help="only the last N days")
    log.add_argument("--limit", type=int, default=30, help="rows to show (default 30)")
    log.set_defaults(func=run_log)


def _card_outputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--png", help="card image for printing or the customer's phone")
    parser.add_argument("--pdf", help="printable PDF (A6)")
    parser.add_argument("--receipt", help="receipt-printer-width PNG (80 mm)")


def _parse_day(text: str, zone: ZoneInfo) -> datetime:
    try:
        day = datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise AccessError(
            f"날짜는 YYYY-MM-DD 로 적어 주세요: {text}", f"write dates as YYYY-MM-DD: {text}"
        ) from None
    return day.replace(tzinfo=zone).astimezone(UTC)


def _write_outputs(context: AppContext, entry, args: argparse.Namespace) -> list[str]:  # noqa: ANN001
    from shopguard.access.card import make_card, render_card, render_receipt
    from shopguard.access.keys import load_or_create_key

    card = make_card(
        entry,
        load_or_create_key(context.paths.root),
        context.settings.shop.name,
        context.settings.shop.timezone,
    )
    written = []
    for target, render in ((args.png, render_card), (args.receipt, render_receipt)):
        if target:
            path = Path(target)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                render(card).save(path, format="PNG")
            except OSError as exc:
                raise AccessError(
                    f"파일을 저장할 수 없습니다: {path}", f"cannot write {path}: {exc}"
                ) from None
            written.append(str(path))
    if args.pdf:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from shopguard.ui.dialogs.pass_print import write_card_pdf

        written.append(str(write_card_pdf(card, Path(args.pdf))))
    return written


def run_issue(args: argparse.Namespace) -> int:
    from shopguard.access.passes import HoursWindow, PassRepository

    context = open_context()
    zone = ZoneInfo(context.settings.shop.timezone)
    days = args.days if args.days is not None else context.settings.access.default_days
    if not 1 <= days <= 3650:
        raise AccessError("유효 기간은 1–3650일로 정하세요", "--days must be between 1 and 3650")
    valid_from = _parse_day(args.valid_from, zone) if args.valid_from else datetime.now(UTC)
    hours = HoursWindow.parse(args.hours) if args.hours else None
    entry = PassRepository(context.db).issue(
        context.actor,
        args.name,
        args.adult,
        valid_from,
        valid_from + timedelta(days=days),
        phone=args.phone,
        hours=hours,
        one_time=args.once,
    )
    written = _write_outputs(context, entry, args)
    kind = "성인 adult" if entry.adult else "일반 general"
    start, end = entry.valid_from.astimezone(zone), entry.valid_until.astimezone(zone)
    print(f"패스 {entry.id}번 발급 / pass {entry.id} issued: {entry.name}, {kind}")
    print(f"  {start:%Y-%m-%d %H:%M} ~ {end:%Y-%m-%d %H:%M}")
    for path in written:
        print(f"  {path}")
    return 0


def run_card(args: argparse.Namespace) -> int:
    from shopguard.access.passes import PassRepository

    context = open_context()
    entry = PassRepository(context.db).get(args.id)
    if entry is None:
        raise AccessError(f"{args.id}번 패스가 없습니다", f"there is no pass number {args.id}")
    if not (args.png or args.pdf or args.receipt):
        raise AccessError("--png, --pdf 또는 --receipt 를 지정하세요", "give --png, --pdf or --receipt")
    for path in _write_outputs(context, entry, args):
        print(path)
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from shopguard.access.keys import load_or_create_key
    from shopguard.access.passes import PassRepository
    from shopguard.access.policy import DoorPolicy, evaluate
    from shopguard.access.qr import QrReader, read_image_file

    context = open_context()
    target = Path(args.target)
    looks_like_file = target.suffix.lower() in IMAGE_SUFFIXES or not args.target.startswith("SG:")
    if looks_like_file and not target.exists() and target.suffix:
        raise AccessError(f"파일이 없습니다: {target}", f"file not found: {target}")
    if target.is_file():
        text = QrReader().read_still(read_image_file(target))
        if not text:
            print("거부 / DENIED: QR 코드를 찾을 수 없습니다 / no QR code found in the image")
            return DENIED_EXIT
    else:
        text = args.target
    now = datetime.now(UTC)
    if args.at:
        try:
            now = datetime.fromisoformat(args.at)
        except ValueError:
            raise AccessError(
                f"시각 형식이 잘못되었습니다: {args.at}", f"--at is not an ISO time: {args.at}"
            ) from None
        if now.tzinfo is None:
            now = now.replace(tzinfo=ZoneInfo(context.settings.shop.timezone))
    policy = DoorPolicy.from_settings(context.settings.access, context.settings.shop.timezone)
    key = load_or_create_key(context.paths.root)
    verdict = evaluate(text, key, PassRepository(context.db).get, policy, now)
    who = f" — {verdict.pass_id}번 {verdict.name}" if verdict.pass_id is not None else ""
    if verdict.granted:
        print(f"유효 / VALID{who}: {verdict.message}")
        return VALID_EXIT
    print(f"거부 / DENIED ({verdict.reason.value}){who}: {verdict.message}")
    return DENIED_EXIT


def run_list(args: argparse.Namespace) -> int:
    from shopguard.access.passes import STATUS_TEXT, PassRepository

    context = open_context()
    zone = ZoneInfo(context.settings.shop.timezone)
    now = datetime.now(UTC)
    passes = PassRepository(context.db).list(include_inactive=not args.active, now=now)
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "phone": p.phone_masked,
            "adult": p.adult,
            "valid_from": p.valid_from.astimezone(zone).isoformat(timespec="minutes"),
            "valid_until": p.valid_until.astimezone(zone).isoformat(timespec="minutes"),
            "hours": str(p.hours) if p.hours else "",
            "one_time": p.one_time,
            "uses": p.uses,
            "status": p.status(now),
        }
        for p in passes
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("패스가 없습니다 / no passes")
    for r in rows:
        ko, en = STATUS_TEXT[r["status"]]
        print(
            f"{r['id']:>5}  {r['name']:<12} {r['phone']:<14} {'성인' if r['adult'] else '일반'}  "
            f"{r['valid_from'][:16]} ~ {r['valid_until'][:16]}  {r['hours'] or '항상'}  "
            f"{'1회' if r['one_time'] else '무제한'}  {r['uses']}회  {ko}/{en}"
        )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from shopguard.access.passes import PassRepository

    context = open_context()
    entry = PassRepository(context.db).revoke(args.id, context.actor, args.reason)
    print(f"패스 {entry.id}번({entry.name}) 사용 중지 / pass {entry.id} revoked")
    return 0


def run_log(args: argparse.Namespace) -> int:
    from shopguard.access.entry_log import EntryLog

    context = open_context()
    log = EntryLog(context.db)
    since = datetime.now(UTC) - timedelta(days=args.days) if args.days else None
    timezone = context.settings.shop.timezone
    if args.csv:
        count = log.export_csv(Path(args.csv), context.actor, timezone, since)
        print(f"{count}건 저장 / {count} rows written: {args.csv}")
        return 0
    zone = ZoneInfo(timezone)
    for rec in log.list(limit=args.limit, since=since):
        mark = "입장 OK " if rec.granted else "거부 NO "
        who = f"{rec.pass_id}번 {rec.name}" if rec.pass_id is not None else "-"
        print(f"{rec.at.astimezone(zone):%Y-%m-%d %H:%M:%S}  {mark} {who:<16} {rec.message_ko}")
    return 0
