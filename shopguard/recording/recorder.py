"""SegmentRecorder: one camera's recording. `sink` runs on the camera's capture thread and only
queues (never blocks: a full queue drops the frame and counts it); everything else — masks, motion
check, pre-roll ring, H.264 encoding, file rotation — runs on the recorder's own thread."""

from __future__ import annotations

import errno
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

import av
import numpy as np

from shopguard.config.recording import CameraRecording, RecordingSettings, RecordMode
from shopguard.recording.masks import apply_privacy_masks
from shopguard.recording.segments import Segment, from_epoch
from shopguard.recording.writer import SegmentWriter
from shopguard.vision.motion import MotionDetector
from shopguard.vision.sources import Frame

log = logging.getLogger(__name__)

QUEUE_S = 2.0  # seconds of frames the queue may hold before the sink starts dropping
IDLE_WAIT_S = 0.2
STOP_TIMEOUT_S = 10.0
SPACE_RECHECK_S = 10.0  # while the disk is full, look again this often
FPS_TOLERANCE = 0.8  # accept a frame this fraction of the minimum interval early (camera jitter)


class RecorderStatus(Enum):
    STOPPED = "stopped"
    WAITING = "waiting"  # motion/events mode, nothing to record right now
    RECORDING = "recording"
    OFF = "off"
    DISK_FULL = "disk_full"
    ERROR = "error"


STATUS_TEXT = {
    RecorderStatus.STOPPED: ("녹화 중지", "not recording"),
    RecorderStatus.WAITING: ("녹화 대기", "waiting for motion or an event"),
    RecorderStatus.RECORDING: ("녹화 중", "recording"),
    RecorderStatus.OFF: ("녹화 안 함", "recording switched off"),
    RecorderStatus.DISK_FULL: (
        "디스크 공간 부족 — 녹화 일시 중지",
        "disk full — recording paused until space is free",
    ),
    RecorderStatus.ERROR: ("녹화 오류", "recording error"),
}


@dataclass(frozen=True)
class RecorderStats:
    camera_id: str
    status: RecorderStatus
    frames_written: int
    frames_dropped: int  # the queue was full: the encoder fell behind
    frames_paused: int  # arrived while the disk was full
    segments: int
    bytes_written: int
    encode_ms_per_frame: float
    seconds_recorded: float  # of closed segments
    message: str

    @property
    def mb_per_hour(self) -> float:
        return self.bytes_written / 1e6 / self.seconds_recorded * 3600 if self.seconds_recorded else 0.0


