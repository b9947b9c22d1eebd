"""FootageLibrary: read recorded footage back — list segments for a time range, decode the frames
of a range across segment boundaries, cut an H.264 clip of a range, lock a range as evidence.
Works from the segments on disk and their index; safe to use from any one thread at a time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.recording import locks
from shopguard.recording.segments import Segment, SegmentIndex, base_from_path, fsync_dir
from shopguard.vision.cv import cv2

CLIP_CRF = 18  # evidence clips: visually lossless against the segments they are cut from
CLIP_PRESET = "veryfast"
CLIP_TIME_BASE = Fraction(1, 1000)


@dataclass(frozen=True)
class FootageFrame:
    utc: datetime
    image: np.ndarray  # BGR uint8, as recorded (privacy masks already burned in)
    segment: Path


@dataclass(frozen=True)
class Clip:
    path: Path
    camera_id: str
    start_utc: datetime  # first frame
    end_utc: datetime  # end of the last frame
    frames: int
    width: int
    height: int
    bytes: int


class NoFootageError(ShopGuardError):
    """No recorded frame in the asked time range."""


class FootageLibrary:
    def __init__(self, db: sqlite_utils.Database, recordings_root: Path) -> None:
        self.db = db
        self.root = recordings_root
        self.index = SegmentIndex(db, recordings_root)

    # --- listing --------------------------------------------------------------------------------
    def list_segments(
        self, camera_id: str | None = None, start_utc: datetime | None = None, end_utc: datetime | None = None
    ) -> list[Segment]:
        """Closed segments overlapping [start_utc, end_utc), oldest first."""
        return self.index.list(camera_id, start_utc, end_utc)

    def cameras(self) -> list[str]:
        return self.index.cameras()

    # --- reading --------------------------------------------------------------------------------
    def read_frames(self, camera_id: str, start_utc: datetime, end_utc: datetime) -> Iterator[FootageFrame]:
        """Every recorded frame with start_utc <= time < end_utc, in time order, across segments."""
        for segment in self.list_segments(camera_id, start_utc, end_utc):
            yield from read_segment(segment.path, start_utc, end_utc)

    # --- clips ----------------------------------------------------------------------------------
    def make_event_clip(self, camera_id: str, start_utc: datetime, end_utc: datetime, out: Path) -> Clip:
        """An H.264 MP4 of camera_id from start_utc to end_utc at the recorded resolution, written
        atomically to `out`. Raises NoFootageError when nothing was recorded in that range."""
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        part = out.with_name(out.name + ".part")
        frames = 0
        first: datetime | None = None
        last: datetime | None = None
        step = timedelta(0)
        size: tuple[int, int] | None = None
        container = av.open(str(part), "w", format="mp4")
        try:
            stream = None
            for item in self.read_frames(camera_id, start_utc, end_utc):
                image = item.image
                if stream is None:
                    size = (image.shape[1], image.shape[0])
                    stream = container.add_stream(
                        "libx264", rate=10, options={"crf": str(CLIP_CRF), "preset": CLIP_PRESET}
                    )
                    stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
                    stream.codec_context.time_base = CLIP_TIME_BASE
                    container.metadata["creation_time"] = item.utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
                    container.metadata["comment"] = f"ShopGuard {camera_id} {item.utc.isoformat()}"
                    first = item.utc
                elif (image.shape[1], image.shape[0]) != size:
                    image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
                if last is not None:
                    step = item.utc - last
                last = item.utc
                frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="bgr24")
                frame.pts = round((item.utc - first).total_seconds() * 1000)
                frame.time_base = CLIP_TIME_BASE
                for packet in stream.encode(frame):
                    container.mux(packet)
                frames += 1
            if stream is not None:
                for packet in stream.encode():
                    container.mux(packet)
        finally:
            container.close()
        if frames == 0 or first is None or last is None or size is None:
            part.unlink(missing_ok=True)
            raise NoFootageError(
                f"{camera_id} 카메라의 {start_utc:%Y-%m-%d %H:%M:%S}–{end_utc:%H:%M:%S} UTC 녹화가 없습니다",
                f"no footage of camera {camera_id} between {start_utc.isoformat()} and {end_utc.isoformat()}",
            )
        with part.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(part, out)
        fsync_dir(out.parent)
        return Clip(out, camera_id, first, last + step, frames, size[0], size[1], out.stat().st_size)

    # --- evidence locks -------------------------------------------------------------------------
    def lock_range(
        self, camera_id: str, start_utc: datetime, end_utc: datetime, reason: str, actor: str = "system"
    ) -> locks.EvidenceLock:
        return locks.lock_range(self.db, camera_id, start_utc, end_utc, reason, actor)

    def unlock(self, lock_id: int) -> bool:
        return locks.unlock(self.db, lock_id)

    def locks(self) -> list[locks.EvidenceLock]:
        return locks.list_locks(self.db)


def read_segment(
    path: Path, start_utc: datetime | None = None, end_utc: datetime | None = None
) -> Iterator[FootageFrame]:
    """Decode one segment file; frame times are the name-second plus the frame's own time."""
    base = base_from_path(path)
    with av.open(str(path), format="mp4") as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        if start_utc is not None and stream.time_base is not None:
            offset_s = (start_utc - base).total_seconds()
            if offset_s > 1.0:
                container.seek(int(offset_s / stream.time_base), stream=stream, backward=True)
        for frame in container.decode(stream):
            if frame.time is None:
                continue
            moment = base + timedelta(seconds=frame.time)
            if start_utc is not None and moment < start_utc:
                continue
            if end_utc is not None and moment >= end_utc:
                return
            yield FootageFrame(moment, frame.to_ndarray(format="bgr24"), path)
