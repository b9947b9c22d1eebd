"""Finding and trying cameras for the settings page. Probing and test-opening run on a thread of
their own (a USB or RTSP open can block for seconds) and report back with queued signals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from shopguard.errors import ShopGuardError
from shopguard.vision.cv import cv2
from shopguard.vision.sources import FrameSource, open_source

PROBE_INDICES = range(6)
TEST_READ_ATTEMPTS = 20
STOP_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class SourceTest:
    spec: str
    ok: bool
    message: str
    image: np.ndarray | None = None
    fps: float = 0.0


def probe_usb(indices: range = PROBE_INDICES) -> list[int]:
    """USB camera indices that open and deliver a frame (OpenCV's logging is silenced in vision.cv)."""
    found = []
    for index in indices:
        cap = cv2.VideoCapture(index)
        try:
            if cap.isOpened() and cap.read()[0]:
                found.append(index)
        finally:
            cap.release()
    return found


def try_source(spec: str, build: Callable[[str], FrameSource] = open_source) -> SourceTest:
    """Open the source, read one frame, close it; a plain message either way."""
    try:
        source = build(spec)
        source.open()
    except ShopGuardError as exc:
        return SourceTest(spec, False, str(exc))
    try:
        for _ in range(TEST_READ_ATTEMPTS):
            frame = source.read()
            if frame is not None:
                height, width = frame.image.shape[:2]
                return SourceTest(
                    spec, True, f"{width}×{height}, {source.fps:.0f} fps", frame.image, source.fps
                )
        return SourceTest(spec, False, "영상이 오지 않습니다 / the source sends no picture")
    finally:
        source.close()


class _OneShot(QObject):
    """Runs one blocking call on a thread; `cancel()` joins it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def _run_in_thread(self, name: str, target: Callable[[], None]) -> None:
        self.wait()
        self._thread = threading.Thread(target=target, name=name, daemon=True)
        self._thread.start()

    def is_busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT_S)
            self._thread = None


class DeviceProber(_OneShot):
    found = Signal(list)  # USB indices

    def probe(self, indices: range = PROBE_INDICES) -> None:
        self._run_in_thread("usb-probe", lambda: self.found.emit(probe_usb(indices)))


class SourceTester(_OneShot):
    tested = Signal(object)  # SourceTest

    def __init__(
        self, build: Callable[[str], FrameSource] = open_source, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.build = build

    def test(self, spec: str) -> None:
        self._run_in_thread("source-test", lambda: self.tested.emit(try_source(spec, self.build)))
