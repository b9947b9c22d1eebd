"""RecordingService: one SegmentRecorder per camera plus a housekeeping thread of its own
(retention, free-space check, event clips). Uses its own SQLite connection, shared by the recorder
threads for single-statement writes; never touches Qt. Status goes out through plain callbacks."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from shopguard.config.recording import RecordingSettings
from shopguard.errors import ShopGuardError
from shopguard.recording.footage import Clip, FootageLibrary
from shopguard.recording.locks import EvidenceLock
from shopguard.recording.recorder import RecorderStats, RecorderStatus, SegmentRecorder
from shopguard.recording.retention import MB, RetentionResult, enforce_retention
from shopguard.recording.segments import Segment, SegmentIndex, from_epoch
from shopguard.storage.database import connect
from shopguard.vision.sources import Frame

log = logging.getLogger(__name__)

RETENTION_INTERVAL_S = 300.0
TICK_S = 1.0
STOP_TIMEOUT_S = 10.0
CLIPS_FOLDER = "clips"  # media/clips/<camera>/event-<id>.mp4, beside media/recordings

StatusCallback = Callable[[str, RecorderStatus, str], None]
AlertCallback = Callable[[bool, str, str], None]  # disk full?, Korean, English


@dataclass(frozen=True)
class PendingClip:
    due_utc: datetime
    camera_id: str
    start_utc: datetime
    end_utc: datetime
    event_id: int | None


class RecordingService:
    def __init__(
        self,
        recordings_root: Path,
        database_file: Path,
        settings: RecordingSettings,
        on_status: StatusCallback | None = None,
        on_alert: AlertCallback | None = None,
        clock: Callable[[], float] = time.time,
        disk_usage: Callable[[Path], Any] = shutil.disk_usage,
    ) -> None:
        self.root = recordings_root
        self.clips_root = recordings_root.parent / CLIPS_FOLDER
        self.data_root = recordings_root.parent.parent
        self.database_file = database_file
        self.settings = settings
        self.on_status = on_status
        self.on_alert = on_alert
        self.clock = clock
        self.disk_usage = disk_usage
        self.recorders: dict[str, SegmentRecorder] = {}
        self.disk_full = False
        self.last_retention: RetentionResult | None = None
        self._db = connect(database_file)
        self.library = FootageLibrary(self._db, recordings_root)
        self._retention_lock = threading.Lock()
        self._pending: list[PendingClip] = []
        self._pending_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = False

    # --- wiring ---------------------------------------------------------------------------------
    def recorder(self, camera_id: str) -> SegmentRecorder:
        """The camera's recorder (made on first use, started if the service already runs)."""
        recorder = self.recorders.get(camera_id)
        if recorder is None:
            recorder = SegmentRecorder(
                camera_id,
                self.root,
                self.settings,
                on_segment=self._index_segment,
                space_ok=self.space_ok,
                on_status=self.on_status,
                clock=self.clock,
            )
            self.recorders[camera_id] = recorder
            if self._started:
                recorder.start()
        return recorder

    def sink(self, camera_id: str) -> Callable[[Frame], None]:
        """For `CameraWorker.frame_sinks`: `worker.frame_sinks.append(service.sink(camera_id))`."""
        return self.recorder(camera_id).sink

    def start(self) -> None:
        """Tidy up after a crash (index vs disk), apply retention once, start every recorder."""
        if self._started or not self.settings.enabled:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        added, dropped = SegmentIndex(self._db, self.root).reconcile()
        if added or dropped:
            log.info("recordings reconciled: %d files indexed, %d missing rows dropped", added, dropped)
        self.run_retention()
        self._started = True
        for recorder in self.recorders.values():
            recorder.start()
        self._stop.clear()
        self._thread = threading.Thread(target=self._housekeeping, name="recording-housekeeping", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT_S)
            self._thread = None
        for recorder in self.recorders.values():
            recorder.stop()
        self._started = False

    def close(self) -> None:
        self.stop()
        self._db.conn.close()

    # --- events, clips, locks -------------------------------------------------------------------
    def on_event(
        self,
        camera_id: str,
        start_utc: datetime,
        end_utc: datetime | None = None,
        event_id: int | None = None,
    ) -> None:
        """An alert was raised: record around it (events mode) and, when event_id is given, cut
        its clip (pre-roll + event + post-roll) once the post-roll has passed; the clip's path goes
        into `events.clip_path`, relative to the data folder."""
        end = end_utc or start_utc
        self.recorder(camera_id).record_range(start_utc, end)
        if event_id is None:
            return
        pre, post = timedelta(seconds=self.settings.preroll_s), timedelta(seconds=self.settings.postroll_s)
        due = end + post + timedelta(seconds=1)
        clip = PendingClip(due, camera_id, start_utc - pre, end + post, event_id)
        with self._pending_lock:
            self._pending.append(clip)

    def make_event_clip(self, camera_id: str, start_utc: datetime, end_utc: datetime, out: Path) -> Clip:
        """Like FootageLibrary.make_event_clip, but first closes the open segment when the range
        reaches into it, so footage up to this moment is included."""
        recorder = self.recorders.get(camera_id)
        if recorder is not None:
            since = recorder.open_segment_since
            if since is not None and since < end_utc:
                recorder.flush()
        return self.library.make_event_clip(camera_id, start_utc, end_utc, out)

    def lock_range(
        self, camera_id: str, start_utc: datetime, end_utc: datetime, reason: str, actor: str = "system"
    ) -> EvidenceLock:
        return self.library.lock_range(camera_id, start_utc, end_utc, reason, actor)

    def unlock(self, lock_id: int) -> bool:
        return self.library.unlock(lock_id)

    # --- space ----------------------------------------------------------------------------------
    def run_retention(self) -> RetentionResult:
        with self._retention_lock:
            result = enforce_retention(
                SegmentIndex(self._db, self.root),
                self.library.locks(),
                self.settings,
                from_epoch(self.clock()),
                self.disk_usage,
            )
        self.last_retention = result
        if result.deleted:
            log.info("retention deleted %d segments (%d MB)", result.deleted, result.freed_bytes // MB)
        return result

    def space_ok(self) -> bool:
        """Enough free space to open a new segment? Runs retention first when short; raises the
        disk-full alert when even that cannot free enough (everything left is locked or not ours)."""
        reserve = self.settings.reserve_free_mb * MB
        ok = self._free() >= reserve
        if not ok:
            self.run_retention()
            ok = self._free() >= reserve
        self._set_disk_full(not ok)
        return ok

    def _free(self) -> int:
        return int(self.disk_usage(self.root).free)

    def _set_disk_full(self, full: bool) -> None:
        if full == self.disk_full:
            return
        self.disk_full = full
        if self.on_alert is None:
            return
        if full:
            self.on_alert(
                True,
                "녹화 저장 공간이 부족해 녹화를 멈췄습니다. 보존 잠금을 풀거나 디스크를 비워 주세요.",
                "recording paused: the disk is full; release evidence locks or free disk space",
            )
        else:
            self.on_alert(False, "저장 공간이 확보되어 녹화를 다시 시작합니다.", "disk space available again")

    def stats(self) -> list[RecorderStats]:
        return [r.stats() for r in self.recorders.values()]

    # --- housekeeping thread --------------------------------------------------------------------
    def _index_segment(self, segment: Segment) -> None:
        SegmentIndex(self._db, self.root).add(segment)

    def _housekeeping(self) -> None:
        next_retention = time.monotonic() + RETENTION_INTERVAL_S
        while not self._stop.wait(TICK_S):
            if time.monotonic() >= next_retention:
                next_retention = time.monotonic() + RETENTION_INTERVAL_S
                try:
                    self.run_retention()
                except OSError as exc:
                    log.error("retention failed: %s", exc)
            self._cut_due_clips()

    def _cut_due_clips(self) -> None:
        now = from_epoch(self.clock())
        with self._pending_lock:
            due = [c for c in self._pending if c.due_utc <= now]
            self._pending = [c for c in self._pending if c.due_utc > now]
        for clip in due:
            out = self.clips_root / clip.camera_id / f"event-{clip.event_id}.mp4"
            try:
                made = self.make_event_clip(clip.camera_id, clip.start_utc, clip.end_utc, out)
            except (ShopGuardError, OSError) as exc:
                log.error("clip for event %s failed: %s", clip.event_id, exc)
                continue
            relative = made.path.relative_to(self.data_root).as_posix()
            self._db.execute("UPDATE events SET clip_path = ? WHERE id = ?", [relative, clip.event_id])
