"""Run the real owner's app (`run_owner_app`) offscreen until a condition holds, then quit it;
message boxes are recorded instead of blocking. Shared by the security integration tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

POLL_MS = 100
GIVE_UP_S = 120.0


@dataclass
class AppRun:
    code: int | None = None
    messages: list[str] = field(default_factory=list)
    reached: bool = False
    screenshot: Path | None = None
    tiles: dict = field(default_factory=dict)


def run_app_until(
    monkeypatch: pytest.MonkeyPatch,
    done: Callable[[object], bool],
    screenshot: Path | None = None,
) -> AppRun:
    """Start the app, wait until `done(window)` is true (or give up), grab the window, quit."""
    from shopguard.app import run_owner_app
    from shopguard.ui.dialogs.login_dialog import LoginDialog
    from shopguard.ui.main_window import OwnerMainWindow

    run = AppRun()

    def record(parent, title, text, *args, **kwargs):  # noqa: ANN001
        run.messages.append(str(text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, context: auto_login(context)))
    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "critical", record)
    monkeypatch.setattr(QMessageBox, "information", record)
    app = QApplication.instance() or QApplication([])
    started = time.monotonic()
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def poll() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, OwnerMainWindow) and w.isVisible()]
        if windows and done(windows[0]):
            run.reached = True
            run.tiles = dict(windows[0].tiles)
            if screenshot is not None:
                windows[0].grab().save(str(screenshot), "PNG")
                run.screenshot = screenshot
            timer.stop()
            windows[0].close()
            app.quit()
        elif time.monotonic() - started > GIVE_UP_S:
            timer.stop()
            for window in windows:
                window.close()
            app.quit()

    timer.timeout.connect(poll)
    timer.start()
    try:
        run.code = run_owner_app(None)
    finally:
        timer.stop()
    return run


def frames_shown(window) -> bool:  # noqa: ANN001
    return bool(window.tiles) and all(tile.frames_shown > 0 for tile in window.tiles.values())


def auto_login(context):  # noqa: ANN001, ANN201
    """Stands in for the login dialog once app.py asks for it: the owner, made on first use."""
    from shopguard.security.accounts import Accounts
    from shopguard.security.passwords import ScryptCost, SecretKind
    from shopguard.security.session import set_current_user

    accounts = Accounts(context.db, cost=ScryptCost(n=2**10))
    if accounts.needs_owner():
        accounts.create_owner("사장님", SecretKind.PIN, "482916")
    user = accounts.authenticate("사장님", "482916")
    set_current_user(context, user)
    return user
