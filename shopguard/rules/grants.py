"""What the rules need from other packages, as Protocols: valid QR entries (access) and sales (sales).

Times are epoch seconds. The access and sales packages implement these; tests/fakes/rules.py fakes them."""

from __future__ import annotations

from typing import Protocol


class GrantSource(Protocol):
    def grant_times(self, start_ts: float, end_ts: float) -> list[float]:
        """Epoch seconds of valid QR entries (door opened for a pass) in [start_ts, end_ts]."""
        ...


class SaleSource(Protocol):
    def sale_times(self, start_ts: float, end_ts: float) -> list[float]:
        """Epoch seconds of completed sales in [start_ts, end_ts]."""
        ...
