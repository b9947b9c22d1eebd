"""A help request from the kiosk, running as its own process, reaches the owner's alerts."""

from __future__ import annotations

from shopguard.services.alert_store import AlertStore
from shopguard.services.alerts import AlertService
from shopguard.storage.database import connect
from shopguard.ui.kiosk.help import HelpDesk


def test_kiosk_help_from_another_connection_rings_the_owner(qtbot, db, tmp_path) -> None:
    alerts = AlertService(AlertStore(db), tmp_path / "snapshots")
    banners, added = [], []
    alerts.critical_raised.connect(banners.append)
    alerts.alert_added.connect(added.append)
    kiosk_db = connect(db.conn.execute("PRAGMA database_list").fetchone()[2])  # the kiosk's own link
    HelpDesk(kiosk_db).request("cart", cart_items=2)
    alerts.start_polling()
    try:
        qtbot.waitUntil(lambda: bool(banners), timeout=5000)
    finally:
        alerts.stop_polling()
    assert [a.type for a in added] == ["help_request"] and banners[0].camera_id == "kiosk"
    assert alerts.player.played >= 1
    assert alerts.poll_external() == []  # announced once, not on every poll
    kiosk_db.conn.close()
