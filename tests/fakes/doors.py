"""A door controller that remembers what it was told (no hardware)."""

from __future__ import annotations

from shopguard.access.door import DoorController


class FakeDoorController(DoorController):
    name = "fake"

    def __init__(self) -> None:
        self.unlock_calls: list[float] = []
        self.polls = 0
        self.closed = False
        self._unlocked = False

    def unlock(self, hold_s: float) -> None:
        self.unlock_calls.append(hold_s)
        self._unlocked = True

    def poll(self) -> None:
        self.polls += 1

    def close(self) -> None:
        self.closed = True
        self._unlocked = False

    @property
    def unlocked(self) -> bool:
        return self._unlocked
