"""Sales as the rules see them: `SaleSource.sale_times` (shopguard.rules.grants) over the shop database."""

from __future__ import annotations

import sqlite_utils

from shopguard.sales.transaction import iso_from_epoch, parse_utc


class StoredSaleTimes:
    """Epoch seconds of completed sales in [start_ts, end_ts]. Voided sales are left out (the void says
    the sale did not really happen); refunded sales count (the customer paid at that moment)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def sale_times(self, start_ts: float, end_ts: float) -> list[float]:
        rows = self.db.execute(
            "SELECT ts_utc FROM sales s WHERE ts_utc >= ? AND ts_utc <= ? AND NOT EXISTS "
            "(SELECT 1 FROM sale_reversals r WHERE r.sale_id = s.id AND r.kind = 'void') ORDER BY ts_utc",
            [iso_from_epoch(start_ts), iso_from_epoch(end_ts)],
        ).fetchall()
        return [parse_utc(r[0]).timestamp() for r in rows]
