"""`shopguard export` (police package from an event, a time range of recorded cameras, or a video
file) and `shopguard verify-export DIR` (exit 0 only if every hash and the signature check out)."""

from __future__ import annotations

import argparse
import getpass
import sys
import tempfile
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from shopguard.errors import ShopGuardError

TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export",
        help="police package (경찰 제출용): original footage, video, stills, Korean report, signed manifest",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--event", type=int, metavar="ID", help="an event (alert) by its number")
    what.add_argument("--camera", action="append", metavar="ID", help="camera id (repeat for several)")
    what.add_argument("--video", type=Path, metavar="FILE", help="a video file, e.g. copied off an old DVR")
    parser.add_argument(
        "--from", dest="start", help="camera: 'YYYY-MM-DD HH:MM:SS' shop time; video: seconds into the file"
    )
    parser.add_argument("--to", dest="end", help="camera: 'YYYY-MM-DD HH:MM:SS' shop time; video: seconds")
    parser.add_argument("--out", type=Path, required=True, help="folder to put the package (and its .zip) in")
    parser.add_argument("--case", default="", help="case number (사건번호); default SG-<date-time>")
    parser.add_argument("--redact", action="store_true", help="add redacted/: faces blurred except --keep")
    parser.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="[CAM:]S,X,Y",
        help="leave this person unblurred: the one at X,Y (0-1 of the frame) S seconds into the range",
    )
    parser.add_argument("--description", default="", help="what happened, in your words (goes in the report)")
    parser.add_argument(
        "--clock-offset", type=float, metavar="S", help="measured PC clock offset in seconds (+ = PC ahead)"
    )
    parser.add_argument("--video-start", help="video: shop time of the file's first frame, if known")
    parser.add_argument("--camera-name", help="video: name of the camera it came from")
    parser.add_argument("--as", dest="user", help="account doing the export (asked for its PIN)")
    parser.set_defaults(func=run_export)
    verify = sub.add_parser(
        "verify-export", help="check a police package (folder or .zip): hashes and signature"
    )
    verify.add_argument("package", type=Path, metavar="DIR")
    verify.set_defaults(func=run_verify)


def _when(text: str, zone: ZoneInfo) -> datetime:
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=zone).astimezone(UTC)
        except ValueError:
            continue
    raise ShopGuardError(
        f"시각은 'YYYY-MM-DD HH:MM:SS' 형식으로 적으세요: {text}",
        f"give times as 'YYYY-MM-DD HH:MM:SS' (shop time), not {text!r}",
    )


def _seconds(text: str | None, name: str) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ShopGuardError(
            f"{name}에는 파일 안의 초를 적으세요(예: 12.5): {text}",
            f"{name} takes seconds into the file, not {text!r}",
        ) from None
    if value < 0:
        raise ShopGuardError(f"{name}는 0 이상이어야 합니다", f"{name} must not be negative")
    return value


def _operator(db: object, user_name: str | None) -> str:
    """The logged-in account when accounts exist (a staff account may not export), else the OS user."""
    from shopguard.commands.user_cmd import read_secret
    from shopguard.security.accounts import Accounts
    from shopguard.security.permissions import Permission, require

    accounts = Accounts(db)
    if accounts.needs_owner() and not user_name:
        try:
            return f"cli:{getpass.getuser()}"
        except (OSError, KeyError, ImportError):
            return "cli"
    if not user_name:
        raise ShopGuardError(
            "--as 로 내보내는 계정을 적으세요(점주 계정)",
            "name the exporting account with --as (the owner's)",
        )
    user = accounts.authenticate(user_name, read_secret(f"{user_name}의 PIN/비밀번호 / PIN or password: "))
    require(user, Permission.EXPORT)
    return user.name


