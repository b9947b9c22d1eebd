"""The playback page: pick a time, play across a segment boundary, speed, timeline clicks, event
markers — and every playback leaves an audit row."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from shopguard.config.recording import RecordingSettings
from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.context import AppContext
from shopguard.paths import DataPaths
from shopguard.recording.recorder import SegmentRecorder
from shopguard.recording.segments import SegmentIndex, from_epoch, utc_iso
from shopguard.storage.audit import list_audit, verify_chain
from shopguard.ui.views.playback import PlaybackView

T0 = 1_780_000_000.0  # 2026-05-28 20:26:40 UTC = 2026-05-29 05:26:40 in Seoul
FPS = 10


@pytest.fixture
def context(db, tmp_path):
    paths = DataPaths(tmp_path / "data").ensure()
    index = SegmentIndex(db, paths.recordings)
    recorder = SegmentRecorder(
        "cam1", paths.recordings, RecordingSettings(max_fps=FPS, segment_s=2), on_segment=index.add
    )
    recorder.start()
    for i in range(40):
        image = np.full((240, 320, 3), 40 + 5 * i, np.uint8)  # brighter every frame
        recorder.push(image, T0 + i / FPS, wait=True)
    recorder.stop()
    db["events"].insert(
        {
            "camera_id": "cam1",
            "type": "loiter",
            "severity": "warning",
            "start_utc": utc_iso(from_epoch(T0 + 1)),
            "end_utc": utc_iso(from_epoch(T0 + 3)),
        }
    )
    settings = AppSettings(cameras=[CameraSettings(id="cam1", name="계산대 Counter", source="0")])
    return AppContext(paths, settings, db, actor="사장님")


def test_play_across_a_segment_boundary_and_every_playback_is_audited(qtbot, context):
    view = PlaybackView(context)
    qtbot.addWidget(view)
    assert view.camera_box.currentText() == "계산대 Counter"
    view.span_box.setCurrentIndex(2)  # ten minutes

    view.seek(from_epoch(T0 + 1.5))
    qtbot.waitUntil(lambda: view.player.latest()[0] is not None)
    first = view.player.latest()[0]
    assert first.utc == from_epoch(T0 + 1.5)
    assert view.when_edit.dateTime().toString("yyyy-MM-dd HH:mm:ss") == "2026-05-29 05:26:41"

    timeline = view.timeline_widget.timeline
    assert len(timeline.stretches) == 1  # two touching segments draw as one stretch
    assert timeline.stretches[0].start_utc == from_epoch(T0)
    assert [(m.type, m.start_utc) for m in timeline.events] == [("loiter", from_epoch(T0 + 1))]

    view.speed_box.setCurrentIndex(view.speed_box.findData(4.0))
    qtbot.mouseClick(view.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.player.ended, timeout=10_000)
    view.refresh()
    last = view.player.latest()[0]
    assert last.utc == from_epoch(T0 + 3.9)
    assert last.segment != first.segment  # played on into the next file
    assert abs(int(last.image.mean()) - (40 + 5 * 39)) <= 3  # the last frame recorded
    assert "end of footage" in view.status_label.text()

    rows = list_audit(context.db, action="footage.play")
    assert [(r.actor, r.target, r.detail["via"]) for r in rows] == [
        ("사장님", "cam1", "seek"),
        ("사장님", "cam1", "play"),
    ]
    assert rows[0].detail["from_utc"] == utc_iso(from_epoch(T0 + 1.5))
    assert rows[1].detail["speed"] == 4.0
    assert verify_chain(context.db).ok
    view.shutdown()


def test_clicking_the_timeline_seeks_there_and_nothing_recorded_says_so(qtbot, context):
    view = PlaybackView(context)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.span_box.setCurrentIndex(2)
    view.seek(from_epoch(T0))
    qtbot.waitUntil(lambda: view.player.latest()[0] is not None)
    widget = view.timeline_widget
    target = from_epoch(T0 + 3)
    x = round(widget.x_for(target))
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(x, 30))
    qtbot.waitUntil(lambda: abs((view.player.latest()[0].utc - target).total_seconds()) < 1.0)
    assert len(list_audit(context.db, action="footage.play")) == 2

    view.seek(from_epoch(T0) + timedelta(hours=2))  # after the last recording
    assert "nothing recorded" in view.frame_view.placeholder
    assert len(list_audit(context.db, action="footage.play")) == 2  # nothing shown, nothing audited
    view.shutdown()


def test_the_page_shows_live_recording_figures(qtbot, context, tmp_path):
    from shopguard.recording.service import RecordingService

    service = RecordingService(
        context.paths.recordings, tmp_path / "test.sqlite3", RecordingSettings(max_fps=FPS, segment_s=2)
    )
    context.services["recording"] = service
    recorder = service.recorder("cam2")
    service.start()
    try:
        for i in range(25):
            recorder.push(np.full((240, 320, 3), 3 * i, np.uint8), T0 + 100 + i / FPS, wait=True)
        assert recorder.flush()
        view = PlaybackView(context)
        qtbot.addWidget(view)
        view.show_recording_stats()
        text = view.recording_label.text()
        stats = recorder.stats()
        assert f"cam2: 녹화 중 recording · {stats.encode_ms_per_frame:.1f} ms/frame" in text
        assert stats.mb_per_hour > 0 and f"{stats.mb_per_hour:.0f} MB/h" in text
        assert "stored 0.0 GB" in text
        view.shutdown()
    finally:
        service.close()
