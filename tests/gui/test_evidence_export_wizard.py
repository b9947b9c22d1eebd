"""The 'Export for police' page: a real export of recorded footage on the thread pool with a
progress bar, cancelling, the keep-a-person click, and a staff account closed out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QPoint, Qt

from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.context import AppContext
from shopguard.evidence.manifest import verify_package
from shopguard.evidence.plan import ExportKind
from shopguard.paths import DataPaths
from shopguard.recording import locks
from shopguard.security.accounts import Accounts
from shopguard.security.passwords import SecretKind
from shopguard.security.permissions import Role
from shopguard.security.session import set_current_user
from shopguard.storage.audit import list_audit
from shopguard.storage.database import open_database
from shopguard.ui.views.export_wizard import ExportWizardView
from tests.conftest import DEMO_CLIP
from tests.integration.test_evidence_export import RECORD_START, record

EXPORT_TIMEOUT_MS = 240_000


@pytest.fixture
def context(private_data_dir: Path):
    record(private_data_dir, "shelf", DEMO_CLIP, 12.0, 6.0)
    paths = DataPaths(private_data_dir).ensure()
    db = open_database(paths.database)
    settings = AppSettings(cameras=[CameraSettings(id="shelf", name="진열대 Shelves", source="demo")])
    yield AppContext(paths, settings, db, actor="사장님")
    db.conn.close()


def choose_range(view: ExportWizardView, out: Path, from_s: int, to_s: int) -> None:
    view.kind_buttons[ExportKind.RANGE].setChecked(True)
    view.camera_list.item(0).setCheckState(Qt.CheckState.Checked)
    start = int(RECORD_START.timestamp())
    view.from_edit.setDateTime(QDateTime.fromSecsSinceEpoch(start + from_s))
    view.to_edit.setDateTime(QDateTime.fromSecsSinceEpoch(start + to_s))
    view.out_edit.setText(str(out))


def test_export_runs_in_the_background_and_verifies(qtbot, context, tmp_path) -> None:
    view = ExportWizardView(context)
    qtbot.addWidget(view)
    choose_range(view, tmp_path / "out", 2, 9)
    view.case_edit.setText("GUI-1")
    assert view.preview.image is not None  # the frame at the range's start, to pick a person on
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    assert not view.start_button.isEnabled() and view.cancel_button.isEnabled()  # the window stays usable
    qtbot.waitUntil(lambda: view.running is None, timeout=EXPORT_TIMEOUT_MS)
    view.shutdown()
    assert view.status.text().startswith("완료"), view.status.text()
    assert view.progress.value() == 100
    result = view.last_result
    assert result is not None and result.case_no == "GUI-1" and result.zip_path.is_file()
    assert verify_package(result.folder).ok
    assert view.recent.count() == 1 and "GUI-1" in view.recent.item(0).text()
    assert [e.target for e in list_audit(context.db) if e.action == "export"] == ["case:GUI-1"]
    assert any(lock.camera_id == "shelf" for lock in locks.list_locks(context.db))


def test_cancel_leaves_nothing_behind(qtbot, context, tmp_path) -> None:
    view = ExportWizardView(context)
    qtbot.addWidget(view)
    out = tmp_path / "out"
    choose_range(view, out, 0, 12)
    view.redact_check.setChecked(True)  # the slow path: face models on every frame
    view.start()
    qtbot.waitUntil(lambda: view.progress.value() > 0, timeout=EXPORT_TIMEOUT_MS)
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.running is None, timeout=EXPORT_TIMEOUT_MS)
    view.shutdown()
    assert "취소" in view.status.text()
    assert not any(out.iterdir())  # no half package, no .part folder
    assert locks.list_locks(context.db) == []  # the lock taken for the export was released
    assert [e for e in list_audit(context.db) if e.action == "export"] == []


def test_click_on_the_preview_keeps_a_person(qtbot, context) -> None:
    view = ExportWizardView(context)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    choose_range(view, Path("/unused"), 1, 5)
    view.load_preview()
    rect = view.preview.picture_rect()
    qtbot.mouseClick(
        view.preview, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y()))
    )
    assert len(view.keep) == 1 and view.redact_check.isChecked()
    assert view.keep[0].x == pytest.approx(0.5, abs=0.02) and view.keep[0].y == pytest.approx(0.5, abs=0.02)
    assert view.plan().keep == tuple(view.keep)
    view.clear_keep()
    assert view.keep == [] and view.plan().keep == ()


def test_staff_cannot_start_an_export(qtbot, context, tmp_path) -> None:
    accounts = Accounts(context.db)
    owner = accounts.create_owner("사장님", SecretKind.PIN, "135790")
    staff = accounts.add_user(owner, "알바", Role.STAFF, SecretKind.PIN, "246802")
    set_current_user(context, staff)
    view = ExportWizardView(context)
    qtbot.addWidget(view)
    assert not view.start_button.isEnabled()
    choose_range(view, tmp_path / "out", 0, 3)
    view.start()  # even if reached another way
    assert view.running is None and "권한" in view.status.text()
    assert not (tmp_path / "out").exists()


def test_wrong_range_is_explained_not_raised(qtbot, context, tmp_path) -> None:
    view = ExportWizardView(context)
    qtbot.addWidget(view)
    choose_range(view, tmp_path / "out", 9, 2)
    view.start()
    qtbot.waitUntil(lambda: view.running is None, timeout=EXPORT_TIMEOUT_MS)
    view.shutdown()
    assert "끝 시각" in view.status.text()
    assert view.start_button.isEnabled()
