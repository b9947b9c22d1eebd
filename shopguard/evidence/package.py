"""Build one police package: lock the footage, copy the originals bit for bit, export each camera's
video and stills (and the redacted copy), write the Korean report, VERIFY.txt, the signed manifest
and SHA256SUMS, zip it, and record it in the audit ledger. Runs on one worker thread; no Qt (the PDF
renderer is handed in)."""

from __future__ import annotations

import os
import shutil
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlite_utils

from shopguard.config.settings import ShopSettings
from shopguard.errors import ShopGuardError
from shopguard.evidence import report as texts
from shopguard.evidence.describe import manifest_header, report_data
from shopguard.evidence.manifest import PUBLIC_KEY, file_sha256, write_integrity
from shopguard.evidence.models import ExportModels
from shopguard.evidence.redact import FaceRedactor
from shopguard.evidence.request import ExportRequest
from shopguard.evidence.signing import load_or_create_signing_key
from shopguard.evidence.sources import RecordedCamera
from shopguard.evidence.store import ExportRecord, add_export, now_utc
from shopguard.evidence.video import CameraResult, ExportCancelled, VideoJob, export_camera
from shopguard.recording import locks
from shopguard.recording.segments import utc_iso
from shopguard.storage.audit import AuditAction, record_audit

MAX_RANGE_S = 6 * 3600  # a police package is about an incident, not a day of footage
ZIP_STORED_SUFFIXES = (".mp4", ".png", ".pdf", ".zip")  # already compressed
Progress = Callable[[float, str], None]


class ExportError(ShopGuardError):
    """The export cannot be made as asked."""


@dataclass
class ExportServices:
    db: sqlite_utils.Database
    shop: ShopSettings
    data_root: Path  # where the shop's signing key lives
    pdf_writer: texts.PdfWriter
    models: ExportModels = field(default_factory=ExportModels)


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    zip_path: Path
    case_no: str
    cameras: list[CameraResult]
    manifest_sha256: str
    files: int
    bytes: int
    seconds: float
    footage_s: float
    lock_ids: list[int]
    export_id: int


def build_package(
    request: ExportRequest,
    services: ExportServices,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    started = time.perf_counter()
    report = progress or (lambda _f, _m: None)
    cancel = cancel or threading.Event()
    _validate(request)
    zone = ZoneInfo(services.shop.timezone)
    created = now_utc()
    case_no = request.case_no.strip() or f"SG-{created.astimezone(zone):%Y%m%d-%H%M%S}"
    key = load_or_create_signing_key(services.data_root)
    name = _folder_name(request.out_dir, case_no, request.start_utc, zone)
    part = request.out_dir / f"{name}.part"
    folder, zip_path = request.out_dir / name, request.out_dir / f"{name}.zip"
    lock_ids = _lock(services.db, request, case_no)
    try:
        if part.exists():
            shutil.rmtree(part)
        part.mkdir(parents=True)
        report(0.01, "원본 복사 / copying originals")
        originals = _copy_originals(request, part, cancel)
        results = _export_cameras(request, services, part, zone, report, cancel)
        report(0.86, "보고서 작성 / writing the report")
        (part / PUBLIC_KEY).write_bytes(key.public_pem())
        (part / "VERIFY.txt").write_text(
            texts.verify_text(case_no, name, key.fingerprint()), encoding="utf-8", newline="\n"
        )
        data = report_data(
            request,
            services.shop,
            services.db,
            results,
            originals,
            case_no,
            created,
            zone,
            name,
            key.fingerprint(),
        )
        services.pdf_writer(data, part / "report.pdf")
        _check(cancel)
        report(0.9, "해시·서명 / hashing and signing")
        header = manifest_header(request, services.shop, services.db, results, case_no, created, zone)
        manifest = write_integrity(part, header, key)
        os.replace(part, folder)
        report(0.94, "압축 / zipping")
        _zip(folder, zip_path, cancel)
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        if not zip_path.exists():  # a half-made package must not look like a finished one
            shutil.rmtree(folder, ignore_errors=True)
        for lock_id in lock_ids:
            locks.unlock(services.db, lock_id)
        raise
    manifest_sha = file_sha256(folder / "manifest.json")
    cameras = [r.camera_id for r in results]
    record_audit(
        services.db,
        request.operator,
        AuditAction.EXPORT,
        f"case:{case_no}",
        {
            "kind": "police_package",
            "cameras": cameras,
            "from_utc": utc_iso(request.start_utc),
            "to_utc": utc_iso(request.end_utc),
            "event_id": request.incident.id if request.incident else None,
            "folder": str(folder),
            "zip": str(zip_path),
            "manifest_sha256": manifest_sha,
            "redacted": request.redact,
            "lock_ids": lock_ids,
        },
    )
    export_id = add_export(
        services.db,
        ExportRecord(
            0,
            case_no,
            created,
            request.operator,
            request.source,
            request.incident.id if request.incident else None,
            tuple(cameras),
            request.start_utc,
            request.end_utc,
            str(folder),
            str(zip_path),
            manifest_sha,
            request.redact,
        ),
    )
    report(1.0, "완료 / done")
    files = manifest["files"]
    return ExportResult(
        folder,
        zip_path,
        case_no,
        results,
        manifest_sha,
        len(files),
        sum(f["bytes"] for f in files),
        time.perf_counter() - started,
        (request.end_utc - request.start_utc).total_seconds(),
        lock_ids,
        export_id,
    )


def _validate(request: ExportRequest) -> None:
    if not request.footage:
        raise ExportError("내보낼 카메라를 고르세요", "choose at least one camera to export")
    span = (request.end_utc - request.start_utc).total_seconds()
    if span <= 0:
        raise ExportError(
            "끝 시각이 시작 시각보다 늦어야 합니다", "the end time must be after the start time"
        )
    if span > MAX_RANGE_S:
        raise ExportError(
            f"한 번에 {MAX_RANGE_S // 3600}시간까지 내보낼 수 있습니다",
            f"export at most {MAX_RANGE_S // 3600} hours at once",
        )
    try:
        request.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"저장 폴더를 만들 수 없습니다: {request.out_dir}",
            f"cannot create {request.out_dir}: {exc.strerror}",
        ) from None


