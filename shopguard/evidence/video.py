"""One camera's exported video: an H.264 MP4 of the exact range with the shop time and camera name
burned in, the stills at the key moments, and (optionally) the same with bystanders' faces blurred.
Runs on the export thread; no Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import av
import numpy as np

from shopguard.errors import ShopGuardError
from shopguard.evidence.overlay import burn_in, caption_below, shop_time_text
from shopguard.evidence.redact import FaceRedactor, KeepPoint, RedactionPlan, blur_regions
from shopguard.evidence.sources import CameraFootage, SourceFrame
from shopguard.vision.cv import cv2

CRF = 20  # visually close to the recording; the originals are in original/ anyway
PRESET = "veryfast"
TIME_BASE = Fraction(1, 1000)
BOX_COLOUR_BGR = (0, 0, 255)


class ExportCancelled(ShopGuardError):
    def __init__(self) -> None:
        super().__init__("내보내기를 취소했습니다", "export cancelled")


class NoFramesError(ShopGuardError):
    """No frame of a camera falls in the asked range."""


@dataclass
class Still:
    camera_id: str
    utc: datetime
    image: np.ndarray  # the raw frame
    path: Path | None = None
    boxes_path: Path | None = None
    redacted_path: Path | None = None
    label_ko: str = ""


@dataclass
class CameraResult:
    camera_id: str
    name: str
    video: Path
    frames: int
    first_utc: datetime
    last_utc: datetime
    width: int
    height: int
    stills: list[Still] = field(default_factory=list)
    redacted_video: Path | None = None
    faces_blurred: int = 0


class Mp4Writer:
    """H.264 in MP4 with each frame at its own time (variable frame rates survive)."""

    def __init__(self, path: Path, fps: int = 10) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.fps = fps
        self._container = av.open(str(path), "w", format="mp4")
        self._stream = None
        self._first: datetime | None = None
        self._last_pts = -1
        self.size: tuple[int, int] | None = None

    def write(self, image: np.ndarray, utc: datetime) -> None:
        if self._stream is None:
            self.size = (image.shape[1] - image.shape[1] % 2, image.shape[0] - image.shape[0] % 2)
            stream = self._container.add_stream(
                "libx264", rate=self.fps, options={"crf": str(CRF), "preset": PRESET}
            )
            stream.width, stream.height, stream.pix_fmt = self.size[0], self.size[1], "yuv420p"
            stream.codec_context.time_base = TIME_BASE
            self._container.metadata["creation_time"] = utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            self._stream = stream
            self._first = utc
        assert self.size is not None and self._first is not None
        image = image[: self.size[1], : self.size[0]]
        pts = max(round((utc - self._first).total_seconds() * 1000), self._last_pts + 1)
        self._last_pts = pts
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="bgr24")
        frame.pts, frame.time_base = pts, TIME_BASE
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def close(self) -> None:
        if self._stream is not None:
            for packet in self._stream.encode():
                self._container.mux(packet)
        self._container.close()


@dataclass
class VideoJob:
    """What the export asks of one camera."""

    footage: CameraFootage
    start_utc: datetime
    end_utc: datetime
    zone: ZoneInfo
    key_moments: Sequence[tuple[datetime, str]]  # (time, Korean label)
    out_root: Path
    redactor: FaceRedactor | None = None
    keep: Sequence[KeepPoint] = ()
    boxes: Callable[[np.ndarray], list[tuple[float, float, float, float]]] | None = None


def export_camera(job: VideoJob, progress: Callable[[float], None], cancel: threading.Event) -> CameraResult:
    """Pass 1: burned-in video, stills, face analysis. Pass 2 (redaction only): blurred video."""
    cam = job.footage
    label = f"{cam.name} ({cam.camera_id})" if cam.name != cam.camera_id else cam.camera_id
    total_s = max((job.end_utc - job.start_utc).total_seconds(), 1e-3)
    passes = 2 if job.redactor is not None else 1
    video_path = job.out_root / "video" / f"{cam.camera_id}.mp4"
    writer = Mp4Writer(video_path, _fps_hint(cam))
    analysis = None
    pending = sorted(job.key_moments)
    stills: list[Still] = []
    frames, first, last, previous = 0, None, None, None
    try:
        for item in cam.frames(job.start_utc, job.end_utc):
            _check(cancel)
            if analysis is None and job.redactor is not None:
                analysis = job.redactor.start(item.image.shape[1], item.image.shape[0])
            writer.write(burn_in(item.image, item.utc, job.zone, label), item.utc)
            while pending and item.utc >= pending[0][0]:
                moment, what = pending.pop(0)
                stills.append(Still(cam.camera_id, item.utc, item.image.copy(), label_ko=what))
            if analysis is not None and analysis.wants(_at(item, job)):
                analysis.add(item.image, _at(item, job))
            first = first or item.utc
            last, previous = item.utc, item
            frames += 1
            progress(min(1.0, _at(item, job) / total_s) / passes)
    finally:
        writer.close()
    if frames == 0 or first is None or last is None or previous is None or writer.size is None:
        video_path.unlink(missing_ok=True)
        raise NoFramesError(
            f"{cam.name} 카메라에 이 시간대의 영상이 없습니다",
            f"camera {cam.camera_id}: no footage {job.start_utc:%H:%M:%S}–{job.end_utc:%H:%M:%S} UTC",
        )
    if pending:  # key moments at or after the last frame: take the last frame
        stills.append(Still(cam.camera_id, previous.utc, previous.image.copy(), label_ko=pending[-1][1]))
    result = CameraResult(cam.camera_id, cam.name, video_path, frames, first, last, *writer.size, stills)
    _write_stills(result, job, label)
    if analysis is not None:
        plan = analysis.keep([k for k in job.keep if k.camera_id in (None, cam.camera_id)])
        result.redacted_video = _redacted_pass(job, plan, label, progress, cancel, total_s)
        result.faces_blurred = plan.faces_blurred()
        for still in result.stills:
            blurred = blur_regions(still.image, plan.regions(_at_utc(still.utc, job)))
            still.redacted_path = _save_png(
                job.out_root / "redacted" / "stills" / _still_name(still, ""),
                caption_below(blurred, _caption(still, job, label, "얼굴 가림 사본 / faces blurred copy")),
            )
    progress(1.0)
    return result


def _redacted_pass(
    job: VideoJob,
    plan: RedactionPlan,
    label: str,
    progress: Callable[[float], None],
    cancel: threading.Event,
    total_s: float,
) -> Path:
    path = job.out_root / "redacted" / "video" / f"{job.footage.camera_id}.mp4"
    writer = Mp4Writer(path, _fps_hint(job.footage))
    try:
        for item in job.footage.frames(job.start_utc, job.end_utc):
            _check(cancel)
            blurred = blur_regions(item.image, plan.regions(_at(item, job)))
            writer.write(burn_in(blurred, item.utc, job.zone, label), item.utc)
            progress(0.5 + min(1.0, _at(item, job) / total_s) / 2)
    finally:
        writer.close()
    return path


def _write_stills(result: CameraResult, job: VideoJob, label: str) -> None:
    for still in result.stills:
        still.path = _save_png(
            job.out_root / "stills" / _still_name(still, ""),
            caption_below(still.image, _caption(still, job, label, "원본 프레임 / original frame")),
        )
        if job.boxes is None:
            continue
        marked = still.image.copy()
        thickness = max(2, still.image.shape[0] // 240)
        for x1, y1, x2, y2 in job.boxes(still.image):
            cv2.rectangle(marked, (int(x1), int(y1)), (int(x2), int(y2)), BOX_COLOUR_BGR, thickness)
        note = "사람 표시 추가본(원본 아님) / annotated copy with person boxes (not original)"
        still.boxes_path = _save_png(
            job.out_root / "stills" / _still_name(still, "_annotated-boxes"),
            caption_below(marked, _caption(still, job, label, note)),
        )


def _caption(still: Still, job: VideoJob, label: str, kind: str) -> list[str]:
    utc = f"{still.utc:%Y-%m-%d %H:%M:%S}.{still.utc.microsecond // 100_000} UTC"
    return [
        f"{shop_time_text(still.utc, job.zone)} = {utc}",
        f"{label} · {still.label_ko}",
        *kind.split(" / "),
    ]


def _still_name(still: Still, suffix: str) -> str:
    return f"{still.camera_id}_{still.utc:%Y%m%dT%H%M%S}.{still.utc.microsecond // 1000:03d}Z{suffix}.png"


def _save_png(path: Path, image: np.ndarray) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    ok, data = cv2.imencode(".png", image)
    if not ok:
        raise ShopGuardError(f"그림 파일을 만들 수 없습니다: {path}", f"cannot encode {path}")
    path.write_bytes(data.tobytes())
    return path


def _fps_hint(footage: CameraFootage) -> int:
    """The nominal rate for players; every frame still carries its own time."""
    return max(1, round(getattr(footage, "fps", 10.0)))


def _at(item: SourceFrame, job: VideoJob) -> float:
    return (item.utc - job.start_utc).total_seconds()


def _at_utc(moment: datetime, job: VideoJob) -> float:
    return (moment - job.start_utc).total_seconds()


def _check(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise ExportCancelled()
