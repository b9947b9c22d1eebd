"""Render a view offscreen with demo data to a PNG (docs, checks, the smoke test), in Korean or English."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from shopguard.app import DEMO_ATTRIBUTION
from shopguard.errors import ShopGuardError
from shopguard.services.camera_health import CameraHealth
from shopguard.ui.fonts import install_fonts
from shopguard.ui.i18n import install_translator
from shopguard.ui.pages import discover_screenshots

WINDOW_SIZE = (1366, 768)  # a common shop-PC screen; also try --size 1920x1080
DEMO_HEALTH = {
    "door": CameraHealth.LIVE,
    "shelf": CameraHealth.LIVE,
    "counter": CameraHealth.COVERED,
    "storage": CameraHealth.OFFLINE,
}


def render_main() -> QWidget:
    """Four demo cameras (live, live, covered, offline) with zones, the alerts panel and a banner."""
    from shopguard.context import AppContext
    from shopguard.services.demo import DEMO_CAMERAS, demo_scene, demo_view
    from shopguard.ui.main_window import OwnerMainWindow
    from shopguard.vision.factory import load_models

    scene = demo_scene()
    context = AppContext(scene.paths, scene.settings, scene.db)
    window = OwnerMainWindow(scene.settings, context, scene.alerts, DEMO_ATTRIBUTION)
    models = load_models(pose=False)
    for camera_id, name, moment in DEMO_CAMERAS:
        tile = window.add_camera(camera_id, name, None)
        view = demo_view(moment, models=models)
        if camera_id == "counter":
            view = type(view)(
                view.image * 0 + 40, None, view.wall_ts, view.fps, 0, view.status, CameraHealth.COVERED
            )
        tile.show_view(view)
        tile.set_health(DEMO_HEALTH[camera_id])
    window.show_banner(scene.store.list()[0])
    return window


def all_views() -> dict[str, Callable[[], QWidget]]:
    return {"main": render_main, **discover_screenshots()}


def render_to_png(view: str, out: Path, lang: str = "ko", size: tuple[int, int] = WINDOW_SIZE) -> Path:
    views = all_views()
    if view not in views:
        raise ShopGuardError(
            f"알 수 없는 화면입니다: {view} (가능: {', '.join(views)})",
            f"unknown view {view!r}; choose one of: {', '.join(views)}",
        )
    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    if not install_translator(app, lang):
        raise ShopGuardError(f"언어 파일이 없습니다: {lang}", f"no translation catalogue for {lang!r}")
    widget = views[view]()
    widget.resize(*size)
    widget.show()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out), "PNG"):
        raise ShopGuardError(f"그림 파일을 저장할 수 없습니다: {out}", f"cannot write {out}")
    widget.close()
    return out
