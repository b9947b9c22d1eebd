"""Composition root: settings, database, models, camera workers and the owner's window, in order."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from shopguard.config.loader import load_settings
from shopguard.config.settings import DEMO_CAMERA_SOURCE, AppSettings, CameraSettings
from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.paths import DataPaths, data_dir, resource_path
from shopguard.vision.sources import FrameSource, VideoFileSource, open_source

DEMO_CLIP = ("assets", "demo", "one-by-one-person-detection.mp4")
DEMO_ATTRIBUTION = "데모 영상 / demo clip: Intel Corporation, CC BY 4.0"


@dataclass
class Startup:
    """What start-up found, including the problems to tell the owner about (the app still runs)."""

    settings: AppSettings
    cameras: list[CameraSettings]
    problems: list[str]
    demo: bool


def camera_source(camera: CameraSettings) -> FrameSource:
    if camera.source == DEMO_CAMERA_SOURCE:
        return VideoFileSource(resource_path(*DEMO_CLIP), loop=True)
    return open_source(camera.source, loop=True)


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
    from PySide6.QtWidgets import QApplication, QMessageBox

    from shopguard.services.camera_worker import CameraWorker
    from shopguard.storage.database import open_database
    from shopguard.ui.fonts import install_fonts
    from shopguard.ui.main_window import OwnerMainWindow
    from shopguard.vision.factory import build_pipeline, load_models

    check_display()
    paths = DataPaths(data_dir(data_dir_override)).ensure()
    app = QApplication.instance() or QApplication(sys.argv)
    install_fonts(app)
    startup = plan_startup(paths)
    try:
        db = open_database(paths.database, paths.backups)
    except ShopGuardError as exc:
        startup.problems.append(str(exc))
        db = None
    try:
        models = load_models(startup.settings.detection)
    except ShopGuardError as exc:
        startup.problems.append(f"{exc} — AI 분석 없이 영상만 표시합니다 / showing video without AI")
        models = None
    notice = DEMO_ATTRIBUTION if startup.demo else ""
    context = AppContext(paths, startup.settings, db) if db is not None else None
    window = OwnerMainWindow(startup.settings.shop.name, startup.settings.shop.timezone, notice, context)
    for camera in startup.cameras:
        pipeline = build_pipeline(models) if models is not None else None
        worker = CameraWorker(camera.id, camera_source(camera), pipeline)
        window.add_camera(camera.id, camera.name, worker)
    window.show()
    window.start()
    if startup.problems:
        QMessageBox.warning(window, "ShopGuard", "\n\n".join(startup.problems))
    code = app.exec()
    window.stop()
    if db is not None:
        db.conn.close()
    return int(code)
