"""Security screens as a user meets them: first start, login with lockout, the ledger page, the notice."""

from __future__ import annotations

import errno
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from shopguard.config.settings import AppSettings
from shopguard.context import AppContext
from shopguard.paths import DataPaths
from shopguard.security.accounts import Accounts
from shopguard.security.audit_csv import read_audit_csv
from shopguard.security.lockout import LockoutPolicy
from shopguard.security.passwords import ScryptCost, SecretKind
from shopguard.security.permissions import Role
from shopguard.security.session import current_user, set_current_user
from shopguard.storage.audit import get_review, list_audit, record_audit
from shopguard.ui.dialogs.first_run_dialog import FirstRunDialog
from shopguard.ui.dialogs.login_dialog import LoginDialog
from shopguard.ui.views.audit import COL_ACTION, AuditView
from shopguard.ui.views.pipa_notice import PNG_NAME, PipaNoticeView

FAST = ScryptCost(n=2**10)


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def context(db, private_data_dir) -> AppContext:
    return AppContext(DataPaths(private_data_dir).ensure(), AppSettings(), db)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(db, clock) -> Accounts:
    acc = Accounts(db, clock=clock, policy=LockoutPolicy(free_attempts=2, first_lock_s=30), cost=FAST)
    owner = acc.create_owner("사장님", SecretKind.PIN, "482916")
    acc.add_user(owner, "알바", Role.STAFF, SecretKind.PIN, "135790")
    return acc


def test_first_run_makes_the_owner_and_logs_in(qtbot, db) -> None:
    dialog = FirstRunDialog(Accounts(db, cost=FAST))
    qtbot.addWidget(dialog)
    dialog.secret_edit.setText("48291")  # five digits
    dialog.confirm_edit.setText("48291")
    dialog.create()
    assert "6" in dialog.message.text() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.secret_edit.setText("482916")
    dialog.confirm_edit.setText("482917")
    dialog.create()
    assert "differ" in dialog.message.text()
    dialog.confirm_edit.setText("482916")
    dialog.create()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.user.role == Role.OWNER
    assert [e.action for e in list_audit(db)] == ["user.create", "login.ok"]


def test_pin_field_takes_only_six_digits(qtbot, accounts) -> None:
    dialog = LoginDialog(accounts)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.secret_edit, "12a34567")
    assert dialog.secret_edit.text() == "123456"


def test_wrong_pins_lock_the_login_button_until_the_wait_is_over(qtbot, accounts, clock) -> None:
    dialog = LoginDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.name_box.setCurrentIndex(dialog.name_box.findData("알바"))
    for _ in range(2):
        qtbot.keyClicks(dialog.secret_edit, "000001")
        dialog.login_button.click()
    assert "30" in dialog.message.text()
    assert not dialog.login_button.isEnabled() and "30" in dialog.login_button.text()
    clock.now += timedelta(seconds=31)
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=3000)
    qtbot.keyClicks(dialog.secret_edit, "135790")
    dialog.login_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.user.name == "알바"


def test_ask_stores_the_user_in_the_context(qtbot, monkeypatch, accounts, context) -> None:
    monkeypatch.setattr(LoginDialog, "exec", lambda self: self._fake_login())

    def fake_login(self):
        self.user = accounts.authenticate("사장님", "482916")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LoginDialog, "_fake_login", fake_login, raising=False)
    user = LoginDialog.ask(context)
    assert user is not None and context.actor == "사장님" and current_user(context).id == user.id


def test_ledger_page_review_and_export(qtbot, accounts, context, tmp_path) -> None:
    set_current_user(context, accounts.get("사장님"))
    record_audit(context.db, "사장님", "clip.play", "event:1")
    view = AuditView(context)
    qtbot.addWidget(view)
    assert "intact" in view.chain_label.text()
    actions = [view.model.index(r, COL_ACTION).data() for r in range(view.model.rowCount())]
    assert "영상 재생 (clip.play)" in actions
    month = view.current_month()
    view.review_box.click()
    assert get_review(context.db, month).reviewer == "사장님"
    assert view.review_box.isChecked() and not view.review_box.isEnabled()
    out = tmp_path / "ledger.csv"
    view.ask_export_path = lambda suggested: out
    view.export_button.click()
    assert "rows" in view.message.text()
    rows = read_audit_csv(out.read_text(encoding="utf-8-sig"))
    assert "audit.review" in [r.action for r in rows]


def test_staff_sees_the_ledger_page_closed(qtbot, accounts, context) -> None:
    set_current_user(context, accounts.authenticate("알바", "135790"))
    view = AuditView(context)
    qtbot.addWidget(view)
    assert "owner" in view.denied.text() and view.model.rowCount() == 0


def test_notice_page_saves_pdf_and_png(qtbot, context) -> None:
    context.settings.shop.manager_contact = "010-1234-5678"
    view = PipaNoticeView(context)
    qtbot.addWidget(view)
    assert view.warnings.text() == ""
    view.save_button.click()
    pdf = context.paths.exports / "cctv-notice.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and (context.paths.exports / PNG_NAME).stat().st_size > 10_000
    assert "saved" in view.result.text()


def test_notice_page_says_plainly_when_the_disk_is_full(qtbot, context, monkeypatch) -> None:
    view = PipaNoticeView(context)
    qtbot.addWidget(view)
    assert "contact" in view.warnings.text()  # the manager's contact is not set yet

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "open", full)
    view.save_button.click()
    assert "디스크 공간이 부족합니다" in view.result.text() and "disk is full" in view.result.text()
    assert not list(context.paths.exports.glob("*"))
