"""Login and first-run dialogs open big enough: nothing squeezed below the height it needs."""

from __future__ import annotations

from shopguard.security.accounts import Accounts
from shopguard.security.passwords import ScryptCost, SecretKind
from shopguard.ui.dialogs.first_run_dialog import FirstRunDialog
from shopguard.ui.dialogs.login_dialog import LoginDialog
from shopguard.ui.fonts import install_fonts


def _squeezed(dialog) -> list[str]:  # noqa: ANN001
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    widgets = dialog.findChildren(QAbstractButton) + dialog.findChildren(QLineEdit)
    return [
        f"{type(w).__name__} {w.text()!r}: {w.height()} < {w.sizeHint().height()}"
        for w in widgets
        if w.isVisible() and w.height() < w.sizeHint().height()
    ]


def test_first_run_dialog_as_opened(qtbot, qapp, db) -> None:
    install_fonts(qapp)  # the Korean font is taller than the default; that is what squeezed it
    dialog = FirstRunDialog(Accounts(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _squeezed(dialog) == []


def test_login_dialog_as_opened(qtbot, qapp, db) -> None:
    install_fonts(qapp)
    accounts = Accounts(db, cost=ScryptCost(n=2**10))
    accounts.create_owner("사장님", SecretKind.PIN, "482916")
    dialog = LoginDialog(accounts, "우리 가게")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _squeezed(dialog) == []
