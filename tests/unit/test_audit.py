"""The audit ledger: hash chain holds, edits and deletions are refused or detected."""

from __future__ import annotations

import sqlite3

import pytest

from shopguard.storage.audit import list_audit, record_audit, verify_chain


def test_rows_chain_and_verify(db) -> None:
    first = record_audit(db, "owner", "login")
    second = record_audit(db, "owner", "clip.play", "cam1", {"from": "10:00"})
    assert second.prev_hash == first.row_hash
    assert [e.action for e in list_audit(db)] == ["login", "clip.play"]
    assert verify_chain(db).ok


def test_update_and_delete_are_refused(db) -> None:
    record_audit(db, "owner", "login")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE audit_log SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM audit_log")


def test_tampering_behind_the_triggers_is_detected(db) -> None:
    for i in range(3):
        record_audit(db, "owner", "export", f"case-{i}")
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET target = 'case-x' WHERE id = 2")
    report = verify_chain(db)
    assert not report.ok and report.first_bad_id == 2
