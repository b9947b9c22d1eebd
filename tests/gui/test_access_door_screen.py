"""The door screen and the owner's pass pages, driven like a user would (pytest-qt, offscreen)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from shopguard.access.card import make_card, render_card
from shopguard.access.entry_log import EntryLog
from shopguard.access.keys import load_or_create_key
from shopguard.access.passes import PassRepository
from shopguard.access.policy import DoorPolicy
from shopguard.access.station import DoorLoop, DoorStation
from shopguard.config.settings import AppSettings
from shopguard.context import AppContext
from shopguard.paths import DataPaths
from shopguard.storage.audit import list_audit
from shopguard.ui.door_window import DoorWindow
from shopguard.ui.voice import Voice
from shopguard.vision.cv import cv2
from tests.fakes.doors import FakeDoorController
from tests.fakes.sources import FakeFrameSource


class FakeVoice:
    language = "ko"

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> bool:
        self.said.append(text)
        return True


@pytest.fixture
def context(db, private_data_dir: Path) -> AppContext:
    return AppContext(DataPaths(private_data_dir).ensure(), AppSettings(), db)


def card_frame(context: AppContext, **kwargs) -> np.ndarray:
    now = datetime.now(UTC)
    args = dict(
        name="정다은", adult=True, valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=9)
    )
    args.update(kwargs)
    entry = PassRepository(context.db).issue("owner", **args)
    card = make_card(entry, load_or_create_key(context.paths.root), "테스트", "Asia/Seoul")
    frame = np.full((720, 1280, 3), 60, np.uint8)
    image = cv2.resize(cv2.cvtColor(np.array(render_card(card)), cv2.COLOR_RGB2BGR), (300, 450))
    frame[130:580, 490:790] = image
    return frame


def door_window(context: AppContext, frames: list[np.ndarray], qtbot):  # noqa: ANN001, ANN201
    door = FakeDoorController()
    station = DoorStation(
        load_or_create_key(context.paths.root),
        PassRepository(context.db),
        EntryLog(context.db),
        door,
        DoorPolicy("Asia/Seoul", (), passback_s=60),
        context.paths.snapshots / "door",
    )
    voice = FakeVoice()
    window = DoorWindow(DoorLoop(FakeFrameSource(frames), station), "테스트 상점", voice)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    return window, door, voice


def test_door_screen_grants_in_green_and_says_welcome(context: AppContext, qtbot) -> None:
    blank = np.full((720, 1280, 3), 60, np.uint8)
    window, door, voice = door_window(context, [blank, card_frame(context), blank], qtbot)
    with qtbot.waitSignal(window.verdict_shown, timeout=10000) as signal:
        window.start()
    assert signal.args == [True, "ok"]
    assert window.state == "granted"
    assert window.message.text() == "입장하세요" and window.english.text() == "Welcome"
    assert window.detail.text() == "정다은 님"
    assert window.palette().window().color().name() == "#1e8e3e"
    assert voice.said == ["입장하세요"]
    assert door.unlock_calls == [5.0]
    qtbot.waitUntil(lambda: not window.loop.is_running(), timeout=10000)
    window.poll()
    assert window.preview.pixmap() is not None and not window.preview.pixmap().isNull()
    [record] = EntryLog(context.db).list()
    assert record.granted and Path(record.snapshot_path).exists()
    window.stop()


def test_door_screen_denies_in_red_with_the_reason_then_returns_to_idle(context: AppContext, qtbot) -> None:
    now = datetime.now(UTC)
    frame = card_frame(context, valid_from=now + timedelta(days=2), valid_until=now + timedelta(days=5))
    window, door, voice = door_window(context, [frame], qtbot)
    window.show_ms = 200
    with qtbot.waitSignal(window.verdict_shown, timeout=10000) as signal:
        window.start()
    assert signal.args == [False, "not_yet_valid"]
    assert window.message.text() == "아직 사용 기간이 아닙니다"
    assert window.palette().window().color().name() == "#c5221f"
    assert voice.said == ["아직 사용 기간이 아닙니다"] and door.unlock_calls == []
    qtbot.waitUntil(lambda: window.state == "idle", timeout=3000)
    assert "QR" in window.message.text()
    window.stop()


def test_escape_closes_the_door_screen_and_stops_its_thread(context: AppContext, qtbot) -> None:
    window, _, _ = door_window(context, [np.zeros((480, 640, 3), np.uint8)] * 3, qtbot)
    window.start()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert not window.loop.is_running()


def test_voice_is_silent_without_a_voice_for_the_language_and_never_raises(qtbot) -> None:
    english = Voice("en", engine="mock")  # Qt's mock engine has English voices only
    assert english.available and english.say("Welcome")
    korean = Voice("ko", engine="mock")
    assert not korean.available and korean.say("입장하세요") is False
    missing = Voice("ko", engine="no-such-engine")
    assert not missing.available and missing.say("입장하세요") is False
    english.set_volume(0)
    assert english.say("Welcome") is False  # muted
    english.stop()


def test_passes_page_issue_card_and_revoke(context: AppContext, qtbot, monkeypatch) -> None:
    from shopguard.ui.dialogs.pass_issue import PassIssueDialog, PassRequest
    from shopguard.ui.dialogs.pass_print import PassCardDialog
    from shopguard.ui.views.passes import COL_PHONE, COL_STATUS, PassesView

    now = datetime.now(UTC)
    request = PassRequest("윤서준", "010-3333-4444", True, now, now + timedelta(days=30), None, False)
    monkeypatch.setattr(PassIssueDialog, "ask", classmethod(lambda cls, *a, **k: request))
    shown = []
    monkeypatch.setattr(PassCardDialog, "exec", lambda self: shown.append(self.card) or 0)
    monkeypatch.setattr(PassesView, "ask_revoke_reason", classmethod(lambda cls, parent, entry: "분실"))
    view = PassesView(context)
    qtbot.addWidget(view)
    view.issue()
    model = view.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, COL_PHONE)) == "010-****-4444"
    assert shown and shown[0].name == "윤서준" and shown[0].payload.startswith("SG:")
    view.table.selectRow(0)
    view.revoke()
    assert "중지됨" in model.data(model.index(0, COL_STATUS))
    assert [a.action for a in list_audit(context.db)] == ["pass.issue", "pass.revoke"]


def test_entry_log_page_shows_snapshot_and_exports_csv(
    context: AppContext, qtbot, monkeypatch, tmp_path
) -> None:
    from shopguard.ui.views.entry_log import COL_REASON, COL_RESULT, EntryLogView

    window, _, _ = door_window(context, [card_frame(context, adult=False, hours=None)], qtbot)
    with qtbot.waitSignal(window.verdict_shown, timeout=10000):
        window.start()
    window.stop()
    view = EntryLogView(context)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, COL_RESULT)).startswith("입장")
    assert view.model.data(view.model.index(0, COL_REASON)) == ""
    view.table.selectRow(0)
    assert not view.snapshot.pixmap().isNull()
    out = tmp_path / "log.csv"
    monkeypatch.setattr(EntryLogView, "ask_path", classmethod(lambda cls, parent, suggested: out))
    view.export_csv()
    assert out.exists() and "정다은" in out.read_text(encoding="utf-8-sig")
    assert list_audit(context.db, "entry_log.export")[-1].target == str(out)


def test_pdf_card_decodes_with_zbarimg(context: AppContext, qtbot, tmp_path: Path) -> None:
    from shopguard.ui.dialogs.pass_print import write_card_pdf

    if shutil.which("pdftoppm") is None or shutil.which("zbarimg") is None:
        pytest.skip("pdftoppm/zbarimg not installed (installer/system-deps.sh)")
    now = datetime.now(UTC)
    entry = PassRepository(context.db).issue("owner", "카드", True, now, now + timedelta(days=3))
    card = make_card(entry, load_or_create_key(context.paths.root), "상점", "Asia/Seoul")
    pdf = write_card_pdf(card, tmp_path / "card.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "page")], check=True)
    [page] = sorted(tmp_path.glob("page*.png"))
    out = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True, check=False
    )
    assert out.stdout.strip() == card.payload