class SegmentRecorder:
    def __init__(
        self,
        camera_id: str,
        root: Path,
        settings: RecordingSettings,
        camera: CameraRecording | None = None,
        on_segment: Callable[[Segment], None] | None = None,
        space_ok: Callable[[], bool] | None = None,
        on_status: Callable[[str, RecorderStatus, str], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.camera_id = camera_id
        self.root = root
        self.settings = settings
        self.camera = camera or settings.for_camera(camera_id)
        self.on_segment = on_segment
        self.space_ok = space_ok
        self.on_status = on_status
        self.clock = clock
        self._queue: queue.Queue[tuple[float, np.ndarray] | threading.Event] = queue.Queue(
            maxsize=max(2, round(settings.max_fps * QUEUE_S))
        )
        self._min_interval_s = FPS_TOLERANCE / settings.max_fps
        self._last_accepted = float("-inf")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._windows: list[tuple[float, float]] = []  # (from, until) seconds, pre/post-roll included
        self._writer: SegmentWriter | None = None
        self._ring: deque[tuple[float, np.ndarray]] = deque()
        self._motion = MotionDetector()
        self._fps_estimate = settings.max_fps
        self._last_utc: float | None = None
        self._retry_at = float("-inf")
        self._status = RecorderStatus.STOPPED
        self._message = ""
        self.frames_written = 0
        self.frames_dropped = 0
        self.frames_paused = 0
        self.segments = 0
        self.bytes_written = 0
        self.seconds_recorded = 0.0
        self._encode_s = 0.0

    # --- capture thread -------------------------------------------------------------------------
    def sink(self, frame: Frame) -> None:
        """For `CameraWorker.frame_sinks`: stamp the frame with the wall clock and queue it."""
        self.push(frame.image, self.clock())

    __call__ = sink

    def push(self, image: np.ndarray, utc_s: float, wait: bool = False) -> None:
        """Queue one frame taken at `utc_s` (seconds since the epoch). A full queue drops and counts
        the frame; `wait=True` (offline use: imports, benchmarks, tests) waits for room instead."""
        if utc_s - self._last_accepted < self._min_interval_s:
            return  # above max_fps: not recorded by design, not a drop
        self._last_accepted = utc_s
        try:
            self._queue.put((utc_s, image), block=wait, timeout=STOP_TIMEOUT_S if wait else None)
        except queue.Full:
            self.frames_dropped += 1

    # --- any thread -----------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._set_status(RecorderStatus.OFF if self.camera.mode == RecordMode.OFF else RecorderStatus.WAITING)
        self._thread = threading.Thread(target=self._run, name=f"recorder-{self.camera_id}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Write what is queued, close the open segment, end the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT_S)
            self._thread = None
        self._set_status(RecorderStatus.STOPPED)

    def record_range(self, start_utc: datetime, end_utc: datetime) -> None:
        """Record start_utc − pre-roll … end_utc + post-roll (an alert; motion/events modes). The
        pre-roll comes from the in-memory ring, so it works for moments up to pre-roll_s ago."""
        self._add_window(start_utc.timestamp(), end_utc.timestamp())

    def _add_window(self, start_s: float, end_s: float) -> None:
        with self._lock:
            self._windows.append((start_s - self.settings.preroll_s, end_s + self.settings.postroll_s))

    def _in_window(self, utc_s: float) -> bool:
        with self._lock:
            self._windows = [w for w in self._windows if w[1] >= utc_s - self.settings.preroll_s]
            return any(start <= utc_s <= end for start, end in self._windows)

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Write everything queued so far and close the open segment, so it is on disk and indexed.
        False when the recorder did not get there within timeout_s."""
        if self._thread is None:
            return True
        done = threading.Event()
        try:
            self._queue.put(done, timeout=timeout_s)  # behind the frames already queued
        except queue.Full:
            return False
        return done.wait(timeout_s)

    def stats(self) -> RecorderStats:
        return RecorderStats(
            self.camera_id,
            self._status,
            self.frames_written,
            self.frames_dropped,
            self.frames_paused,
            self.segments,
            self.bytes_written,
            round(1000 * self._encode_s / self.frames_written, 2) if self.frames_written else 0.0,
            self.seconds_recorded,
            self._message,
        )

    # --- recorder thread ------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not (self._stop.is_set() and self._queue.empty()):
                try:
                    item = self._queue.get(timeout=IDLE_WAIT_S)
                except queue.Empty:
                    continue
                if isinstance(item, threading.Event):  # flush(): close the segment now
                    self._close_segment()
                    item.set()
                    continue
                self._handle(*item)
        finally:
            self._close_segment()

    def _handle(self, utc_s: float, image: np.ndarray) -> None:
        mode = self.camera.mode
        if mode == RecordMode.OFF:
            return
        if self._last_utc is not None and utc_s > self._last_utc:
            self._fps_estimate = 0.9 * self._fps_estimate + 0.1 / (utc_s - self._last_utc)
        self._last_utc = utc_s
        image = apply_privacy_masks(image, [m.points for m in self.camera.masks])
        if mode == RecordMode.MOTION:
            motion = self._motion.detect(image)
            if motion.moving and not motion.recalibrated:
                self._add_window(utc_s, utc_s)
        if mode != RecordMode.ALWAYS and not self._in_window(utc_s):
            self._close_segment()
            self._set_status(RecorderStatus.WAITING)
            self._ring.append((utc_s, image))
            while self._ring and self._ring[0][0] < utc_s - self.settings.preroll_s:
                self._ring.popleft()
            return
        pending = [f for f in self._ring if self._in_window(f[0])] + [(utc_s, image)]
        self._ring.clear()
        for when, picture in pending:
            self._write(when, picture)

    def _write(self, utc_s: float, image: np.ndarray) -> None:
        writer = self._writer
        if writer is not None and (
            utc_s - writer.first_utc.timestamp() >= self.settings.segment_s
            or (image.shape[1] - image.shape[1] % 2, image.shape[0] - image.shape[0] % 2)
            != (writer.width, writer.height)
        ):
            self._close_segment()
            writer = None
        if writer is None:
            if not self._may_open_segment():
                self.frames_paused += 1
                return
            try:
                writer = SegmentWriter(
                    self.root,
                    self.camera_id,
                    from_epoch(utc_s),
                    image.shape[1],
                    image.shape[0],
                    self._fps_estimate,
                    self.settings.crf,
                    self.settings.preset,
                )
            except (OSError, av.error.FFmpegError) as exc:
                self._fail(exc)
                return
            self._writer = writer
        try:
            writer.write(image, from_epoch(utc_s))
        except (OSError, av.error.FFmpegError) as exc:
            self._writer = None
            writer.abort()
            self._fail(exc)
            return
        self.frames_written += 1
        self._set_status(RecorderStatus.RECORDING)

    def _close_segment(self) -> None:
        writer, self._writer = self._writer, None
        if writer is None:
            return
        try:
            segment = writer.close()
        except (OSError, av.error.FFmpegError) as exc:
            writer.abort()
            self._fail(exc)
            return
        finally:
            self._encode_s += writer.encode_s
        if segment is None:
            return
        self.segments += 1
        self.bytes_written += segment.bytes
        self.seconds_recorded += segment.duration_s
        if self.on_segment is not None:
            try:
                self.on_segment(segment)
            except Exception:  # the file is safe on disk; the index is rebuilt at the next start
                log.exception("indexing segment %s failed", segment.path)

    def _may_open_segment(self) -> bool:
        """False while paused after a full disk or an error (retried every SPACE_RECHECK_S)."""
        now = time.monotonic()
        if now < self._retry_at:
            return False
        if self.space_ok is not None and not self.space_ok():
            self._retry_at = now + SPACE_RECHECK_S
            self._set_status(RecorderStatus.DISK_FULL)
            return False
        return True

    def _fail(self, exc: Exception) -> None:
        self._retry_at = time.monotonic() + SPACE_RECHECK_S
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            self._set_status(RecorderStatus.DISK_FULL, str(exc))
        else:
            log.error("camera %s: recording failed: %s", self.camera_id, exc)
            self._set_status(RecorderStatus.ERROR, str(exc))

    def _set_status(self, status: RecorderStatus, message: str = "") -> None:
        if status == self._status and message == self._message:
            return
        self._status, self._message = status, message
        if self.on_status is not None:
            self.on_status(self.camera_id, status, message)

    @property
    def status(self) -> RecorderStatus:
        return self._status

    @property
    def open_segment_since(self) -> datetime | None:
        writer = self._writer
        return writer.first_utc if writer is not None else None
