"""ReviewView: one alert's snapshot and, when the recorder made one, its clip: play, step frames,
jump to the live camera. Decoding runs on ClipLoader's thread; viewing footage is audited."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from shopguard.context import AppContext
from shopguard.services.alert_store import Alert
from shopguard.services.clip_loader import ClipFrames, ClipLoader
from shopguard.storage.audit import record_audit
from shopguard.ui.pages import PageSpec
from shopguard.ui.widgets.alert_table_model import alert_title, local_time, offset_label
from shopguard.ui.widgets.frame_view import FrameView


class ReviewView(QWidget):
    live_requested = Signal(str)  # camera id

    def __init__(self, context: AppContext | None, camera_names: dict[str, str] | None = None) -> None:
        super().__init__()
        self.context = context
        self.camera_names = camera_names or (
            {c.id: c.name for c in context.settings.cameras} if context is not None else {}
        )
        self.zone = ZoneInfo(context.settings.shop.timezone if context is not None else "Asia/Seoul")
        self.alert: Alert | None = None
        self.clip: ClipFrames | None = None
        self.position = 0
        self.loader = ClipLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)

        self.title = QLabel(self.tr("Open an alert from the alerts panel to review it here."))
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.info = QLabel("")
        self.info.setWordWrap(True)
        self.picture = FrameView()
        self.back_button = QPushButton(self.tr("◀ Frame"))
        self.play_button = QPushButton(self.tr("Play"))
        self.forward_button = QPushButton(self.tr("Frame ▶"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.position_label = QLabel("")
        self.live_button = QPushButton(self.tr("Live camera"))
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.forward_button.clicked.connect(lambda: self.step(1))
        self.play_button.clicked.connect(self.toggle_play)
        self.slider.valueChanged.connect(self.seek)
        self.live_button.clicked.connect(self._go_live)
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, lambda: self.step(-1))
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, lambda: self.step(1))
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.toggle_play)
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.step(1, wrap=False))

        controls = QHBoxLayout()
        for widget in (self.back_button, self.play_button, self.forward_button):
            controls.addWidget(widget)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.position_label)
        controls.addWidget(self.live_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addWidget(self.picture, 1)
        layout.addLayout(controls)
        self._set_clip_controls(False)
        self.live_button.setEnabled(False)

    def resolve(self, path: str | None) -> str | None:
        """Media paths are stored absolute or relative to the data folder (the recorder's clips)."""
        if not path:
            return None
        if Path(path).is_absolute() or self.context is None:
            return path
        return str(self.context.paths.root / path)

    def show_alert(self, alert: Alert) -> None:
        alerts = self.context.services.get("alerts") if self.context is not None else None
        if alerts is not None:
            alert = alerts.store.get(alert.id)  # the recorder may have added the clip since
        self._timer.stop()
        self.loader.cancel()
        self.alert, self.clip, self.position = alert, None, 0
        camera = self.camera_names.get(alert.camera_id, alert.camera_id)
        self.title.setText(f"{alert_title(alert.type)} — {camera}")
        when = local_time(alert.start_utc, self.zone)
        parts = [f"{when} ({offset_label(self.zone)})"]
        if alert.note:
            parts.append(self.tr("Note: %1").replace("%1", alert.note))
        self.info.setText("   ".join(parts))
        self.live_button.setEnabled(True)
        self._set_clip_controls(False)
        snapshot_path, clip_path = self.resolve(alert.snapshot_path), self.resolve(alert.clip_path)
        snapshot = QImage(snapshot_path) if snapshot_path else QImage()
        self.picture.set_image(snapshot if not snapshot.isNull() else None)
        if clip_path:
            self.position_label.setText(self.tr("Loading the clip…"))
            self.loader.load(clip_path)
        else:
            self.position_label.setText(self.tr("No clip recorded for this alert; showing its snapshot."))
            if snapshot.isNull():
                self.picture.set_placeholder(self.tr("No picture was saved for this alert."))
        self._audit("footage.view_snapshot", {"snapshot": alert.snapshot_path or ""})

    def _audit(self, action: str, detail: dict) -> None:
        if self.context is not None and self.alert is not None:
            record_audit(self.context.db, self.context.actor, action, f"event:{self.alert.id}", detail)

    def _on_loaded(self, clip: ClipFrames) -> None:
        if self.alert is None or clip.path != self.resolve(self.alert.clip_path):
            return
        self.clip = clip
        self.slider.blockSignals(True)
        self.slider.setRange(0, len(clip) - 1)
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self._set_clip_controls(True)
        self._timer.setInterval(max(10, round(1000 / clip.fps)))
        self.seek(0)
        self._audit("footage.view_clip", {"clip": clip.path})

    def _on_failed(self, path: str, message: str) -> None:
        if self.alert is not None and path == self.resolve(self.alert.clip_path):
            self.position_label.setText(message)

    def _set_clip_controls(self, enabled: bool) -> None:
        for widget in (self.back_button, self.play_button, self.forward_button, self.slider):
            widget.setEnabled(enabled)

    def seek(self, index: int) -> None:
        if self.clip is None:
            return
        self.position = max(0, min(index, len(self.clip) - 1))
        image = QImage.fromData(self.clip.jpegs[self.position], "JPG")
        self.picture.set_image(image)
        if self.slider.value() != self.position:
            self.slider.blockSignals(True)
            self.slider.setValue(self.position)
            self.slider.blockSignals(False)
        t = self.clip.times_s[self.position] - self.clip.times_s[0]
        self.position_label.setText(
            f"{t:5.1f} / {self.clip.duration_s:.1f} s  ({self.position + 1}/{len(self.clip)})"
        )

    def step(self, delta: int, wrap: bool = True) -> None:
        if self.clip is None:
            return
        if not wrap and self.position + delta >= len(self.clip):
            self.toggle_play()
            return
        self.seek(self.position + delta)

    def toggle_play(self) -> None:
        if self.clip is None:
            return
        if self._timer.isActive():
            self._timer.stop()
            self.play_button.setText(self.tr("Play"))
        else:
            if self.position >= len(self.clip) - 1:
                self.seek(0)
            self._timer.start()
            self.play_button.setText(self.tr("Pause"))

    def _go_live(self) -> None:
        if self.alert is not None:
            self._timer.stop()
            self.live_requested.emit(self.alert.camera_id)

    def shutdown(self) -> None:
        self._timer.stop()
        self.loader.cancel()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)


def _page(context: AppContext) -> QWidget:
    return ReviewView(context)


def _screenshot() -> QWidget:
    from shopguard.services.clip_loader import decode_clip
    from shopguard.services.demo import demo_scene

    scene = demo_scene()
    view = ReviewView(None, scene.camera_names)
    alert = scene.store.list()[0]
    view.show_alert(alert)
    view.loader.cancel()
    view._on_loaded(decode_clip(alert.clip_path))  # at once: a screenshot cannot wait for the thread
    view.seek(len(view.clip) // 2) if view.clip else None
    return view


PAGE = PageSpec("review", "검토", "Review", 20, _page)
SCREENSHOTS = {"review": _screenshot}
