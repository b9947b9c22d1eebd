"""The alerts repository: newest first, filters, acknowledge/dismiss with a note in the DB and ledger."""

from __future__ import annotations

import pytest

from shopguard.errors import ShopGuardError
from shopguard.services.alert_store import AlertFilter, AlertStatus, AlertStore
from shopguard.storage.audit import list_audit, verify_chain


def _fill(store: AlertStore) -> None:
    store.insert("door", "fall", "critical", "2025-01-01T10:00:00.000+00:00", track_ids=(3,))
    store.insert("shelf", "loiter", "warning", "2025-01-01T11:00:00.000+00:00")
    store.insert("door", "door_in", "info", "2025-01-01T12:00:00.000+00:00")
    store.insert("door", "intrusion", "warning", "2025-01-01T09:00:00.000+00:00")


def test_newest_first_without_info_events(db) -> None:
    store = AlertStore(db)
    _fill(store)
    alerts = store.list()
    assert [a.type for a in alerts] == ["loiter", "fall", "intrusion"]
    assert alerts[1].track_ids == (3,)


def test_filters_by_type_camera_and_open(db) -> None:
    store = AlertStore(db)
    _fill(store)
    assert [a.type for a in store.list(AlertFilter(camera_ids=("door",)))] == ["fall", "intrusion"]
    assert [a.camera_id for a in store.list(AlertFilter(types=("loiter",)))] == ["shelf"]
    fall = store.list(AlertFilter(types=("fall",)))[0]
    store.close(fall.id, AlertStatus.DISMISSED, "", "owner")
    assert "fall" not in [a.type for a in store.list(AlertFilter(include_closed=False))]


def test_acknowledge_keeps_the_note_and_writes_the_ledger(db) -> None:
    store = AlertStore(db)
    _fill(store)
    alert = store.list()[0]
    closed = store.close(alert.id, AlertStatus.ACKNOWLEDGED, "  called the customer  ", "owner")
    assert closed.status is AlertStatus.ACKNOWLEDGED
    assert closed.note == "called the customer"
    entries = list_audit(db, action="alert.acknowledged")
    assert [(e.actor, e.target, e.detail["note"]) for e in entries] == [
        ("owner", f"event:{alert.id}", "called the customer")
    ]
    assert verify_chain(db).ok


def test_closing_a_missing_alert_says_so(db) -> None:
    with pytest.raises(ShopGuardError, match="999"):
        AlertStore(db).close(999, AlertStatus.ACKNOWLEDGED, "", "owner")
