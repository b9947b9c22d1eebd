"""Where an export's footage comes from: a camera's recorded segments, or a plain video file (e.g.
copied off an old DVR). Each gives the original files to copy bit for bit and the decoded frames of
a time range with their UTC times. No Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import av
import numpy as np

from shopguard.errors import ShopGuardError
from shopguard.recording.footage import FootageLibrary


class ExportSourceError(ShopGuardError):
    """The footage to export cannot be found or read."""


@dataclass(frozen=True)
class OriginalFile:
    path: Path
    archive_name: str  # where it goes inside original/


@dataclass(frozen=True)
class SourceFrame:
    utc: datetime
    image: np.ndarray  # BGR


class CameraFootage(Protocol):
    camera_id: str
    name: str

    def originals(self, start_utc: datetime, end_utc: datetime) -> list[OriginalFile]: ...

    def frames(self, start_utc: datetime, end_utc: datetime) -> Iterator[SourceFrame]: ...


class RecordedCamera:
    """One camera's recorded segments in the FootageLibrary."""

    def __init__(self, library: FootageLibrary, camera_id: str, name: str) -> None:
        self.library = library
        self.camera_id = camera_id
        self.name = name

    def originals(self, start_utc: datetime, end_utc: datetime) -> list[OriginalFile]:
        segments = self.library.list_segments(self.camera_id, start_utc, end_utc)
        return [
            OriginalFile(s.path, s.path.relative_to(self.library.root).as_posix())
            for s in segments
            if s.path.is_file()
        ]

    @property
    def fps(self) -> float:
        segments = self.library.list_segments(self.camera_id)[-1:]
        return (
            segments[0].frames / segments[0].duration_s if segments and segments[0].duration_s > 0 else 10.0
        )

    def frames(self, start_utc: datetime, end_utc: datetime) -> Iterator[SourceFrame]:
        for item in self.library.read_frames(self.camera_id, start_utc, end_utc):
            yield SourceFrame(item.utc, item.image)


@dataclass(frozen=True)
class VideoInfo:
    start_utc: datetime  # when the file's first frame was recorded (as far as we know)
    duration_s: float
    time_source: str  # how start_utc was found: "given", "metadata", "file time"
    fps: float = 25.0


class VideoFileCamera:
    """A plain video file; frame times are the file's own times after `info.start_utc`."""

    def __init__(self, path: Path, camera_id: str, name: str, info: VideoInfo) -> None:
        self.path = path
        self.camera_id = camera_id
        self.name = name
        self.info = info
        self.fps = info.fps

    def originals(self, start_utc: datetime, end_utc: datetime) -> list[OriginalFile]:
        safe = "".join("_" if c in "\\/\n\r" else c for c in self.path.name)
        return [OriginalFile(self.path, safe)]

    def frames(self, start_utc: datetime, end_utc: datetime) -> Iterator[SourceFrame]:
        last: float | None = None
        try:
            with av.open(str(self.path)) as container:
                stream = container.streams.video[0]
                stream.thread_type = "AUTO"
                step = 1.0 / float(stream.average_rate or 25)
                first: float | None = None
                for frame in container.decode(stream):
                    raw = frame.time
                    if raw is None or (last is not None and raw <= last):
                        raw = (last if last is not None else 0.0) + step  # broken or missing timestamps
                    first = raw if first is None else first
                    last = raw
                    moment = self.info.start_utc + timedelta(seconds=raw - first)
                    if moment < start_utc:
                        continue
                    if moment >= end_utc:
                        return
                    yield SourceFrame(moment, frame.to_ndarray(format="bgr24"))
        except (av.error.FFmpegError, IndexError) as exc:
            raise _unreadable(self.path, exc) from None


def probe_video(path: Path, start_utc: datetime | None = None) -> VideoInfo:
    """Duration and start time of a video file; raises ExportSourceError if it is not a video."""
    if not path.is_file():
        raise ExportSourceError(f"영상 파일이 없습니다: {path}", f"no such video file: {path}")
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            created = container.metadata.get("creation_time") or stream.metadata.get("creation_time")
            fps = float(stream.average_rate or 25)
            duration = _scanned_duration(container, stream, fps)
    except (av.error.FFmpegError, IndexError) as exc:
        raise _unreadable(path, exc) from None
    if start_utc is not None:
        return VideoInfo(start_utc, duration, "given", fps)
    if created:
        try:
            moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
            if moment.tzinfo is not None and moment.year > 1970:
                return VideoInfo(moment.astimezone(UTC), duration, "metadata", fps)
        except ValueError:
            pass
    # Last resort: the file's modification time is about when the recording ended.
    modified = datetime.fromtimestamp(os.stat(path).st_mtime, UTC).replace(microsecond=0)
    return VideoInfo(modified - timedelta(seconds=round(duration)), duration, "file time", fps)


def _scanned_duration(
    container: av.container.InputContainer, stream: av.video.VideoStream, fps: float
) -> float:
    """From the packets' own times (headers of files off old DVRs are often wrong); no decoding."""
    first: float | None = None
    end = 0.0
    for packet in container.demux(stream):
        if packet.pts is None or packet.time_base is None:
            continue
        at = float(packet.pts * packet.time_base)
        length = float(packet.duration * packet.time_base) if packet.duration else 1.0 / fps
        first = at if first is None else min(first, at)
        end = max(end, at + length)
    return max(0.0, end - (first or 0.0))


def _unreadable(path: Path, exc: Exception) -> ExportSourceError:
    return ExportSourceError(
        f"영상 파일을 읽을 수 없습니다: {path}",
        f"cannot read the video file {path}: {exc.__class__.__name__}",
    )
