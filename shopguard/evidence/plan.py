"""ExportPlan: what the owner asked for in plain values (from the CLI or the wizard), turned into an
ExportRequest on the thread that will run it, with that thread's own database connection. No Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

import sqlite_utils

from shopguard.config.settings import AppSettings
from shopguard.errors import ShopGuardError
from shopguard.evidence.incident import load_incident
from shopguard.evidence.redact import KeepPoint
from shopguard.evidence.request import ExportRequest
from shopguard.evidence.sources import CameraFootage, RecordedCamera, VideoFileCamera, probe_video
from shopguard.recording.footage import FootageLibrary

VIDEO_CAMERA_ID = "video"
TIME_SOURCE_KO = {"given": "입력한 시각", "metadata": "파일 정보의 시각", "file time": "파일 수정 시각(추정)"}


class ExportKind(StrEnum):
    EVENT = "event"
    RANGE = "range"
    VIDEO = "video"


@dataclass(frozen=True)
class ExportPlan:
    kind: ExportKind
    out_dir: Path
    operator: str
    event_id: int | None = None
    camera_ids: tuple[str, ...] = ()
    start_utc: datetime | None = None  # event: overrides its clip span; range: required
    end_utc: datetime | None = None
    video_path: Path | None = None
    video_start_utc: datetime | None = None  # the file's first frame, when the owner knows it
    video_from_s: float = 0.0
    video_to_s: float | None = None
    camera_name: str = ""
    case_no: str = ""
    description: str = ""
    redact: bool = False
    keep: Sequence[KeepPoint] = ()
    clock_offset_s: float | None = None


def make_request(
    plan: ExportPlan, db: sqlite_utils.Database, recordings_root: Path, settings: AppSettings
) -> ExportRequest:
    names = {c.id: c.name for c in settings.cameras}
    incident, source, note = None, "recordings", ""
    footage: list[CameraFootage]
    if plan.kind is ExportKind.VIDEO:
        if plan.video_path is None:
            raise ShopGuardError("영상 파일을 고르세요", "choose a video file")
        info = probe_video(plan.video_path, plan.video_start_utc)
        to_s = info.duration_s if plan.video_to_s is None else plan.video_to_s
        name = plan.camera_name or plan.video_path.stem
        footage = [VideoFileCamera(plan.video_path, VIDEO_CAMERA_ID, name, info)]
        start = info.start_utc + timedelta(seconds=plan.video_from_s)
        end = info.start_utc + timedelta(seconds=to_s)
        source = "video file"
        note = (
            f"{plan.video_path.name} (시작 시각 출처 / start time from: {TIME_SOURCE_KO[info.time_source]})"
        )
    else:
        library = FootageLibrary(db, recordings_root)
        if plan.kind is ExportKind.EVENT:
            if plan.event_id is None:
                raise ShopGuardError("내보낼 사건(알림)을 고르세요", "choose the event to export")
            incident = load_incident(db, plan.event_id)
            start, end = incident.export_range()
            start, end = plan.start_utc or start, plan.end_utc or end
            cameras = plan.camera_ids or (incident.camera_id,)
        else:
            if plan.start_utc is None or plan.end_utc is None:
                raise ShopGuardError("시작과 끝 시각을 적으세요", "give both the start and the end time")
            start, end = plan.start_utc, plan.end_utc
            cameras = plan.camera_ids
        footage = [RecordedCamera(library, c, names.get(c, c)) for c in dict.fromkeys(cameras)]
    return ExportRequest(
        footage=footage,
        start_utc=start,
        end_utc=end,
        out_dir=plan.out_dir,
        operator=plan.operator,
        case_no=plan.case_no,
        source=source,
        source_note=note,
        incident=incident,
        description=plan.description,
        redact=plan.redact,
        keep=plan.keep,
        clock_offset_s=plan.clock_offset_s,
    )
