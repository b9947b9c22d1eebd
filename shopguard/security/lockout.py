"""Lockout after repeated wrong PINs: a few free tries, then waits that double up to a ceiling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    free_attempts: int = 5  # wrong tries allowed before the first wait
    first_lock_s: float = 30.0
    max_lock_s: float = 15 * 60.0

    def lock_seconds(self, failures: int) -> float:
        """How long to wait after the `failures`-th wrong try in a row (0 = no wait yet)."""
        if failures < self.free_attempts:
            return 0.0
        doublings = min(failures - self.free_attempts, 32)
        return min(self.first_lock_s * (2**doublings), self.max_lock_s)

    def locked_until(self, failures: int, now: datetime) -> datetime | None:
        seconds = self.lock_seconds(failures)
        return now + timedelta(seconds=seconds) if seconds > 0 else None


DEFAULT_POLICY = LockoutPolicy()


def remaining_s(locked_until: datetime | None, now: datetime) -> float:
    """Seconds left on a lock, 0 when none or expired."""
    if locked_until is None:
        return 0.0
    return max((locked_until - now).total_seconds(), 0.0)
