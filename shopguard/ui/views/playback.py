"""PlaybackView: the owner picks a camera and a moment and plays recorded footage — play, pause,
seek, speed — across segment boundaries, with event markers on a timeline. Decoding runs on the
FootagePlayer's thread; this view only sends commands and paints the newest frame on a timer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopguard.context import AppContext
from shopguard.recording.footage import FootageLibrary
from shopguard.recording.playback import SPEEDS, FootagePlayer
from shopguard.recording.recorder import STATUS_TEXT
from shopguard.recording.timeline import Timeline, load_timeline
from shopguard.ui.pages import PageSpec
from shopguard.ui.widgets.frame_view import FrameView
from shopguard.ui.widgets.timeline import OTHER_EVENT, PLAYHEAD, RECORDED, TimelineWidget

PAINT_INTERVAL_MS = 50
STEP_S = 10
STATS_EVERY_TICKS = 20  # once a second
SPANS = (
    ("하루 Day", timedelta(hours=24)),
    ("1시간 Hour", timedelta(hours=1)),
    ("10분 10 min", timedelta(minutes=10)),
)


class PlaybackView(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.zone = ZoneInfo(context.settings.shop.timezone)
        self.library = FootageLibrary(context.db, context.paths.recordings)
        self.player = FootagePlayer(self.library, context.db, context.actor)
        self._version = -1
        self._image_ref = None  # keeps the numpy buffer alive while the QImage points at it

        self.camera_box = QComboBox()
        self.camera_box.setAccessibleName("camera")
        self.when_edit = QDateTimeEdit()
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.when_edit.setCalendarPopup(True)
        self.go_button = QPushButton("이동 Go")
        self.span_box = QComboBox()
        for label, _span in SPANS:
            self.span_box.addItem(label)
        top = QHBoxLayout()
        for widget in (QLabel("카메라 Camera"), self.camera_box, QLabel("시각 Time"), self.when_edit):
            top.addWidget(widget)
        top.addWidget(self.go_button)
        top.addStretch(1)
        top.addWidget(QLabel("보기 View"))
        top.addWidget(self.span_box)

        self.frame_view = FrameView("카메라와 시각을 고르세요 / pick a camera and a time")
        self.timeline_widget = TimelineWidget(context.settings.shop.timezone)
        legend = QLabel(
            f'<span style="color:{RECORDED.name()}">■</span> 녹화됨 recorded &nbsp; '
            f'<span style="color:{OTHER_EVENT.name()}">▼</span> 이벤트 event &nbsp; '
            f'<span style="color:{PLAYHEAD.name()}">|</span> 재생 위치 position'
        )

        self.back_button = QPushButton(f"◀◀ {STEP_S}초")
        self.play_button = QPushButton("▶ 재생 Play")
        self.play_button.setMinimumWidth(160)
        self.forward_button = QPushButton(f"{STEP_S}초 ▶▶")
        self.speed_box = QComboBox()
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.status_label = QLabel("")
        self.recording_label = QLabel("")
        self.recording_label.setWordWrap(True)
        self._ticks = 0
        controls = QHBoxLayout()
        for widget in (self.back_button, self.play_button, self.forward_button, QLabel("속도 Speed")):
            controls.addWidget(widget)
        controls.addWidget(self.speed_box)
        controls.addWidget(self.status_label, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.frame_view, 1)
        layout.addWidget(self.timeline_widget)
        layout.addWidget(legend)
        layout.addLayout(controls)
        layout.addWidget(self.recording_label)

        self.go_button.clicked.connect(self._go)
        self.camera_box.currentIndexChanged.connect(lambda _i: self._go())
        self.span_box.currentIndexChanged.connect(lambda _i: self.reload_timeline())
        self.timeline_widget.seek_requested.connect(self.seek)
        self.play_button.clicked.connect(self.toggle_play)
        self.back_button.clicked.connect(lambda: self.step(-STEP_S))
        self.forward_button.clicked.connect(lambda: self.step(STEP_S))
        self.speed_box.currentIndexChanged.connect(
            lambda _i: self.player.set_speed(self.speed_box.currentData())
        )
        self._timer = QTimer(self)
        self._timer.setInterval(PAINT_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)

        self.reload_cameras()
        self.when_edit.setDateTime(self._to_qt(self._latest_footage() or datetime.now(UTC)))
        self.player.start()
        self._timer.start()

    # --- choices --------------------------------------------------------------------------------
    def reload_cameras(self) -> None:
        names = {c.id: c.name for c in self.context.settings.cameras}
        ids = list(dict.fromkeys([*names, *self.library.cameras()]))
        self.camera_box.blockSignals(True)
        self.camera_box.clear()
        for camera_id in ids:
            self.camera_box.addItem(names.get(camera_id, camera_id), camera_id)
        self.camera_box.blockSignals(False)

    @property
    def camera_id(self) -> str:
        return self.camera_box.currentData() or ""

    def _latest_footage(self) -> datetime | None:
        segments = self.library.list_segments(self.camera_id or None)
        return segments[-1].start_utc if segments else None

    def _to_qt(self, moment: datetime) -> QDateTime:
        local = moment.astimezone(self.zone)
        return QDateTime(
            QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
        )

    def _from_qt(self, value: QDateTime) -> datetime:
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), tzinfo=self.zone)

    # --- commands -------------------------------------------------------------------------------
    def _go(self) -> None:
        self.seek(self._from_qt(self.when_edit.dateTime()).astimezone(UTC))

    def seek(self, moment: datetime) -> None:
        """Show the camera from `moment` (or the next recorded moment after it); audited."""
        if not self.camera_id:
            return
        self._timeline_for(moment)
        timeline = self.timeline_widget.timeline
        target = timeline.next_recorded(moment) if timeline is not None else None
        if target is None:
            later = self.library.list_segments(self.camera_id, moment, moment + timedelta(days=1))
            target = later[0].start_utc if later else None
        if target is None:
            self.frame_view.set_image(None)
            self.frame_view.set_placeholder(
                "이 시각 이후 녹화가 없습니다 / nothing recorded from this time on"
            )
            self.timeline_widget.set_playhead(moment)
            return
        self.player.actor = self.context.actor
        self.player.seek(self.camera_id, target)
        self.when_edit.setDateTime(self._to_qt(target))
        self.timeline_widget.set_playhead(target)
        self._timeline_for(target)

    def toggle_play(self) -> None:
        if self.player.playing:
            self.player.pause()
        else:
            if self.player.position is None or self.player.camera_id != self.camera_id:
                self._go()
            self.player.actor = self.context.actor
            self.player.play()
        self._show_state()

    def step(self, seconds: float) -> None:
        position = self.player.position or self._from_qt(self.when_edit.dateTime())
        self.seek(position + timedelta(seconds=seconds))

    # --- timeline -------------------------------------------------------------------------------
    def _span(self) -> timedelta:
        return SPANS[max(0, self.span_box.currentIndex())][1]

    def _timeline_for(self, moment: datetime) -> None:
        """Make the timeline show the span around `moment` (local days; hours, minutes)."""
        current = self.timeline_widget.timeline
        if (
            current is not None
            and current.camera_id == self.camera_id
            and current.start_utc <= moment < current.end_utc
        ):
            return
        span = self._span()
        local = moment.astimezone(self.zone)
        if span >= timedelta(hours=24):
            start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        else:
            seconds = int(span.total_seconds())
            since_midnight = local.hour * 3600 + local.minute * 60 + local.second
            start = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(
                seconds=since_midnight - since_midnight % seconds
            )
        self._load(start.astimezone(UTC), start.astimezone(UTC) + span)

    def reload_timeline(self) -> None:
        self.timeline_widget.timeline = None
        self._timeline_for(self.player.position or self._from_qt(self.when_edit.dateTime()))

    def _load(self, start: datetime, end: datetime) -> Timeline:
        timeline = load_timeline(self.library, self.context.db, self.camera_id, start, end)
        self.timeline_widget.set_timeline(timeline)
        return timeline

    # --- painting -------------------------------------------------------------------------------
    def refresh(self) -> None:
        item, version = self.player.latest()
        if item is not None and version != self._version:
            self._version = version
            image = item.image
            self._image_ref = image
            height, width = image.shape[:2]
            qimage = QImage(image.data, width, height, image.strides[0], QImage.Format.Format_BGR888)
            self.frame_view.set_image(qimage)
            self.timeline_widget.set_playhead(item.utc)
            self._timeline_for(item.utc)
        self._show_state()
        self._ticks += 1
        if self._ticks % STATS_EVERY_TICKS == 1:
            self.show_recording_stats()

    def show_recording_stats(self) -> None:
        """One line per camera from the running RecordingService (context.services["recording"])."""
        service = self.context.services.get("recording")
        parts = []
        if service is not None:
            for stats in service.stats():
                ko, en = STATUS_TEXT[stats.status]
                parts.append(
                    f"{stats.camera_id}: {ko} {en} · {stats.encode_ms_per_frame:.1f} ms/frame · "
                    f"{stats.mb_per_hour:.0f} MB/h · 누락 dropped {stats.frames_dropped}"
                )
        total_gb = self.library.index.total_bytes() / 1e9
        parts.append(f"보관 중 stored {total_gb:.1f} GB")
        self.recording_label.setText("녹화 Recording — " + " | ".join(parts))

    def _show_state(self) -> None:
        playing = self.player.playing
        self.play_button.setText("⏸ 일시정지 Pause" if playing else "▶ 재생 Play")
        position = self.player.position
        if position is None:
            self.status_label.setText("")
            return
        local = position.astimezone(self.zone)
        state = f"재생 중 playing {self.player.speed:g}×" if playing else "정지 paused"
        if self.player.ended:
            state = "녹화 끝 end of footage"
        offset = local.strftime("%z")
        self.status_label.setText(f"{local:%Y-%m-%d %H:%M:%S} ({offset[:3]}:{offset[3:]}) · {state}")

    def shutdown(self) -> None:
        self._timer.stop()
        self.player.close()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)


def _page(context: AppContext) -> QWidget:
    return PlaybackView(context)


def demo_context(folder: Path) -> AppContext:
    """A data folder with two stretches of the demo clip recorded this morning and two events."""
    from shopguard.config.settings import AppSettings, CameraSettings
    from shopguard.paths import DataPaths
    from shopguard.recording.demo import demo_clip, record_demo_footage
    from shopguard.storage.database import open_database

    paths = DataPaths(folder).ensure()
    db = open_database(paths.database)
    settings = AppSettings(cameras=[CameraSettings(id="demo", name="데모 카메라 Demo", source="demo")])
    zone = ZoneInfo(settings.shop.timezone)
    morning = datetime.now(zone).replace(hour=9, minute=0, second=0, microsecond=0).astimezone(UTC)
    record_demo_footage(db, paths.recordings, "demo", demo_clip(), morning)
    return AppContext(paths, settings, db)


def _screenshot() -> QWidget:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="shopguard-playback-"))
    atexit.register(shutil.rmtree, folder, True)
    context = demo_context(folder)
    view = PlaybackView(context)
    view.span_box.setCurrentIndex(1)  # one hour: the two stretches and the events are visible
    segments = view.library.list_segments("demo")
    view.seek(segments[0].start_utc + timedelta(seconds=25))
    view.player.wait_frame()
    view.refresh()
    return view


PAGE = PageSpec("playback", "녹화 재생", "Playback", 25, _page)
SCREENSHOTS = {"playback": _screenshot}
