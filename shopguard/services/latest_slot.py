"""A slot of size one between threads: the newest item wins, older ones are dropped and counted."""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class LatestSlot(Generic[T]):
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._item: T | None = None
        self._version = 0
        self.dropped = 0

    def put(self, item: T) -> None:
        with self._cond:
            if self._item is not None:
                self.dropped += 1
            self._item = item
            self._version += 1
            self._cond.notify_all()

    def take(self, timeout_s: float) -> T | None:
        """Remove and return the newest item, waiting up to timeout_s for one."""
        with self._cond:
            if self._item is None:
                self._cond.wait(timeout_s)
            item, self._item = self._item, None
            return item

    def peek(self) -> tuple[T | None, int]:
        """The newest item without removing it, and a version number that changes on every put."""
        with self._cond:
            return self._item, self._version
