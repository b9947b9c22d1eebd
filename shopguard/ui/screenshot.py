"""Render a view offscreen with demo data to a PNG (docs, checks, the smoke test)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from shopguard.app import DEMO_ATTRIBUTION, DEMO_CLIP
from shopguard.errors import ShopGuardError
from shopguard.paths import resource_path
from shopguard.services.camera_worker import CameraView
from shopguard.ui.fonts import install_fonts
from shopguard.ui.main_window import OwnerMainWindow
from shopguard.ui.pages import discover_screenshots
from shopguard.vision.factory import build_pipeline, load_models
from shopguard.vision.sources import SourceStatus, VideoFileSource

DEMO_MOMENT_S = 80.0  # a moment of the demo clip with a person clearly in view
WINDOW_SIZE = (1280, 800)


def demo_view(moment_s: float = DEMO_MOMENT_S, warmup_s: float = 2.0) -> CameraView:
    """The demo clip analysed up to `moment_s`, so tracks have their ids as they would live."""
    models = load_models(pose=False)
    pipeline = build_pipeline(models)
    result = None
    image = None
    fps = 0.0
    with VideoFileSource(resource_path(*DEMO_CLIP)) as source:
        fps = source.fps
        while (frame := source.read()) is not None:
            if frame.ts < moment_s - warmup_s:
                continue
            result = pipeline.process(frame.image, frame.ts)
            image = frame.image
            if frame.ts >= moment_s:
                break
    if image is None:
        raise ShopGuardError("데모 영상을 읽을 수 없습니다", "cannot read the demo clip")
    return CameraView(
        image=image,
        result=result,
        wall_ts=time.time(),
        fps=fps,
        dropped=0,
        status=SourceStatus.LIVE,
    )


def render_main() -> QWidget:
    window = OwnerMainWindow("우리 무인점포", "Asia/Seoul", DEMO_ATTRIBUTION)
    view = demo_view()
    tile = window.add_camera("demo", "데모 카메라 Demo", None)
    tile.show_view(view)
    return window


def all_views() -> dict[str, Callable[[], QWidget]]:
    return {"main": render_main, **discover_screenshots()}


def render_to_png(view: str, out: Path) -> Path:
    views = all_views()
    if view not in views:
        raise ShopGuardError(
            f"알 수 없는 화면입니다: {view} (가능: {', '.join(views)})",
            f"unknown view {view!r}; choose one of: {', '.join(views)}",
        )
    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    widget = views[view]()
    widget.resize(*WINDOW_SIZE)
    widget.show()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out), "PNG"):
        raise ShopGuardError(f"그림 파일을 저장할 수 없습니다: {out}", f"cannot write {out}")
    widget.close()
    return out
