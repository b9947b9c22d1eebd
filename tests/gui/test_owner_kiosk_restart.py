"""A kiosk PC set to start in kiosk mode comes back as the kiosk, not the owner's window."""

from __future__ import annotations

from shopguard.config.loader import save_settings
from shopguard.config.settings import AppSettings
from shopguard.paths import DataPaths


def test_start_in_kiosk_setting_opens_the_kiosk(qapp, private_data_dir, monkeypatch) -> None:
    settings = AppSettings()
    settings.kiosk.start_in_kiosk = True
    save_settings(settings, DataPaths(private_data_dir).config)
    opened = []
    monkeypatch.setattr(
        "shopguard.ui.kiosk.launch.run_kiosk_app", lambda data_dir=None: opened.append(data_dir) or 7
    )
    from shopguard.app import run_owner_app

    assert run_owner_app() == 7
    assert opened == [None]
