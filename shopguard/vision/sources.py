"""Frame sources: USB camera index, video file, RTSP URL; one interface, reconnect with back-off."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import numpy as np

from shopguard.errors import SourceError
from shopguard.vision.cv import cv2

STREAM_PREFIXES = ("rtsp://", "rtsps://", "http://", "https://")
BACKOFF_START_S = 0.5
BACKOFF_MAX_S = 30.0


@dataclass(frozen=True, slots=True)
class Frame:
    image: np.ndarray  # BGR uint8, H x W x 3
    ts: float  # seconds: position in a file, wall clock for live cameras
    index: int


class SourceStatus(Enum):
    LIVE = "live"
    RECONNECTING = "reconnecting"
    OFFLINE = "offline"
    ENDED = "ended"


class FrameSource(ABC):
    """Yields frames; `read()` returns None at the end of a file or while a camera is away."""

    name: str

    @abstractmethod
    def open(self) -> None: ...

    @abstractmethod
    def read(self) -> Frame | None: ...

    @abstractmethod
    def close(self) -> None: ...

    @property
    @abstractmethod
    def fps(self) -> float: ...

    @property
    @abstractmethod
    def status(self) -> SourceStatus: ...

    def __enter__(self) -> FrameSource:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class VideoFileSource(FrameSource):
    """A video file read as fast as asked; `loop=True` starts over at the end (the demo camera).
    Never seeks: seeking back in MPEG-PS files (.mpg) silently drops frames; the first frame read
    to check the file is kept and served first, and a loop reopens the file."""

    def __init__(self, path: str | Path, loop: bool = False) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.loop = loop
        self._cap: cv2.VideoCapture | None = None
        self._pending: np.ndarray | None = None
        self._fps = 0.0
        self._index = 0
        self._file_index = 0
        self._offset_s = 0.0
        self._status = SourceStatus.OFFLINE

    def _open_capture(self) -> tuple[cv2.VideoCapture, np.ndarray]:
        cap = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)
        ok, first = cap.read() if cap.isOpened() else (False, None)
        if not ok or first is None:
            cap.release()
            raise SourceError(
                f"동영상으로 읽을 수 없는 파일입니다: {self.path}",
                f"not a readable video file: {self.path}",
            )
        return cap, first

    def open(self) -> None:
        if not self.path.exists():
            raise SourceError(f"동영상 파일이 없습니다: {self.path}", f"video file not found: {self.path}")
        if self.path.is_dir():
            raise SourceError(
                f"동영상 파일이 아니라 폴더입니다: {self.path}", f"not a video file: {self.path}"
            )
        self._cap, self._pending = self._open_capture()
        fps = self._cap.get(cv2.CAP_PROP_FPS)
        self._fps = fps if 1.0 <= fps <= 240.0 else 25.0
        self._status = SourceStatus.LIVE

    def read(self) -> Frame | None:
        if self._cap is None:
            return None
        image = self._next_image()
        if image is None and self.loop and self._file_index > 0:
            self._offset_s += self._file_index / self._fps
            self._file_index = 0
            self._cap.release()
            self._cap, self._pending = self._open_capture()
            image = self._next_image()
        if image is None:
            self._status = SourceStatus.ENDED
            return None
        # Timestamps from the frame count: container timestamps of some .mpg files start late.
        frame = Frame(image=image, ts=self._offset_s + self._file_index / self._fps, index=self._index)
        self._file_index += 1
        self._index += 1
        return frame

    def _next_image(self) -> np.ndarray | None:
        if self._pending is not None:
            image, self._pending = self._pending, None
            return image
        assert self._cap is not None
        ok, image = self._cap.read()
        return image if ok else None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None

    @property
    def fps(self) -> float:
        return self._fps

    @property
    def status(self) -> SourceStatus:
        return self._status


class LiveSource(FrameSource):
    """A USB camera or a network stream; when it fails it reconnects with back-off."""

    def __init__(
        self,
        target: int | str,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.target = target
        self.name = f"USB {target}" if isinstance(target, int) else _redact_url(str(target))
        self._clock = clock
        self._sleep = sleep
        self._cap: cv2.VideoCapture | None = None
        self._fps = 0.0
        self._index = 0
        self._status = SourceStatus.OFFLINE
        self._backoff_s = BACKOFF_START_S
        self._next_attempt_s = 0.0

    def _connect(self) -> bool:
        backend = cv2.CAP_ANY if isinstance(self.target, int) else cv2.CAP_FFMPEG
        cap = cv2.VideoCapture(self.target, backend)
        if not cap.isOpened():
            cap.release()
            return False
        self._cap = cap
        fps = cap.get(cv2.CAP_PROP_FPS)
        self._fps = fps if 1.0 <= fps <= 240.0 else 15.0
        self._status = SourceStatus.LIVE
        self._backoff_s = BACKOFF_START_S
        return True

    def open(self) -> None:
        if not self._connect():
            self._status = SourceStatus.OFFLINE
            if isinstance(self.target, int):
                raise SourceError(
                    f"카메라 {self.target}번을 찾을 수 없습니다. USB 연결을 확인하세요.",
                    f"camera {self.target} not found; check that it is plugged in",
                )
            raise SourceError(
                f"카메라 주소에 연결할 수 없습니다: {self.name}",
                f"cannot connect to camera stream: {self.name}",
            )

    def read(self) -> Frame | None:
        if self._cap is None:
            now = self._clock()
            if now < self._next_attempt_s:
                return None
            if not self._connect():
                self._status = SourceStatus.RECONNECTING
                self._next_attempt_s = now + self._backoff_s
                self._backoff_s = min(self._backoff_s * 2, BACKOFF_MAX_S)
                return None
        assert self._cap is not None
        ok, image = self._cap.read()
        if not ok or image is None:
            self._cap.release()
            self._cap = None
            self._status = SourceStatus.RECONNECTING
            self._next_attempt_s = self._clock() + self._backoff_s
            return None
        frame = Frame(image=image, ts=self._clock(), index=self._index)
        self._index += 1
        return frame

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None
        self._status = SourceStatus.OFFLINE

    @property
    def fps(self) -> float:
        return self._fps

    @property
    def status(self) -> SourceStatus:
        return self._status


class TimeLimitedSource(FrameSource):
    """Wraps an opened live source and ends after `seconds` (to analyse a camera for a while)."""

    def __init__(
        self, inner: FrameSource, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self._clock = clock
        self._deadline = clock() + seconds
        self._ended = False

    def open(self) -> None:
        self.inner.open()

    def read(self) -> Frame | None:
        while not self._ended:
            if self._clock() >= self._deadline:
                self._ended = True
                break
            frame = self.inner.read()
            if frame is not None:
                return frame
            time.sleep(0.01)
        return None

    def close(self) -> None:
        self.inner.close()

    @property
    def fps(self) -> float:
        return self.inner.fps

    @property
    def status(self) -> SourceStatus:
        return SourceStatus.ENDED if self._ended else self.inner.status


def open_source(spec: str | int, loop: bool = False) -> FrameSource:
    """Build (not open) the source named by `spec`: a USB index, an RTSP/HTTP URL or a file path."""
    if isinstance(spec, int) or (isinstance(spec, str) and spec.strip().isdigit()):
        return LiveSource(int(spec))
    text = str(spec).strip()
    if text.lower().startswith(STREAM_PREFIXES):
        return LiveSource(text)
    return VideoFileSource(text, loop=loop)


def _redact_url(url: str) -> str:
    """Hide a password in rtsp://user:pass@host so it never reaches the screen or a log."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.split("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
