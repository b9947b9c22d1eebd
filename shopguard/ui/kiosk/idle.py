"""IdleWatch: when a customer has gone quiet, warn first, then time out. Pure logic on a given clock
(seconds, e.g. time.monotonic); the kiosk window asks it on a timer tick."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class IdlePhase(StrEnum):
    OFF = "off"  # nothing to lose (the start screen with an empty cart)
    ACTIVE = "active"
    WARNING = "warning"  # ask "more time?"; the customer can extend with one tap
    EXPIRED = "expired"  # the warning ran out: start over


@dataclass(frozen=True)
class IdleState:
    phase: IdlePhase
    seconds_left: float  # until the warning (ACTIVE) or until the time-out (WARNING)


class IdleWatch:
    def __init__(self, idle_s: float, warning_s: float) -> None:
        self.idle_s = idle_s
        self.warning_s = warning_s
        self.extensions = 0
        self._since: float | None = None
        self._warned_at: float | None = None

    def arm(self, now: float, idle_s: float | None = None) -> None:
        """Start (or restart) watching from `now`, e.g. on a new screen."""
        if idle_s is not None:
            self.idle_s = idle_s
        self._since = now
        self._warned_at = None

    def disarm(self) -> None:
        self._since = None
        self._warned_at = None

    def touch(self, now: float) -> None:
        """The customer did something: restart the quiet period (not while the warning is up)."""
        if self._since is not None and self._warned_at is None:
            self._since = now

    def extend(self, now: float) -> None:
        """The one-tap 'more time' on the warning: as often as the customer likes."""
        if self._since is not None:
            self.extensions += 1
            self._since = now
            self._warned_at = None

    def state(self, now: float) -> IdleState:
        if self._since is None:
            return IdleState(IdlePhase.OFF, 0.0)
        if self._warned_at is None:
            quiet = now - self._since
            if quiet < self.idle_s:
                return IdleState(IdlePhase.ACTIVE, self.idle_s - quiet)
            self._warned_at = now  # the warning starts when it is first seen: never shortened by a late tick
        left = self.warning_s - (now - self._warned_at)
        if left > 0:
            return IdleState(IdlePhase.WARNING, left)
        return IdleState(IdlePhase.EXPIRED, 0.0)
