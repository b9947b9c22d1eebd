"""ClipLoader: decodes an alert's clip with PyAV on a thread of its own into compact JPEG frames the
review page can step through; reports to the GUI thread with queued signals (loaded / failed)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from PySide6.QtCore import QObject, Signal

from shopguard.vision.cv import cv2

MAX_WIDTH_PX = 960  # enough for the review page; keeps a 2-minute clip in tens of MB
MAX_FRAMES = 3600
JPEG_QUALITY = 85
STOP_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class ClipFrames:
    path: str
    fps: float
    times_s: list[float]
    jpegs: list[bytes]

    def __len__(self) -> int:
        return len(self.jpegs)

    @property
    def duration_s(self) -> float:
        return self.times_s[-1] - self.times_s[0] if self.times_s else 0.0


def shrink(image: np.ndarray) -> np.ndarray:
    height, width = image.shape[:2]
    if width <= MAX_WIDTH_PX:
        return image
    scale = MAX_WIDTH_PX / width
    return cv2.resize(image, (MAX_WIDTH_PX, round(height * scale)), interpolation=cv2.INTER_AREA)


def decode_clip(path: str, stop: threading.Event | None = None) -> ClipFrames:
    """Every frame of the clip's first video stream (up to MAX_FRAMES), as JPEG bytes."""
    times: list[float] = []
    jpegs: list[bytes] = []
    with av.open(path) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        fps = float(stream.average_rate or 0) or 15.0
        for frame in container.decode(stream):
            if stop is not None and stop.is_set():
                break
            image = shrink(frame.to_ndarray(format="bgr24"))
            ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
            if ok:
                times.append(float(frame.time) if frame.time is not None else len(times) / fps)
                jpegs.append(data.tobytes())
            if len(jpegs) >= MAX_FRAMES:
                break
    return ClipFrames(path, fps, times, jpegs)


class ClipLoader(QObject):
    loaded = Signal(object)  # ClipFrames
    failed = Signal(str, str)  # path, bilingual message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def load(self, path: str) -> None:
        self.cancel()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(path, self._stop), name="clip-loader", daemon=True
        )
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT_S)
            self._thread = None

    def is_busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self, path: str, stop: threading.Event) -> None:
        if not Path(path).is_file():
            self.failed.emit(path, f"영상 파일이 없습니다: {path} / clip file not found")
            return
        try:
            clip = decode_clip(path, stop)
        except (av.FFmpegError, OSError, IndexError) as exc:
            self.failed.emit(
                path, f"영상을 읽을 수 없습니다 / cannot read the clip: {exc.__class__.__name__}"
            )
            return
        if not stop.is_set():
            if len(clip) == 0:
                self.failed.emit(path, "영상에 화면이 없습니다 / the clip has no frames")
            else:
                self.loaded.emit(clip)
