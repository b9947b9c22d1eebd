"""The door station: frame → QR → verdict → door controller → entry log with snapshot. DoorLoop runs
it on one plain thread of its own (no Qt); the door screen reads `latest()` and drains `take_events()`."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from shopguard.access.door import DoorController
from shopguard.access.entry_log import EntryLog, EntryRecord
from shopguard.access.keys import ShopKey, load_or_create_key
from shopguard.access.passes import PassRepository
from shopguard.access.policy import DoorPolicy, evaluate, utc_now
from shopguard.access.qr import QrReader
from shopguard.access.verdict import Reason, Verdict
from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.vision.cv import cv2
from shopguard.vision.sources import FrameSource, SourceStatus

REPEAT_IGNORE_S = 3.0  # the same code held in view is one attempt, not one per frame
SNAPSHOT_JPEG_QUALITY = 85
IDLE_WAIT_S = 0.05
STOP_TIMEOUT_S = 5.0
MAX_PENDING_EVENTS = 50


@dataclass(frozen=True)
class DoorEvent:
    verdict: Verdict
    record: EntryRecord


class DoorStation:
    def __init__(
        self,
        key: ShopKey,
        passes: PassRepository,
        log: EntryLog,
        controller: DoorController,
        policy: DoorPolicy,
        snapshot_dir: Path | None,
        camera: str = "door",
        unlock_s: float = 5.0,
        reader: QrReader | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.key = key
        self.passes = passes
        self.log = log
        self.controller = controller
        self.policy = policy
        self.snapshot_dir = snapshot_dir
        self.camera = camera
        self.unlock_s = unlock_s
        self.reader = reader or QrReader()
        self.clock = clock
        self._last_text = ""
        self._last_seen: datetime | None = None

    def check(self, text: str, now: datetime) -> Verdict:
        """Decide and, for a grant, count the use atomically (a race loses with USED/PASSBACK)."""
        verdict = evaluate(text, self.key, self.passes.get, self.policy, now)
        if (
            verdict.granted
            and verdict.pass_id is not None
            and not self.passes.record_use(verdict.pass_id, now, self.policy.passback_s)
        ):
            entry = self.passes.get(verdict.pass_id)
            reason = Reason.USED if entry is not None and entry.one_time else Reason.PASSBACK
            verdict = Verdict.deny(reason, verdict.pass_id, verdict.name)
        return verdict

    def process(self, image: np.ndarray) -> DoorEvent | None:
        """One frame; an event when a code was shown (not again while the same code stays in view)."""
        text = self.reader.read(image)
        if not text:
            return None
        now = self.clock()
        if (
            text == self._last_text
            and self._last_seen is not None
            and (now - self._last_seen).total_seconds() < REPEAT_IGNORE_S
        ):
            self._last_seen = now
            return None
        self._last_text, self._last_seen = text, now
        verdict = self.check(text, now)
        if verdict.granted:
            self.controller.unlock(self.unlock_s)
        snapshot = self._save_snapshot(image, now, verdict)
        record = self.log.record(verdict, now, self.camera, snapshot)
        return DoorEvent(verdict, record)

    def _save_snapshot(self, image: np.ndarray, now: datetime, verdict: Verdict) -> str | None:
        if self.snapshot_dir is None:
            return None
        local = self.policy.local_time(now)
        folder = self.snapshot_dir / local.strftime("%Y-%m-%d")
        outcome = "granted" if verdict.granted else verdict.reason.value
        name = f"{local:%H%M%S_%f}-{outcome}-{verdict.pass_id or 0}.jpg"
        ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, SNAPSHOT_JPEG_QUALITY])
        if not ok:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data.tobytes())
        return str(path)


class DoorLoop:
    """Runs on its own thread: read a frame, process it, poll the door; publishes the newest frame
    and every event. Stops with `stop()` (an Event), or when a file/fake source ends."""

    def __init__(self, source: FrameSource, station: DoorStation) -> None:
        self.source = source
        self.station = station
        self.problem = ""  # the last error, in plain words, for the screen
        self.frames = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._latest: np.ndarray | None = None
        self._version = 0
        self._events: deque[DoorEvent] = deque(maxlen=MAX_PENDING_EVENTS)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="door-loop", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT_S)
            self._thread = None

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def latest(self) -> tuple[np.ndarray | None, int]:
        with self._lock:
            return self._latest, self._version

    def take_events(self) -> list[DoorEvent]:
        with self._lock:
            events = list(self._events)
            self._events.clear()
        return events

    def _run(self) -> None:
        try:
            self.source.open()
        except ShopGuardError as exc:
            self.problem = str(exc)
            return
        try:
            while not self._stop.is_set():
                self.station.controller.poll()
                frame = self.source.read()
                if frame is None:
                    if self.source.status == SourceStatus.ENDED:
                        return
                    self._stop.wait(IDLE_WAIT_S)
                    continue
                self.frames += 1
                try:
                    event = self.station.process(frame.image)
                    self.problem = ""
                except ShopGuardError as exc:
                    event, self.problem = None, str(exc)
                with self._lock:
                    self._latest = frame.image
                    self._version += 1
                    if event is not None:
                        self._events.append(event)
        finally:
            self.source.close()
            self.station.controller.poll()


def build_station(
    context: AppContext,
    controller: DoorController,
    camera: str = "door",
    clock: Callable[[], datetime] = utc_now,
) -> DoorStation:
    """A station wired from the app context: the shop key in the data dir, passes, entry log."""
    access = context.settings.access
    db = context.db
    return DoorStation(
        key=load_or_create_key(context.paths.root),
        passes=PassRepository(db),
        log=EntryLog(db),
        controller=controller,
        policy=DoorPolicy.from_settings(access, context.settings.shop.timezone),
        snapshot_dir=context.paths.snapshots / "door",
        camera=camera,
        unlock_s=access.unlock_s,
        reader=QrReader(access.reader_region),
        clock=clock,
    )
