"""SegmentWriter: one H.264 MP4 segment, written under a `.part` name and renamed once complete,
so a crash or power cut can only ever lose the segment being written. Used by one thread at a time."""

from __future__ import annotations

import contextlib
import os
import time
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from shopguard.recording.segments import (
    Segment,
    fsync_dir,
    part_path,
    segment_base,
    segment_path,
)

TIME_BASE = Fraction(1, 1000)  # frame times in milliseconds after the name-second
KEYFRAME_INTERVAL_S = 2.0  # seeking and cutting never need to decode more than this


class SegmentWriter:
    """Open on the first frame, `write` frames with their UTC times, `close` to publish the file."""

    def __init__(
        self,
        root: Path,
        camera_id: str,
        first_utc: datetime,
        width: int,
        height: int,
        fps: float,
        crf: int = 26,
        preset: str = "veryfast",
    ) -> None:
        self.camera_id = camera_id
        self.base = segment_base(first_utc)
        self.path = segment_path(root, camera_id, self.base)
        self.part = part_path(self.path)
        self.width = width - width % 2  # yuv420p needs even sizes
        self.height = height - height % 2
        self.first_utc: datetime | None = None
        self.last_utc: datetime | None = None
        self.frames = 0
        self.encode_s = 0.0
        self._last_pts = -1
        self._step = timedelta(seconds=1 / max(fps, 1.0))  # replaced by the real frame interval
        self.part.parent.mkdir(parents=True, exist_ok=True)
        self._container = av.open(str(self.part), "w", format="mp4")
        self._container.metadata["creation_time"] = self.base.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        stream = self._container.add_stream(
            "libx264",
            rate=max(1, round(fps)),
            options={
                "crf": str(crf),
                "preset": preset,
                "g": str(max(1, round(fps * KEYFRAME_INTERVAL_S))),
                "threads": "1",  # one core per camera at most; several cameras share two cores
            },
        )
        stream.width, stream.height, stream.pix_fmt = self.width, self.height, "yuv420p"
        stream.codec_context.time_base = TIME_BASE
        self._stream = stream

    def write(self, image: np.ndarray, utc: datetime) -> None:
        if image.shape[1] != self.width or image.shape[0] != self.height:
            image = image[: self.height, : self.width]
        pts = round((utc - self.base).total_seconds() * 1000)
        pts = max(pts, self._last_pts + 1)  # strictly increasing even if the clock stepped back
        self._last_pts = pts
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="bgr24")
        frame.pts = pts
        frame.time_base = TIME_BASE
        started = time.perf_counter()
        for packet in self._stream.encode(frame):
            self._container.mux(packet)
        self.encode_s += time.perf_counter() - started
        moment = self.base + timedelta(milliseconds=pts)
        self.first_utc = self.first_utc or moment
        if self.last_utc is not None:
            self._step = moment - self.last_utc
        self.last_utc = moment
        self.frames += 1

    def close(self) -> Segment | None:
        """Finish the file, make it durable, rename it into place. None when no frame was written."""
        started = time.perf_counter()
        for packet in self._stream.encode():
            self._container.mux(packet)
        self.encode_s += time.perf_counter() - started
        self._container.close()
        if self.frames == 0 or self.first_utc is None or self.last_utc is None:
            self.part.unlink(missing_ok=True)
            return None
        with self.part.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(self.part, self.path)
        fsync_dir(self.path.parent)
        return Segment(
            camera_id=self.camera_id,
            start_utc=self.first_utc,
            end_utc=self.last_utc + self._step,
            path=self.path,
            frames=self.frames,
            bytes=self.path.stat().st_size,
            width=self.width,
            height=self.height,
        )

    def abort(self) -> None:
        """Give up on this segment (disk full, encoder error): close quietly and remove the part."""
        with contextlib.suppress(av.error.FFmpegError, OSError):
            self._container.close()
        self.part.unlink(missing_ok=True)
