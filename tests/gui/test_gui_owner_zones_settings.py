"""Zone editor and settings page in the real window: a zone drawn with the mouse is saved to
config.json and comes back after a reload; bad settings are refused with a plain message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from shopguard.config.loader import load_settings, save_settings
from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.config.zones import RuleKind, ZoneKind
from shopguard.context import AppContext
from shopguard.paths import DataPaths
from shopguard.services.alert_store import AlertStore
from shopguard.services.alerts import AlertService
from shopguard.storage.audit import list_audit
from shopguard.ui.dialogs.camera_dialog import KIND_FILE, KIND_NETWORK, CameraDialog
from shopguard.ui.main_window import OwnerMainWindow
from shopguard.ui.views.zones import ZonesView
from tests.fakes.owner_clips import make_clip


def _context(private_data_dir: Path, db) -> AppContext:
    paths = DataPaths(private_data_dir).ensure()
    settings = AppSettings(cameras=[CameraSettings(id="front", name="Front", source="demo")])
    save_settings(settings, paths.config)
    return AppContext(paths, settings, db)


@pytest.fixture
def window(qtbot, private_data_dir, db):
    context = _context(private_data_dir, db)
    alerts = AlertService(AlertStore(db), context.paths.snapshots, context.settings.notifications)
    win = OwnerMainWindow(context.settings, context, alerts)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.add_camera("front", "Front", None)
    win.show()
    yield win
    win.stop()


def _click(qtbot, canvas, x: float, y: float, double: bool = False) -> None:
    rect = canvas.picture_rect()
    point = QPoint(round(rect.x() + x * rect.width()), round(rect.y() + y * rect.height()))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)


def test_a_zone_drawn_with_the_mouse_is_saved_and_reloaded(qtbot, window) -> None:
    zones: ZonesView = window.pages["zones"]
    window.tabs.setCurrentWidget(zones)
    canvas = zones.canvas
    qtbot.mouseClick(zones.area_button, Qt.MouseButton.LeftButton)
    for x, y in ((0.2, 0.2), (0.6, 0.2), (0.6, 0.7), (0.2, 0.7)):
        _click(qtbot, canvas, x, y)
    _click(qtbot, canvas, 0.2, 0.2)  # back on the first corner closes the area
    assert [z.kind for z in zones.zones()] == [ZoneKind.AREA]
    zones.name.setText("Freezer")
    zones.name.editingFinished.emit()
    zones.rule_boxes[RuleKind.LOITER].setChecked(True)

    qtbot.mouseClick(zones.line_button, Qt.MouseButton.LeftButton)
    _click(qtbot, canvas, 0.1, 0.9)
    _click(qtbot, canvas, 0.9, 0.9)
    qtbot.mouseClick(zones.flip_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(zones.zones_saved, timeout=2000):
        qtbot.mouseClick(zones.save_button, Qt.MouseButton.LeftButton)

    saved = load_settings(window.context.paths.config)
    (entry,) = saved.zones
    area, line = entry.zones
    assert entry.camera_id == "front"
    assert (area.name, area.rules) == ("Freezer", [RuleKind.LOITER])
    assert [(round(x, 2), round(y, 2)) for x, y in area.points] == [
        (0.2, 0.2),
        (0.6, 0.2),
        (0.6, 0.7),
        (0.2, 0.7),
    ]
    assert line.kind == ZoneKind.LINE and line.rules == [RuleKind.DOOR] and line.inside_left is False
    assert window.tiles["front"].zones == entry.zones  # the live tile draws them at once
    assert list_audit(window.context.db, action="zones.save")

    reloaded = ZonesView(AppContext(window.context.paths, saved, window.context.db))
    qtbot.addWidget(reloaded)
    assert [z.name for z in reloaded.zones()] == ["Freezer", line.name]


def test_a_crossed_polygon_is_refused_and_undo_removes_the_last_zone(qtbot, window) -> None:
    zones: ZonesView = window.pages["zones"]
    qtbot.mouseClick(zones.area_button, Qt.MouseButton.LeftButton)
    for x, y in ((0.2, 0.2), (0.6, 0.6), (0.6, 0.2), (0.2, 0.6)):
        _click(qtbot, zones.canvas, x, y)
    _click(qtbot, zones.canvas, 0.2, 0.2)
    assert zones.zones() == []
    assert "cross" in zones.message.text()

    qtbot.mouseClick(zones.line_button, Qt.MouseButton.LeftButton)
    _click(qtbot, zones.canvas, 0.1, 0.5)
    _click(qtbot, zones.canvas, 0.8, 0.5)
    assert len(zones.zones()) == 1
    qtbot.mouseClick(zones.undo_button, Qt.MouseButton.LeftButton)
    assert zones.zones() == []


def test_settings_refuse_an_empty_shop_name_and_an_unknown_time_zone(qtbot, window) -> None:
    page = window.pages["settings"]
    config = window.context.paths.config
    before = config.read_text(encoding="utf-8")
    page.shop_name.setText("   ")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Enter the shop's name."
    page.shop_name.setText("Corner Shop")
    page.timezone.setCurrentText("Mars/Olympus")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Mars/Olympus" in page.message.text() and "Asia/Seoul" in page.message.text()
    assert config.read_text(encoding="utf-8") == before  # nothing was written

    page.timezone.setCurrentText("Asia/Seoul")
    with qtbot.waitSignal(page.settings_saved, timeout=2000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert load_settings(config).shop.name == "Corner Shop"
    assert window.windowTitle() == "ShopGuard — Corner Shop"


def test_settings_refuse_a_schedule_without_weekdays(qtbot, window) -> None:
    page = window.pages["settings"]
    row = page._add_schedule_row("Night", None)
    for box in row.days:
        box.setChecked(False)
    assert not page.save()
    assert page.message.text() == "Schedule “Night” has no weekday ticked."


def test_camera_dialog_checks_addresses_and_tests_a_file_with_a_preview(qtbot, tmp_path) -> None:
    dialog = CameraDialog(set())
    qtbot.addWidget(dialog)
    dialog.name.setText("Back door")
    dialog.kind.setCurrentIndex(KIND_NETWORK)
    dialog.url.setText("192.168.0.10/stream")
    assert "rtsp://" in dialog.problem()
    dialog.kind.setCurrentIndex(KIND_FILE)
    dialog.file.setText(str(make_clip(tmp_path / "back.mp4")))
    assert dialog.problem() is None
    with qtbot.waitSignal(dialog.tester.tested, timeout=5000):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.preview.image is not None and "320×240" in dialog.result.text()
    camera = dialog.result_camera()
    assert (camera.id, camera.name, camera.source) == ("back-door", "Back door", dialog.file.text())
    dialog.reject()
