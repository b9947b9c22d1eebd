"""CameraWorker: runs in two Python threads of its own (capture, analysis); the GUI thread only
reads the newest result through `latest()` and receives `status_changed` / `events_raised` signals
(queued to the GUI thread by Qt because they are emitted from the worker threads)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from shopguard.domain.vision import FrameResult
from shopguard.errors import ShopGuardError
from shopguard.services.camera_health import OFFLINE_AFTER_S, CameraHealth, CoverageMonitor, featureless
from shopguard.services.latest_slot import LatestSlot
from shopguard.vision.pipeline import CameraPipeline
from shopguard.vision.sources import Frame, FrameSource, SourceStatus, VideoFileSource

STOP_TIMEOUT_S = 5.0
IDLE_WAIT_S = 0.2
FPS_WINDOW_S = 2.0
REOPEN_START_S = 0.5  # a camera missing at start is retried with back-off, up to REOPEN_MAX_S
REOPEN_MAX_S = 5.0
COVER_CHECK_S = 0.5
TICK_S = 1.0  # tickers (the rules' "camera went quiet" check) run this often, frames or not

log = logging.getLogger(__name__)

# Rules plug in here: called on the analysis thread with each result and its frame, returns events.
Analyser = Callable[[FrameResult, np.ndarray], list[Any]]
FrameFilter = Callable[[np.ndarray], np.ndarray]
Ticker = Callable[[float], list[Any]]  # called with the wall clock (epoch s) about once a second
Finisher = Callable[[], list[Any]]  # ends the rules' open incidents (rules replaced, camera stopped)


@dataclass(frozen=True)
class CameraView:
    """What a tile paints: the newest frame, its analysis (None without AI) and health figures."""

    image: np.ndarray
    result: FrameResult | None
    wall_ts: float
    fps: float
    dropped: int
    status: SourceStatus
    health: CameraHealth = CameraHealth.LIVE


@dataclass(frozen=True)
class RaisedEvents:
    """Events the analysers raised on one frame, with that frame (for a snapshot)."""

    camera_id: str
    events: list[Any]
    image: np.ndarray | None


class CameraWorker(QObject):
    status_changed = Signal(str, str)  # camera id, CameraHealth value
    failed = Signal(str, str)  # camera id, bilingual message
    events_raised = Signal(object)  # RaisedEvents

    def __init__(
        self,
        camera_id: str,
        source: FrameSource,
        pipeline: CameraPipeline | None,
        realtime: bool = True,
        offline_after_s: float = OFFLINE_AFTER_S,
    ) -> None:
        super().__init__()
        self.camera_id = camera_id
        self.source = source
        self.pipeline = pipeline
        self.realtime = realtime and isinstance(source, VideoFileSource)
        self.offline_after_s = offline_after_s
        self._frames: LatestSlot[Frame] = LatestSlot()
        self._views: LatestSlot[CameraView] = LatestSlot()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._health = CameraHealth.RECONNECTING
        self._last_frame_mono = time.monotonic()
        self._coverage = CoverageMonitor()
        self._covered = False
        self._last_cover_check = 0.0
        self._shown_times: list[float] = []
        # Called on the capture thread with every frame, before analysis may drop it (recording).
        self.frame_sinks: list[Callable[[Frame], None]] = []
        # Applied on the capture thread before anything else sees the frame (privacy masks).
        self.frame_filters: list[FrameFilter] = []
        # Called on the analysis thread with every analysed frame (the rules engine).
        self.analysers: list[Analyser] = []
        self.tickers: list[Ticker] = []
        self.finishers: list[Finisher] = []
        self._retired: list[Finisher] = []  # finishers of replaced rules, run next on the analysis thread
        self._swap_lock = threading.Lock()
        self._last_tick = 0.0

    def start(self) -> None:
        self._stop.clear()
        self._last_frame_mono = time.monotonic()
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
    def health(self) -> CameraHealth:
        return self._health

    @property
    def dropped(self) -> int:
        return self._frames.dropped

    def _set_health(self, health: CameraHealth) -> None:
        if health != self._health:
            self._health = health
            self.status_changed.emit(self.camera_id, health.value)

    def _open_with_retry(self) -> bool:
        """Open the source; a camera that is not there yet is retried until it appears or we stop."""
        wait_s = REOPEN_START_S
        reported = False
        while not self._stop.is_set():
            try:
                self.source.open()
                return True
            except ShopGuardError as exc:
                if not reported:
                    self.failed.emit(self.camera_id, str(exc))
                    reported = True
                if isinstance(self.source, VideoFileSource):
                    return False  # a missing file will not come back by itself
            self._stop.wait(wait_s)
            wait_s = min(wait_s * 2, REOPEN_MAX_S)
        return False

    def _capture_loop(self) -> None:
        if not self._open_with_retry():
            return
        started_wall = time.monotonic()
        first_ts: float | None = None
        try:
            while not self._stop.is_set():
                frame = self.source.read()
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
                for apply in self.frame_filters:
                    frame = Frame(apply(frame.image), frame.ts, frame.index)
                for sink in self.frame_sinks:
                    sink(frame)
                self._last_frame_mono = time.monotonic()
                self._frames.put(frame)
        finally:
            self.source.close()

    def _judge_health(self, now: float) -> CameraHealth:
        status = self.source.status
        if status == SourceStatus.ENDED:
            return CameraHealth.ENDED
        if now - self._last_frame_mono >= self.offline_after_s:
            return CameraHealth.OFFLINE
        if status == SourceStatus.RECONNECTING or self._views.peek()[0] is None:
            return CameraHealth.RECONNECTING
        return CameraHealth.COVERED if self._covered else CameraHealth.LIVE

    def _analysis_loop(self) -> None:
        while not self._stop.is_set():
            self._finish(self._take_retired())
            frame = self._frames.take(IDLE_WAIT_S)
            now = time.monotonic()
            if frame is not None:
                self._analyse(frame, now)
            if self.tickers and now - self._last_tick >= TICK_S:
                self._last_tick = now
                self._emit(self._run_each(self.tickers, time.time()), frame.image if frame else None)
            self._set_health(self._judge_health(time.monotonic()))
        # Stopped (camera removed, app closing): incidents still open end here, so each gets its end
        # time and its clip instead of staying open in the alerts list.
        self._finish(self._take_retired() + self.finishers)

    def set_analysers(
        self,
        analysers: list[Analyser],
        tickers: list[Ticker] | None = None,
        finishers: list[Finisher] | None = None,
        pipeline: CameraPipeline | None = None,
    ) -> None:
        """Swap the rules (new zones saved), and the pipeline when one is given (door lines change
        what it looks at); the analysis thread picks them up at once and first ends the open
        incidents of the rules they replace."""
        with self._swap_lock:
            self._retired.extend(self.finishers)
            if pipeline is not None:
                self.pipeline = pipeline
            self.analysers = list(analysers)
            self.tickers = list(tickers or [])
            self.finishers = list(finishers or [])

    def _take_retired(self) -> list[Finisher]:
        with self._swap_lock:
            retired, self._retired = self._retired, []
        return retired

    def _finish(self, finishers: list[Finisher]) -> None:
        if finishers:
            self._emit(self._run_each(finishers), None)

    def _run_each(self, calls: list[Callable[..., list[Any]]], *args: Any) -> list[Any]:
        events: list[Any] = []
        for call in calls:
            try:
                events.extend(call(*args))
            except Exception:  # a faulty rule must not take the camera down with it
                log.exception("rule failed on camera %s", self.camera_id)
        return events

    def _emit(self, events: list[Any], image: np.ndarray | None) -> None:
        if events:
            self.events_raised.emit(RaisedEvents(self.camera_id, events, image))

    def _analyse(self, frame: Frame, now: float) -> None:
        if now - self._last_cover_check >= COVER_CHECK_S:
            self._last_cover_check = now
            self._covered = self._coverage.update(featureless(frame.image), now)
        result = self.pipeline.process(frame.image, frame.ts) if self.pipeline else None
        analysers = self.analysers
        if result is not None and analysers:
            self._emit(self._run_each(analysers, result, frame.image), frame.image)
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
                health=CameraHealth.COVERED if self._covered else CameraHealth.LIVE,
            )
        )
