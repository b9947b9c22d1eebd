"""OwnerMainWindow: the camera grid the owner watches; paints the newest results on a timer."""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QMainWindow, QTabWidget, QWidget

from shopguard.context import AppContext
from shopguard.services.camera_worker import CameraWorker
from shopguard.ui.pages import discover_pages
from shopguard.ui.widgets.camera_tile import CameraTileWidget
from shopguard.vision.sources import SourceStatus

PAINT_INTERVAL_MS = 50  # 20 Hz


class OwnerMainWindow(QMainWindow):
    def __init__(
        self, shop_name: str, timezone: str, notice: str = "", context: AppContext | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle(f"ShopGuard — {shop_name}")
        self.timezone = timezone
        self.tiles: dict[str, CameraTileWidget] = {}
        self.workers: dict[str, CameraWorker] = {}
        self._versions: dict[str, int] = {}
        self._grid = QGridLayout()
        self._grid.setSpacing(4)
        self._grid.setContentsMargins(4, 4, 4, 4)
        grid_page = QWidget()
        grid_page.setLayout(self._grid)
        self.tabs = QTabWidget()
        self.tabs.addTab(grid_page, "카메라 Cameras")
        self.pages: dict[str, QWidget] = {}
        if context is not None:
            for spec in discover_pages():
                page = spec.factory(context)
                self.pages[spec.key] = page
                self.tabs.addTab(page, f"{spec.title_ko} {spec.title_en}")
        self.setCentralWidget(self.tabs)
        self.notice = QLabel(notice)
        self.notice.setWordWrap(True)
        self.statusBar().addPermanentWidget(self.notice, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(PAINT_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        self.resize(1280, 800)

    def add_camera(self, camera_id: str, name: str, worker: CameraWorker | None) -> CameraTileWidget:
        tile = CameraTileWidget(camera_id, name, self.timezone)
        self.tiles[camera_id] = tile
        if worker is not None:
            self.workers[camera_id] = worker
            worker.status_changed.connect(self._on_status)
            worker.failed.connect(self._on_failed)
        self._relayout()
        return tile

    def _relayout(self) -> None:
        columns = max(1, math.ceil(math.sqrt(len(self.tiles))))
        for index, tile in enumerate(self.tiles.values()):
            self._grid.addWidget(tile, index // columns, index % columns)

    def start(self) -> None:
        for worker in self.workers.values():
            worker.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        for worker in self.workers.values():
            worker.stop()

    def refresh(self) -> None:
        for camera_id, worker in self.workers.items():
            view, version = worker.latest()
            if view is not None and version != self._versions.get(camera_id):
                self._versions[camera_id] = version
                self.tiles[camera_id].show_view(view)

    def _on_status(self, camera_id: str, status: str) -> None:
        self.tiles[camera_id].set_status(SourceStatus(status))

    def _on_failed(self, camera_id: str, message: str) -> None:
        self.tiles[camera_id].set_status(SourceStatus.OFFLINE, message)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt override)
        self.stop()
        super().closeEvent(event)
