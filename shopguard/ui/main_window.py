"""OwnerMainWindow: the camera grid (1–9 tiles, click to enlarge) beside the alerts panel, a banner
for critical alerts, and the pages from ui/views as tabs. Paints the newest results on a timer;
camera work happens on the workers' threads."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.services.alert_store import Alert
from shopguard.services.alerts import AlertService
from shopguard.services.camera_health import CameraHealth
from shopguard.services.camera_worker import CameraWorker
from shopguard.ui.i18n import current_language
from shopguard.ui.pages import discover_pages
from shopguard.ui.widgets.alert_table_model import alert_title, local_time
from shopguard.ui.widgets.camera_tile import CameraTileWidget

PAINT_INTERVAL_MS = 50  # 20 Hz
CLOCK_REPAINT_S = 1.0  # tiles without new frames still tick their clock and badge
MAX_CAMERAS = 9
ALERTS_PANEL_PX = 430

CameraFactory = Callable[[CameraSettings], CameraWorker]


class OwnerMainWindow(QMainWindow):
    def __init__(
        self,
        settings: AppSettings,
        context: AppContext | None = None,
        alerts: AlertService | None = None,
        notice: str = "",
        camera_factory: CameraFactory | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.context = context
        self.alerts = alerts
        self.camera_factory = camera_factory
        self.setWindowTitle(f"ShopGuard — {settings.shop.name}")
        self.tiles: dict[str, CameraTileWidget] = {}
        self.workers: dict[str, CameraWorker] = {}
        self.enlarged: str | None = None
        self._versions: dict[str, int] = {}
        self._last_clock = 0.0
        self._banner_alert: Alert | None = None
        self._camera_settings = {camera.id: camera for camera in settings.cameras}
        if context is not None:
            context.services["cameras"] = self.workers
            if alerts is not None:
                context.services["alerts"] = alerts

        self._grid = QGridLayout()
        self._grid.setSpacing(4)
        self._grid.setContentsMargins(4, 4, 4, 4)
        grid_page = QWidget()
        grid_page.setLayout(self._grid)
        self.camera_page = QSplitter(Qt.Orientation.Horizontal)
        self.camera_page.addWidget(grid_page)
        self.alerts_view = None
        if alerts is not None:
            from shopguard.ui.views.alerts import AlertsView

            self.alerts_view = AlertsView(alerts, self.camera_names(), settings.shop.timezone)
            self.alerts_view.review_requested.connect(self.open_review)
            self.camera_page.addWidget(self.alerts_view)
            self.camera_page.setStretchFactor(0, 1)
            self.camera_page.setStretchFactor(1, 0)
            self.camera_page.setSizes([900, ALERTS_PANEL_PX])
            alerts.critical_raised.connect(self.show_banner)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.camera_page, self.tr("Cameras"))
        self.pages: dict[str, QWidget] = {}
        if context is not None:
            for spec in discover_pages():
                page = spec.factory(context)
                self.pages[spec.key] = page
                self.tabs.addTab(page, spec.title(current_language()))
            self._wire_pages()

        self.banner = self._build_banner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.notice = QLabel(notice)
        self.notice.setWordWrap(True)
        self.statusBar().addPermanentWidget(self.notice, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(PAINT_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        self.resize(1280, 800)

    def camera_names(self) -> dict[str, str]:
        return {camera.id: camera.name for camera in self.settings.cameras} | {
            camera_id: tile.name for camera_id, tile in self.tiles.items()
        }

    # --- camera grid -----------------------------------------------------------------------------

    def add_camera(self, camera_id: str, name: str, worker: CameraWorker | None) -> CameraTileWidget:
        if len(self.tiles) >= MAX_CAMERAS and camera_id not in self.tiles:
            raise ShopGuardError(
                f"카메라는 {MAX_CAMERAS}대까지 볼 수 있습니다", f"at most {MAX_CAMERAS} cameras can be shown"
            )
        tile = CameraTileWidget(camera_id, name, self.settings.shop.timezone)
        tile.set_zones(self._zones_for(camera_id))
        tile.clicked.connect(self.toggle_enlarged)
        self.tiles[camera_id] = tile
        if worker is not None:
            self.workers[camera_id] = worker
            worker.failed.connect(self._on_failed)
            if self.alerts is not None:
                worker.events_raised.connect(self.alerts.handle)
        self._relayout()
        return tile

    def remove_camera(self, camera_id: str) -> None:
        worker = self.workers.pop(camera_id, None)
        if worker is not None:
            worker.stop()
        tile = self.tiles.pop(camera_id, None)
        if tile is not None:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self._versions.pop(camera_id, None)
        if self.enlarged == camera_id:
            self.enlarged = None
        self._relayout()

    def _zones_for(self, camera_id: str):
        for entry in self.settings.zones:
            if entry.camera_id == camera_id:
                return list(entry.zones)
        return []

    def _relayout(self) -> None:
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
        columns = max(1, math.ceil(math.sqrt(len(self.tiles))))
        for index, tile in enumerate(self.tiles.values()):
            self._grid.addWidget(tile, index // columns, index % columns)
            tile.setVisible(self.enlarged is None or tile.camera_id == self.enlarged)

    def toggle_enlarged(self, camera_id: str) -> None:
        """A click enlarges a tile to the whole grid; another click shows every camera again."""
        self.enlarged = None if self.enlarged == camera_id else camera_id
        for tile in self.tiles.values():
            tile.setVisible(self.enlarged is None or tile.camera_id == self.enlarged)

    def show_live(self, camera_id: str) -> None:
        self.tabs.setCurrentWidget(self.camera_page)
        if camera_id in self.tiles and self.enlarged != camera_id:
            self.toggle_enlarged(camera_id)

    def start(self) -> None:
        for worker in self.workers.values():
            if not worker.is_running():
                worker.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        for worker in self.workers.values():
            worker.stop()
        # Stopping ends the cameras' open incidents; deliver those last events now, while the
        # alerts and the database are still there (the event loop may already have ended).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
        for page in self.pages.values():
            shutdown = getattr(page, "shutdown", None)
            if shutdown is not None:
                shutdown()

    def refresh(self) -> None:
        now = time.monotonic()
        tick = now - self._last_clock >= CLOCK_REPAINT_S
        if tick:
            self._last_clock = now
        for camera_id, worker in self.workers.items():
            tile = self.tiles[camera_id]
            if tile.health != worker.health:
                tile.set_health(worker.health)
            view, version = worker.latest()
            if view is not None and version != self._versions.get(camera_id):
                self._versions[camera_id] = version
                tile.show_view(view)
            elif tick:
                tile.update()

    def _on_failed(self, camera_id: str, message: str) -> None:
        if camera_id in self.tiles:
            self.tiles[camera_id].set_health(CameraHealth.OFFLINE, message)

    # --- settings changes --------------------------------------------------------------------------

    def apply_zones(self, settings: AppSettings) -> None:
        self.settings = settings
        refresh_rules = getattr(self.camera_factory, "refresh_rules", None)
        if refresh_rules is not None:
            refresh_rules(self.workers, settings)
        for camera_id, tile in self.tiles.items():
            tile.set_zones(self._zones_for(camera_id))

    def apply_settings(self, settings: AppSettings) -> None:
        """Start, stop or restart camera workers so the grid matches the saved cameras."""
        old, self._camera_settings = self._camera_settings, {c.id: c for c in settings.cameras}
        self.settings = settings
        self.setWindowTitle(f"ShopGuard — {settings.shop.name}")
        if self.alerts is not None:
            self.alerts.notifications = settings.notifications
        wanted = {camera.id: camera for camera in settings.cameras if camera.enabled}
        if self.camera_factory is None or not wanted:
            self.apply_zones(settings)
            return
        for camera_id in list(self.tiles):
            if camera_id not in wanted or wanted[camera_id] != old.get(camera_id):
                self.remove_camera(camera_id)
        for camera_id, camera in wanted.items():
            if camera_id not in self.tiles:
                worker = self.camera_factory(camera)
                self.add_camera(camera.id, camera.name, worker)
                if self._timer.isActive():
                    worker.start()
        self.apply_zones(settings)
        if self.alerts_view is not None:
            self.alerts_view.camera_names.clear()
            self.alerts_view.camera_names.update(self.camera_names())

    # --- alerts --------------------------------------------------------------------------------------

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("criticalBanner")
        banner.setStyleSheet(
            "#criticalBanner { background: #c62828; } #criticalBanner QLabel { color: white; "
            "font-size: 15pt; font-weight: bold; }"
        )
        self.banner_text = QLabel("")
        self.banner_text.setWordWrap(True)
        look = QPushButton(self.tr("Look now"))
        close = QPushButton(self.tr("Close"))
        look.clicked.connect(self._banner_review)
        close.clicked.connect(banner.hide)
        row = QHBoxLayout(banner)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.banner_text, 1)
        row.addWidget(look)
        row.addWidget(close)
        banner.hide()
        return banner

    def show_banner(self, alert: Alert) -> None:
        self._banner_alert = alert
        camera = self.camera_names().get(alert.camera_id, alert.camera_id)
        when = local_time(alert.start_utc, self.tiles_zone(), with_date=False)
        self.banner_text.setText(f"⚠ {alert_title(alert.type)} — {camera} {when}")
        self.banner.show()

    def tiles_zone(self):
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.settings.shop.timezone)

    def _banner_review(self) -> None:
        self.banner.hide()
        if self._banner_alert is not None:
            self.open_review(self._banner_alert)

    def open_review(self, alert: Alert) -> None:
        review = self.pages.get("review")
        if review is None:
            self.show_live(alert.camera_id)
            return
        review.show_alert(alert)  # type: ignore[attr-defined]
        self.tabs.setCurrentWidget(review)

    def _wire_pages(self) -> None:
        review = self.pages.get("review")
        if review is not None:
            review.live_requested.connect(self.show_live)  # type: ignore[attr-defined]
        zones = self.pages.get("zones")
        if zones is not None:
            zones.zones_saved.connect(self.apply_zones)  # type: ignore[attr-defined]
        settings = self.pages.get("settings")
        if settings is not None:
            settings.settings_saved.connect(self.apply_settings)  # type: ignore[attr-defined]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.stop()
        super().closeEvent(event)
