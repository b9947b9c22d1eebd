"""What the rules need from other packages, as Protocols: valid QR entries (access) and sales (sales).

Times are epoch seconds. The access and sales packages implement these; tests use the fakes below."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class GrantSource(Protocol):
    def grant_times(self, start_ts: float, end_ts: float) -> list[float]:
        """Epoch seconds of valid QR entries (door opened for a pass) in [start_ts, end_ts]."""
        ...


class SaleSource(Protocol):
    def sale_times(self, start_ts: float, end_ts: float) -> list[float]:
        """Epoch seconds of completed sales in [start_ts, end_ts]."""
        ...


class FixedTimes:
    """A GrantSource and SaleSource over a fixed list of times (tests, `analyze --grants`)."""

    def __init__(self, times: Iterable[float] = ()) -> None:
        self.times = sorted(times)

    def add(self, ts: float) -> None:
        self.times.append(ts)
        self.times.sort()

    def _between(self, start_ts: float, end_ts: float) -> list[float]:
        return [t for t in self.times if start_ts <= t <= end_ts]

    def grant_times(self, start_ts: float, end_ts: float) -> list[float]:
        return self._between(start_ts, end_ts)

    def sale_times(self, start_ts: float, end_ts: float) -> list[float]:
        return self._between(start_ts, end_ts)
