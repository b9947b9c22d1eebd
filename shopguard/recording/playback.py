"""FootagePlayer: plays recorded footage of one camera from a chosen moment, across segment
boundaries, at a chosen speed. Decodes on its own thread; the caller (the GUI thread) only sends
commands and reads the newest frame with `latest()`. Every playback writes an audit row."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import av
import sqlite_utils

from shopguard.recording.footage import FootageFrame, FootageLibrary, read_segment
from shopguard.recording.segments import Segment, utc_iso
from shopguard.storage.audit import record_audit

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
GAP_SKIP_S = 2.0  # a hole between segments (motion/events mode, camera off) is jumped, not waited out
IDLE_WAIT_S = 0.2
STOP_TIMEOUT_S = 5.0
AUDIT_ACTION = "footage.play"
LOOKAHEAD = timedelta(hours=24)  # one seek plays on for at most this long (then seek again)


class FootagePlayer:
    def __init__(self, library: FootageLibrary, audit_db: sqlite_utils.Database, actor: str) -> None:
        self.library = library
        self.audit_db = audit_db
        self.actor = actor
        self.camera_id = ""
        self._cond = threading.Condition()
        self._position: datetime | None = None
        self._segments: list[Segment] = []
        self._playing = False
        self._speed = 1.0
        self._generation = 0
        self._latest: FootageFrame | None = None
        self._version = 0
        self._ended = False
        self._stop = False
        self._thread: threading.Thread | None = None

    # --- commands (any thread; audit rows on the caller's thread) -------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._stop = False
            self._thread = threading.Thread(target=self._run, name="footage-player", daemon=True)
            self._thread.start()

    def close(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT_S)
            self._thread = None

    def seek(self, camera_id: str, moment: datetime, reason: str = "") -> None:
        """Show camera_id from `moment` (playing on if it was playing); audited. Lists the segments
        here, on the caller's thread, so the decoder thread never touches the database."""
        segments = self.library.list_segments(camera_id, moment, moment + LOOKAHEAD)
        with self._cond:
            self.camera_id = camera_id
            self._position = moment
            self._segments = segments
            self._generation += 1
            self._ended = False
            playing = self._playing
            self._cond.notify_all()
        self._audit("seek", moment, playing, reason)

    def play(self, reason: str = "") -> None:
        with self._cond:
            if self._position is None or self._playing:
                return
            self._playing = True
            self._generation += 1  # re-anchor the clock at the current position
            moment = self._position
            self._cond.notify_all()
        self._audit("play", moment, True, reason)

    def pause(self) -> None:
        with self._cond:
            self._playing = False
            self._cond.notify_all()

    def set_speed(self, speed: float) -> None:
        with self._cond:
            self._speed = max(0.1, float(speed))
            self._generation += 1 if self._playing else 0
            self._cond.notify_all()

    # --- reading (any thread) -------------------------------------------------------------------
    def wait_frame(self, after_version: int = 0, timeout_s: float = 5.0) -> bool:
        """Wait until a frame newer than `after_version` is shown (tests, screenshots)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._version > after_version, timeout_s)

    def latest(self) -> tuple[FootageFrame | None, int]:
        with self._cond:
            return self._latest, self._version

    @property
    def position(self) -> datetime | None:
        with self._cond:
            return self._position

    @property
    def playing(self) -> bool:
        with self._cond:
            return self._playing

    @property
    def speed(self) -> float:
        with self._cond:
            return self._speed

    @property
    def ended(self) -> bool:
        """True when playback reached the end of the recorded footage."""
        with self._cond:
            return self._ended

    def _audit(self, what: str, moment: datetime, playing: bool, reason: str) -> None:
        record_audit(
            self.audit_db,
            self.actor,
            AUDIT_ACTION,
            self.camera_id,
            {
                "from_utc": utc_iso(moment),
                "via": what,
                "playing": playing,
                "speed": self._speed,
                "why": reason,
            },
        )

    # --- decoder thread -------------------------------------------------------------------------
    def _run(self) -> None:
        generation = -1
        frames: Iterator[FootageFrame] | None = None
        anchor_wall = anchor_utc = None
        previous_utc: datetime | None = None
        while True:
            with self._cond:
                if self._stop:
                    return
                if self._generation != generation:
                    generation = self._generation
                    if self._position is None:
                        self._cond.wait(IDLE_WAIT_S)
                        continue
                    frames = self._frames_from(self._position)
                    anchor_wall, anchor_utc, previous_utc = None, None, None
                    need_one = True  # a seek shows its first frame even when paused
                else:
                    need_one = False
                if not self._playing and not need_one:
                    self._cond.wait(IDLE_WAIT_S)
                    continue
                speed = self._speed
            item = next(frames, None) if frames is not None else None
            with self._cond:
                if generation != self._generation:
                    continue  # a command arrived while decoding; that frame is stale
                if item is None:
                    self._ended = True
                    self._playing = False
                    frames = None
                    continue
            gap_s = (item.utc - previous_utc).total_seconds() if previous_utc else 0.0
            if anchor_utc is None or gap_s > GAP_SKIP_S:
                anchor_wall, anchor_utc = time.monotonic(), item.utc
            previous_utc = item.utc
            delay = (item.utc - anchor_utc).total_seconds() / speed - (time.monotonic() - anchor_wall)
            with self._cond:
                if delay > 0 and self._playing and not need_one:
                    self._cond.wait(delay)
                if generation != self._generation or self._stop:
                    continue
                self._latest = item
                self._version += 1
                self._position = item.utc
                self._cond.notify_all()

    def _frames_from(self, moment: datetime) -> Iterator[FootageFrame]:
        """Frames from `moment` on; files deleted by retention meanwhile are skipped."""
        with self._cond:
            segments = [s for s in self._segments if s.end_utc > moment]
        for segment in segments:
            try:
                yield from read_segment(segment.path, moment, None)
            except (av.error.FFmpegError, OSError):
                continue
