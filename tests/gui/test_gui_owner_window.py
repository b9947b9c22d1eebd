"""The owner's window driven like a user would: file and fake cameras, a fake rule raising alerts,
acknowledging one, the offline badge and its recovery, the review player, and the event loop staying
responsive while four file cameras run."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer

from shopguard.config.settings import AppSettings
from shopguard.context import AppContext
from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.domain.vision import FrameResult
from shopguard.paths import DataPaths
from shopguard.services.alert_store import AlertStatus, AlertStore
from shopguard.services.alerts import AlertService
from shopguard.services.camera_health import CameraHealth
from shopguard.services.camera_worker import CameraWorker
from shopguard.storage.audit import list_audit
from shopguard.ui.main_window import OwnerMainWindow
from shopguard.vision.sources import Frame, FrameSource, SourceStatus, VideoFileSource
from tests.fakes.owner_clips import make_clip


class FakePipeline:
    """Stands in for the vision pipeline: an empty result per frame (the rules are what is tested)."""

    def process(self, image: np.ndarray, ts: float) -> FrameResult:
        height, width = image.shape[:2]
        return FrameResult(ts, width, height, False, 0.0, False, (), ())


class FakeFallRule:
    """Raises one critical fall on the fifth frame it sees, as the rules engine would."""

    def __init__(self, camera_id: str) -> None:
        self.camera_id = camera_id
        self.frames = 0

    def __call__(self, result: FrameResult, frame: np.ndarray) -> list[Event]:
        self.frames += 1
        if self.frames != 5:
            return []
        now = time.time()
        return [
            Event(
                "fall-1",
                EventType.FALL,
                EventPhase.START,
                Severity.CRITICAL,
                self.camera_id,
                now,
                now,
                track_ids=(7,),
            )
        ]


class EndingFallRule(FakeFallRule):
    """The fall stays open until the rules are finished, as a person still on the floor would."""

    def finish(self) -> list[Event]:
        now = time.time()
        return [
            Event("fall-1", EventType.FALL, EventPhase.END, Severity.CRITICAL, self.camera_id, now, now, now)
        ]


class PluggableSource(FrameSource):
    """A live camera whose cable a test can pull out and plug back in."""

    def __init__(self) -> None:
        self.name = "pluggable"
        self.plugged = threading.Event()
        self.plugged.set()
        self._status = SourceStatus.OFFLINE
        self._index = 0

    def open(self) -> None:
        self._status = SourceStatus.LIVE

    def read(self) -> Frame | None:
        time.sleep(0.02)  # a camera delivers at its own pace
        if not self.plugged.is_set():
            self._status = SourceStatus.RECONNECTING
            return None
        self._status = SourceStatus.LIVE
        self._index += 1
        image = np.full((120, 160, 3), 60 + self._index % 100, np.uint8)
        image[40:80, 60:100] = 220
        return Frame(image, time.time(), self._index)

    def close(self) -> None:
        self._status = SourceStatus.OFFLINE

    @property
    def fps(self) -> float:
        return 50.0

    @property
    def status(self) -> SourceStatus:
        return self._status


@pytest.fixture
def shop(private_data_dir: Path, db):
    paths = DataPaths(private_data_dir).ensure()
    settings = AppSettings()
    context = AppContext(paths, settings, db)
    alerts = AlertService(AlertStore(db), paths.snapshots, settings.notifications)
    return context, alerts


@pytest.fixture
def window(qtbot, shop):
    context, alerts = shop
    win = OwnerMainWindow(context.settings, context, alerts)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.stop()


def test_frames_from_a_file_camera_appear_in_its_tile(qtbot, window, tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "cam.mp4")
    worker = CameraWorker("front", VideoFileSource(clip, loop=True), None)
    tile = window.add_camera("front", "Front door", worker)
    window.start()
    qtbot.waitUntil(lambda: tile.frames_shown >= 3, timeout=5000)
    assert tile.health is CameraHealth.LIVE
    assert tile.view is not None and tile.view.image.shape == (240, 320, 3)
    assert tile.grab().toImage().pixelColor(tile.width() // 2, tile.height() - 20).name() != "#111111"


def test_an_alert_from_a_rule_shows_chimes_bannered_and_can_be_acknowledged(
    qtbot, window, shop, tmp_path
) -> None:
    context, alerts = shop
    clip = make_clip(tmp_path / "cam.mp4")
    worker = CameraWorker("till", VideoFileSource(clip, loop=True), FakePipeline())
    worker.set_analysers([FakeFallRule("till")])
    window.add_camera("till", "Till", worker)
    panel = window.alerts_view
    assert panel is not None and panel.model.rowCount() == 0
    window.start()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)

    alert = panel.model.alert_at(0)
    assert alert is not None and (alert.type, alert.camera_id, alert.severity) == ("fall", "till", "critical")
    assert alert.snapshot_path and Path(alert.snapshot_path).is_file()
    assert alerts.player.played == 1
    assert window.banner.isVisible() and "Fall" in window.banner_text.text()

    panel.select_row(0)
    qtbot.keyClicks(panel.note, "helped her up")
    qtbot.mouseClick(panel.ack_button, Qt.MouseButton.LeftButton)
    stored = context.db.execute("SELECT status, note FROM events WHERE id = ?", [alert.id]).fetchone()
    assert stored == ("acknowledged", "helped her up")
    assert panel.model.alert_at(0).status is AlertStatus.ACKNOWLEDGED
    assert [e.target for e in list_audit(context.db, action="alert.acknowledged")] == [f"event:{alert.id}"]


FALL_ENDS = "SELECT end_utc FROM events WHERE type = 'fall'"


def _open_fall_on_till(qtbot, window, db, tmp_path) -> None:  # noqa: ANN001
    """A running camera whose rules have raised a fall that has not ended yet."""
    worker = CameraWorker("till", VideoFileSource(make_clip(tmp_path / "cam.mp4"), loop=True), FakePipeline())
    rule = EndingFallRule("till")
    worker.set_analysers([rule], finishers=[rule.finish])
    window.add_camera("till", "Till", worker)
    window.start()
    qtbot.waitUntil(lambda: db.execute(FALL_ENDS).fetchall() == [(None,)], timeout=5000)


def test_removing_a_camera_ends_its_open_alert(qtbot, window, shop, tmp_path) -> None:
    context, _ = shop
    _open_fall_on_till(qtbot, window, context.db, tmp_path)
    window.remove_camera("till")
    qtbot.waitUntil(lambda: context.db.execute(FALL_ENDS).fetchone()[0] is not None, timeout=5000)


def test_an_alert_still_open_when_the_window_stops_gets_its_end(qtbot, window, shop, tmp_path) -> None:
    context, _ = shop
    _open_fall_on_till(qtbot, window, context.db, tmp_path)
    window.stop()  # the app closing: no event loop runs after this
    assert context.db.execute(FALL_ENDS).fetchone()[0] is not None


def test_alert_filters_by_type_and_camera(qtbot, window, shop) -> None:
    _, alerts = shop
    for camera, kind in (("a", "fall"), ("b", "loiter"), ("a", "intrusion")):
        now = time.time()
        event = Event(
            f"{camera}-{kind}", EventType(kind), EventPhase.START, Severity.WARNING, camera, now, now
        )
        alerts.record_event(event)
    panel = window.alerts_view
    assert panel.model.rowCount() == 3
    panel.camera_filter.setCurrentIndex(panel.camera_filter.findData("a"))
    assert sorted(a.type for a in panel.model.alerts) == ["fall", "intrusion"]
    panel.type_filter.setCurrentIndex(panel.type_filter.findData("fall"))
    assert [a.type for a in panel.model.alerts] == ["fall"]


def test_an_unplugged_camera_shows_offline_within_5_s_and_comes_back(qtbot, window) -> None:
    source = PluggableSource()
    worker = CameraWorker("door", source, None)
    tile = window.add_camera("door", "Door", worker)
    window.start()
    qtbot.waitUntil(lambda: tile.health is CameraHealth.LIVE, timeout=5000)
    source.plugged.clear()
    pulled = time.monotonic()
    qtbot.waitUntil(lambda: tile.health is CameraHealth.OFFLINE, timeout=5000)
    assert time.monotonic() - pulled < 5.0
    shown = tile.frames_shown
    source.plugged.set()
    qtbot.waitUntil(lambda: tile.health is CameraHealth.LIVE and tile.frames_shown > shown, timeout=5000)


def test_a_covered_lens_shows_covered(qtbot, window) -> None:
    class BlackSource(PluggableSource):
        def read(self) -> Frame | None:
            frame = super().read()
            return Frame(np.zeros_like(frame.image), frame.ts, frame.index) if frame else None

    worker = CameraWorker("back", BlackSource(), None)
    tile = window.add_camera("back", "Back", worker)
    window.start()
    qtbot.waitUntil(lambda: tile.health is CameraHealth.COVERED, timeout=6000)


def test_click_enlarges_a_tile_and_a_second_click_restores_the_grid(qtbot, window) -> None:
    tiles = [window.add_camera(f"c{i}", f"Cam {i}", None) for i in range(4)]
    qtbot.mouseClick(tiles[2], Qt.MouseButton.LeftButton)
    assert [t.isVisible() for t in tiles] == [False, False, True, False]
    qtbot.mouseClick(tiles[2], Qt.MouseButton.LeftButton)
    assert all(t.isVisible() for t in tiles)


def test_review_plays_the_clip_steps_frames_and_jumps_to_live(qtbot, window, shop, tmp_path) -> None:
    context, alerts = shop
    clip = make_clip(tmp_path / "event.mp4", frames=30)
    window.add_camera("till", "Till", None)
    alert = alerts.store.insert(
        "till", "fall", "critical", "2025-01-01T10:00:00.000+00:00", clip_path=str(clip)
    )
    window.open_review(alert)
    review = window.pages["review"]
    assert window.tabs.currentWidget() is review
    qtbot.waitUntil(lambda: review.clip is not None, timeout=5000)
    assert len(review.clip) == 30 and review.position == 0
    qtbot.mouseClick(review.forward_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.forward_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.back_button, Qt.MouseButton.LeftButton)
    assert review.position == 1 and "(2/30)" in review.position_label.text()
    assert review.picture.image is not None
    assert [e.action for e in list_audit(context.db) if e.action.startswith("footage.")] == [
        "footage.view_snapshot",
        "footage.view_clip",
    ]
    qtbot.mouseClick(review.live_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.camera_page and window.enlarged == "till"


def test_four_file_cameras_with_ai_keep_the_window_responsive(qtbot, window, models, tmp_path) -> None:
    from shopguard.vision.factory import build_pipeline

    clip = make_clip(tmp_path / "cam.mp4", frames=90, size=(640, 360))
    tiles = []
    for i in range(4):
        worker = CameraWorker(f"cam{i}", VideoFileSource(clip, loop=True), build_pipeline(models))
        tiles.append(window.add_camera(f"cam{i}", f"Camera {i}", worker))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    window.start()
    timer.start()
    started = time.perf_counter()
    qtbot.waitUntil(lambda: time.perf_counter() - started > 6.0, timeout=15000)
    timer.stop()
    gaps_ms = np.diff(ticks) * 1000
    shown = [t.frames_shown for t in tiles]
    print(
        f"\nGUI tick gaps over 6 s with 4 cameras: max {gaps_ms.max():.0f} ms, "
        f"p99 {np.percentile(gaps_ms, 99):.0f} ms, mean {gaps_ms.mean():.1f} ms; frames shown {shown}"
    )
    assert all(count >= 3 for count in shown)  # every camera keeps moving (rate depends on the CPU)
    assert gaps_ms.max() < 500  # loose bound on a shared 2-core machine; the goal is < 200 ms