def _folder_name(out_dir: Path, case_no: str, start: datetime, zone: ZoneInfo) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in case_no)[:60] or "case"
    base = f"{safe}_{start.astimezone(zone):%Y%m%d-%H%M%S}"
    name, number = base, 1
    while (out_dir / name).exists() or (out_dir / f"{name}.zip").exists():
        number += 1
        name = f"{base}_{number}"
    return name


def _lock(db: sqlite_utils.Database, request: ExportRequest, case_no: str) -> list[int]:
    """Keep the recorded footage of the range from retention before anything is copied."""
    reason = f"경찰 제출 자료 {case_no} / police export {case_no}"
    return [
        locks.lock_range(db, f.camera_id, request.start_utc, request.end_utc, reason, request.operator).id
        for f in request.footage
        if isinstance(f, RecordedCamera)
    ]


def _copy_originals(request: ExportRequest, part: Path, cancel: threading.Event) -> list[str]:
    copied = []
    for footage in request.footage:
        for original in footage.originals(request.start_utc, request.end_utc):
            _check(cancel)
            target = part / "original" / original.archive_name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(original.path, target)
            if file_sha256(target) != file_sha256(original.path):  # the copy must be bit for bit
                raise ExportError(
                    f"원본 복사본이 원본과 다릅니다: {original.path}",
                    f"copy of {original.path} differs from it",
                )
            copied.append(f"original/{original.archive_name}")
    return copied


def _export_cameras(
    request: ExportRequest,
    services: ExportServices,
    part: Path,
    zone: ZoneInfo,
    report: Progress,
    cancel: threading.Event,
) -> list[CameraResult]:
    redactor = None
    if request.redact:
        report(0.05, "얼굴 인식 모델 준비 / loading the face models")
        redactor = FaceRedactor(services.models.faces(), services.models.pose())
    boxes = services.models.person_boxes
    results = []
    share = 0.75 / len(request.footage)
    for index, footage in enumerate(request.footage):
        base = 0.1 + index * share
        label = f"{footage.name} 영상 / video"

        def step(fraction: float, base: float = base, label: str = label) -> None:
            report(base + share * fraction, label)

        job = VideoJob(
            footage,
            request.start_utc,
            request.end_utc,
            zone,
            _key_moments(request),
            part,
            redactor,
            request.keep,
            boxes,
        )
        results.append(export_camera(job, step, cancel))
    return results


def _key_moments(request: ExportRequest) -> list[tuple[datetime, str]]:
    start, end = request.start_utc, request.end_utc
    incident = request.incident
    if incident is not None and start <= incident.start_utc < end:
        stop = min(incident.end_utc or incident.start_utc, end)
        moments = [
            (incident.start_utc, "사건 시작"),
            (incident.start_utc + (stop - incident.start_utc) / 2, "사건 중"),
        ]
        if stop > incident.start_utc:
            moments.append((stop, "사건 끝"))
        return moments
    return [(start, "시작"), (start + (end - start) / 2, "중간"), (end - timedelta(milliseconds=1), "끝")]


def _zip(folder: Path, zip_path: Path, cancel: threading.Event) -> None:
    part = zip_path.with_name(zip_path.name + ".part")
    try:
        with zipfile.ZipFile(part, "w", allowZip64=True) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                _check(cancel)
                stored = path.suffix.lower() in ZIP_STORED_SUFFIXES
                archive.write(
                    path,
                    f"{folder.name}/{path.relative_to(folder).as_posix()}",
                    compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                )
        os.replace(part, zip_path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _check(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise ExportCancelled()
