"""Composition root: settings, language, database, models, alerts, recording, camera workers and the
owner's window, in that order."""

from __future__ import annotations

import logging
import signal
import sys
from dataclasses import dataclass

from shopguard.config.loader import load_settings
from shopguard.config.settings import DEMO_CAMERA_SOURCE, AppSettings, CameraSettings
from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.paths import DataPaths, data_dir

DEMO_ATTRIBUTION = "데모 영상 / demo clip: Intel Corporation, CC BY 4.0"
log = logging.getLogger(__name__)


@dataclass
class Startup:
    """What start-up found, including the problems to tell the owner about (the app still runs)."""

    settings: AppSettings
    cameras: list[CameraSettings]
    problems: list[str]
    demo: bool


def plan_startup(paths: DataPaths) -> Startup:
    problems: list[str] = []
    try:
        settings = load_settings(paths.config)
    except ShopGuardError as exc:
        problems.append(f"{exc} — 기본 설정으로 시작합니다 / starting with default settings")
        settings = AppSettings()
    cameras = [c for c in settings.cameras if c.enabled]
    demo = not cameras
    if demo:
        cameras = [CameraSettings(id="demo", name="데모 카메라 Demo", source=DEMO_CAMERA_SOURCE)]
    return Startup(settings, cameras, problems, demo)


def check_display() -> None:
    """Say plainly when there is no screen instead of letting Qt abort."""
    import os

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        raise ShopGuardError(
            "화면(디스플레이)이 없습니다. 모니터가 연결된 PC에서 실행하거나 xvfb-run 으로 실행하세요.",
            "no display found; run on a desktop session or under xvfb-run",
        )


def run_owner_app(data_dir_override: str | None = None) -> int:
    check_display()  # before Qt loads: say plainly there is no screen
    from PySide6.QtWidgets import QApplication, QMessageBox

    from shopguard.recording.service import RecordingService
    from shopguard.services.alert_store import AlertStore
    from shopguard.services.alerts import AlertService
    from shopguard.services.camera_factory import CameraFactory
    from shopguard.storage.database import connect, open_database
    from shopguard.ui.dialogs.login_dialog import LoginDialog
    from shopguard.ui.fonts import install_fonts
    from shopguard.ui.i18n import install_translator
    from shopguard.ui.main_window import OwnerMainWindow
    from shopguard.vision.factory import load_models

    paths = DataPaths(data_dir(data_dir_override)).ensure()
    app = QApplication.instance() or QApplication(sys.argv)
    install_fonts(app)
    startup = plan_startup(paths)
    if startup.settings.kiosk.start_in_kiosk:  # a kiosk PC comes back as the kiosk after a restart
        from shopguard.ui.kiosk.launch import run_kiosk_app

        return run_kiosk_app(data_dir_override)
    settings = startup.settings
    if not install_translator(app, settings.language):
        startup.problems.append("언어 파일이 없어 영어로 표시합니다 / translation missing, showing English")
    try:
        db = open_database(paths.database, paths.backups)
    except ShopGuardError as exc:  # without its database the shop cannot run: say why and stop
        QMessageBox.critical(None, "ShopGuard", str(exc))
        return 2
    rules_db = connect(paths.database)
    try:
        models = load_models(settings.detection)
    except ShopGuardError as exc:
        startup.problems.append(f"{exc} — AI 분석 없이 영상만 표시합니다 / showing video without AI")
        models = None
    recording = None
    if settings.recording.enabled:
        recording = RecordingService(paths.recordings, paths.database, settings.recording)
    context = AppContext(paths, settings, db)
    if LoginDialog.ask(context) is None:  # makes the owner's account at first start; None = quit
        rules_db.conn.close()
        db.conn.close()
        return 0
    clip_requester = recording.on_event if recording is not None else None
    alerts = AlertService(
        AlertStore(db), paths.snapshots, settings.notifications, context.actor, clip_requester=clip_requester
    )
    factory = CameraFactory(paths, settings, models, rules_db, recording)
    context.services["camera_factory"] = factory
    if recording is not None:
        context.services["recording"] = recording
    notice = DEMO_ATTRIBUTION if startup.demo else ""
    window = OwnerMainWindow(settings, context, alerts, notice, camera_factory=factory)
    for camera in startup.cameras:
        window.add_camera(camera.id, camera.name, factory(camera))
    window.showMaximized()
    if recording is not None:
        recording.start()
    window.start()
    alerts.start_polling()
    # A shutdown or `kill` ends the event loop normally, so the open recording segment is closed
    # and kept (Python runs the handler on the GUI thread at the next timer tick).
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    if startup.problems:
        QMessageBox.warning(window, "ShopGuard", "\n\n".join(startup.problems))
    code = app.exec()
    alerts.stop_polling()
    window.stop()
    if recording is not None:
        recording.close()
    rules_db.conn.close()
    db.conn.close()
    return int(code)