def run_export(args: argparse.Namespace) -> int:
    from shopguard.config.loader import load_settings
    from shopguard.config.settings import AppSettings
    from shopguard.evidence.package import ExportServices, build_package
    from shopguard.evidence.plan import ExportKind, ExportPlan, make_request
    from shopguard.evidence.redact import KeepPoint
    from shopguard.paths import DataPaths, data_dir
    from shopguard.storage.database import open_database
    from shopguard.ui.evidence_pdf import ensure_qt_app, write_report_pdf

    try:
        keep = tuple(KeepPoint.parse(k) for k in args.keep)
    except ValueError:
        raise ShopGuardError(
            "--keep 은 '초,X,Y' (X,Y는 0~1) 형식입니다. 예: 3.5,0.4,0.6",
            "--keep takes 'S,X,Y' with X,Y between 0 and 1, e.g. 3.5,0.4,0.6",
        ) from None
    paths = DataPaths(data_dir()).ensure()
    try:
        settings = load_settings(paths.config)
    except ShopGuardError:
        settings = AppSettings()
    zone = ZoneInfo(settings.shop.timezone)
    common = {
        "operator": "",
        "out_dir": args.out,
        "case_no": args.case,
        "description": args.description,
        "redact": args.redact,
        "keep": keep,
        "clock_offset_s": args.clock_offset,
    }
    if args.video is not None:
        plan = ExportPlan(
            ExportKind.VIDEO,
            video_path=args.video,
            video_start_utc=_when(args.video_start, zone) if args.video_start else None,
            video_from_s=_seconds(args.start, "--from") or 0.0,
            video_to_s=_seconds(args.end, "--to"),
            camera_name=args.camera_name or "",
            **common,
        )
    elif args.event is not None:
        plan = ExportPlan(
            ExportKind.EVENT,
            event_id=args.event,
            start_utc=_when(args.start, zone) if args.start else None,
            end_utc=_when(args.end, zone) if args.end else None,
            **common,
        )
    else:
        if not (args.start and args.end):
            raise ShopGuardError("--from 과 --to 를 함께 적으세요", "give both --from and --to")
        cameras = tuple(c.strip() for part in args.camera for c in part.split(",") if c.strip())
        plan = ExportPlan(
            ExportKind.RANGE,
            camera_ids=cameras,
            start_utc=_when(args.start, zone),
            end_utc=_when(args.end, zone),
            **common,
        )
    db = open_database(paths.database, paths.backups)
    try:
        plan = replace(plan, operator=_operator(db, args.user))
        request = make_request(plan, db, paths.recordings, settings)
        ensure_qt_app()
        services = ExportServices(db, settings.shop, paths.root, write_report_pdf)
        result = build_package(request, services, _progress_printer())
    finally:
        db.conn.close()
    minutes = result.footage_s / 60
    print(f"사건번호 / case: {result.case_no}")
    print(f"폴더 / folder: {result.folder}")
    print(f"압축 / zip: {result.zip_path}")
    print(
        f"파일 / files: {result.files}, {result.bytes / 1e6:.1f} MB; manifest sha256 {result.manifest_sha256}"
    )
    print(
        f"{result.seconds:.1f} s for {result.footage_s:.0f} s of footage "
        f"({result.seconds / max(minutes, 1e-6):.1f} s/min)"
    )
    if result.lock_ids:
        print(f"보존 잠금 / evidence locks: {', '.join(str(i) for i in result.lock_ids)}")
    return 0


def _progress_printer():  # noqa: ANN202
    last = [-100]

    def progress(fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if percent - last[0] >= 10 and sys.stderr.isatty():
            print(f"{percent:3d}% {message}", file=sys.stderr)
            last[0] = percent

    return progress


def run_verify(args: argparse.Namespace) -> int:
    from shopguard.evidence.manifest import MANIFEST, verify_package

    target: Path = args.package
    if target.is_file() and zipfile.is_zipfile(target):
        with tempfile.TemporaryDirectory() as tmp:
            with zipfile.ZipFile(target) as archive:
                archive.extractall(tmp)
            tops = [p for p in Path(tmp).iterdir() if p.is_dir()]
            return _print_verify(verify_package(tops[0] if len(tops) == 1 else Path(tmp)))
    if not (target / MANIFEST).exists() and not target.is_dir():
        raise ShopGuardError(f"폴더가 없습니다: {target}", f"no such package folder: {target}")
    return _print_verify(verify_package(target))


def _print_verify(report: object) -> int:
    from shopguard.evidence.manifest import VerifyReport

    assert isinstance(report, VerifyReport)
    for problem in report.problems:
        print(f"실패 / FAILED  {problem.line()}")
    case = report.manifest.get("case_no", "?") if report.manifest else "?"
    if report.ok:
        print(f"검증 성공 / verified: 사건번호 {case}, 파일 {report.files_checked}개, Ed25519 서명 확인")
        print(f"공개키 지문 / key fingerprint: {report.fingerprint}")
        return 0
    print(
        f"검증 실패 / verification FAILED: 문제 {len(report.problems)}건 / {len(report.problems)} problem(s)"
    )
    return 1
