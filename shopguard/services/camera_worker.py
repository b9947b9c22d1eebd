"""CameraWorker: runs in two Python threads of its own (capture, analysis); the GUI thread only
reads the newest result through `latest()` and receives `status_changed` when health changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from shopguard.domain.vision import FrameResult
from shopguard.errors import ShopGuardError
from shopguard.services.latest_slot import LatestSlot
from shopguard.vision.pipeline import CameraPipeline
from shopguard.vision.sources import Frame, FrameSource, SourceStatus, VideoFileSource

STOP_TIMEOUT_S = 5.0
IDLE_WAIT_S = 0.2
FPS_WINDOW_S = 2.0


@dataclass(frozen=True)
class CameraView:
    """What a tile paints: the newest frame, its analysis (None without AI) and health figures."""

    image: np.ndarray
    result: FrameResult | None
    wall_ts: float
    fps: float
    dropped: int
    status: SourceStatus


class CameraWorker(QObject):
    status_changed = Signal(str, str)  # camera id, SourceStatus value
    failed = Signal(str, str)  # camera id, bilingual message

    def __init__(
        self,
        camera_id: str,
        source: FrameSource,
        pipeline: CameraPipeline | None,
        realtime: bool = True,
    ) -> None:
        super().__init__()
        self.camera_id = camera_id
        self.source = source
        self.pipeline = pipeline
        self.realtime = realtime and isinstance(source, VideoFileSource)
        self._frames: LatestSlot[Frame] = LatestSlot()
        self._views: LatestSlot[CameraView] = LatestSlot()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._status = SourceStatus.OFFLINE
        self._shown_times: list[float] = []
        # Called on the capture thread with every frame, before analysis may drop it (recording).
        self.frame_sinks: list[Callable[[Frame], None]] = []

    def start(self) -> None:
        self._threads = [
            threading.Thread(target=self._capture_loop, name=f"capture-{self.camera_id}", daemon=True),
            threading.Thread(target=self._analysis_loop, name=f"analysis-{self.camera_id}", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(STOP_TIMEOUT_S)
        self._threads = []

    def is_running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def latest(self) -> tuple[CameraView | None, int]:
        return self._views.peek()

    @property
    def dropped(self) -> int:
        return self._frames.dropped

    def _set_status(self, status: SourceStatus) -> None:
        if status != self._status:
            self._status = status
            self.status_changed.emit(self.camera_id, status.value)

    def _capture_loop(self) -> None:
        try:
            self.source.open()
        except ShopGuardError as exc:
            self._set_status(SourceStatus.OFFLINE)
            self.failed.emit(self.camera_id, str(exc))
            return
        started_wall = time.monotonic()
        first_ts: float | None = None
        try:
            while not self._stop.is_set():
                frame = self.source.read()
                self._set_status(self.source.status)
                if frame is None:
                    if self.source.status == SourceStatus.ENDED:
                        return
                    self._stop.wait(IDLE_WAIT_S)
                    continue
                if self.realtime:
                    # Play a file at its own speed, as a camera would deliver it.
                    if first_ts is None:
                        started_wall, first_ts = time.monotonic(), frame.ts
                    delay = (frame.ts - first_ts) - (time.monotonic() - started_wall)
                    if delay > 0 and self._stop.wait(delay):
                        return
                for sink in self.frame_sinks:
                    sink(frame)
                self._frames.put(frame)
        finally:
            self.source.close()

    def _analysis_loop(self) -> None:
        while not self._stop.is_set():
            frame = self._frames.take(IDLE_WAIT_S)
            if frame is None:
                continue
            result = self.pipeline.process(frame.image, frame.ts) if self.pipeline else None
            now = time.monotonic()
            self._shown_times = [t for t in self._shown_times if now - t < FPS_WINDOW_S] + [now]
            fps = (len(self._shown_times) - 1) / max(now - self._shown_times[0], 1e-6)
            self._views.put(
                CameraView(
                    image=frame.image,
                    result=result,
                    wall_ts=time.time(),
                    fps=fps if len(self._shown_times) > 1 else 0.0,
                    dropped=self._frames.dropped,
                    status=self.source.status,
                )
            )
