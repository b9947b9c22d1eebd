"""Every audited action of the features present writes a ledger row that names who and what, and the
ledger viewer labels it in Korean (features not present yet are skipped)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shopguard.storage.audit import action_label_ko, list_audit, verify_chain


def test_pass_issue_and_revoke_are_in_the_ledger(db) -> None:
    passes = pytest.importorskip("shopguard.access.passes")
    book = passes.PassRepository(db)
    now = datetime.now(UTC)
    entry = book.issue("사장님", "단골손님", True, now, now + timedelta(days=30))
    book.revoke(entry.id, "사장님", "분실 lost")
    rows = [(e.actor, e.action, e.target) for e in list_audit(db)]
    assert ("사장님", "pass.issue", f"pass:{entry.id}") in rows
    assert ("사장님", "pass.revoke", f"pass:{entry.id}") in rows
    assert verify_chain(db).ok


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("login.ok", "로그인"),
        ("footage.play", "영상 열람"),
        ("footage.view_snapshot", "영상 열람"),
        ("settings.save", "설정 변경"),
        ("pass.issue", "출입증 발급"),
        ("pass.revoke", "출입증 취소"),
        ("something.new", "something.new"),
    ],
)
def test_viewer_labels(action: str, label: str) -> None:
    assert action_label_ko(action) == label
