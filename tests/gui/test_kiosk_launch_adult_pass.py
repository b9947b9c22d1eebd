"""The standalone kiosk checks adult QR passes at night when the shop has set up passes."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from shopguard.access.keys import load_or_create_key
from shopguard.paths import DataPaths
from shopguard.sales.adult_pass import AccessAdultPassChecker
from shopguard.sales.age import NoAdultPassChecker
from shopguard.security.accounts import Accounts
from shopguard.security.passwords import ScryptCost, SecretKind
from shopguard.storage.database import open_database


def _launch(monkeypatch, data_dir) -> object:
    paths = DataPaths(data_dir).ensure()
    db = open_database(paths.database, paths.backups)
    Accounts(db, cost=ScryptCost(n=2**10)).create_owner("사장님", SecretKind.PIN, "482916")
    db.conn.close()
    seen = {}

    class FakeKiosk:
        def __init__(self, service, *args, **kwargs) -> None:  # noqa: ANN001
            seen["checker"] = service.pass_checker

        def showFullScreen(self) -> None:  # noqa: N802
            pass

    monkeypatch.setattr("shopguard.ui.kiosk.window.KioskWindow", FakeKiosk)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    from shopguard.ui.kiosk.launch import run_kiosk_app

    assert run_kiosk_app() == 0
    return seen["checker"]


def test_kiosk_uses_the_shops_passes(qapp, monkeypatch, private_data_dir) -> None:
    load_or_create_key(DataPaths(private_data_dir).root)  # passes set up
    assert isinstance(_launch(monkeypatch, private_data_dir), AccessAdultPassChecker)


def test_kiosk_without_passes_cannot_verify_anyone(qapp, monkeypatch, private_data_dir) -> None:
    assert isinstance(_launch(monkeypatch, private_data_dir), NoAdultPassChecker)
