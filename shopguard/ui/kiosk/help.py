"""Help requests from the kiosk: an alert row in `events` (camera 'kiosk', type 'help_request') that
the owner's alert list shows, and an audit row. No Qt."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlite_utils

from shopguard.services.alert_store import Alert, AlertStore
from shopguard.storage.audit import record_audit

HELP_CAMERA = "kiosk"
HELP_TYPE = "help_request"
HELP_SEVERITY = "critical"  # a customer waiting alone at night: the owner's chime and banner
REPEAT_S = 60.0  # taps within a minute of the last request do not raise another alert


class HelpDesk:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.store = AlertStore(db)
        self._last: tuple[datetime, Alert] | None = None

    def request(self, screen: str, cart_items: int, now: datetime | None = None) -> Alert:
        """Raise (or, within REPEAT_S of the last one, repeat) the customer's call for help."""
        now = now or datetime.now(UTC)
        if self._last is not None and (now - self._last[0]).total_seconds() < REPEAT_S:
            return self._last[1]
        alert = self.store.insert(
            HELP_CAMERA, HELP_TYPE, HELP_SEVERITY, now.isoformat(timespec="milliseconds")
        )
        record_audit(
            self.db,
            "kiosk",
            "kiosk.help",
            str(alert.id),
            {"screen": screen, "cart_items": cart_items},
            now=now,
        )
        self._last = (now, alert)
        return alert
