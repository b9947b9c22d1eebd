"""The door flow: a camera frame with a pass → grant → door unlocked → entry logged with a snapshot."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from shopguard.access.card import make_card, render_card
from shopguard.access.door import LogOnlyDoorController, SerialRelayDoorController
from shopguard.access.entry_log import EntryLog
from shopguard.access.keys import AccessError, load_or_create_key
from shopguard.access.passes import PassRepository
from shopguard.access.policy import DoorPolicy
from shopguard.access.station import DoorLoop, DoorStation
from shopguard.access.verdict import Reason
from shopguard.storage.audit import list_audit
from shopguard.vision.cv import cv2
from tests.fakes.doors import FakeDoorController
from tests.fakes.sources import FakeFrameSource

NOON_SEOUL = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def frame_with(card_rgb: np.ndarray | None, size: tuple[int, int] = (1280, 720)) -> np.ndarray:
    """A door-camera frame; the card (if any) held up in the middle at about 40 % of the height."""
    width, height = size
    frame = np.full((height, width, 3), 70, np.uint8)
    if card_rgb is not None:
        card = cv2.cvtColor(card_rgb, cv2.COLOR_RGB2BGR)
        scale = 0.6 * height / card.shape[0]
        card = cv2.resize(card, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        y, x = (height - card.shape[0]) // 2, (width - card.shape[1]) // 2
        frame[y : y + card.shape[0], x : x + card.shape[1]] = card
    return frame


@pytest.fixture
def setup(db, tmp_path: Path):
    key = load_or_create_key(tmp_path)
    repo = PassRepository(db)
    clock = Clock(NOON_SEOUL)
    door = FakeDoorController()
    station = DoorStation(
        key,
        repo,
        EntryLog(db),
        door,
        DoorPolicy("Asia/Seoul", (), passback_s=60),
        tmp_path / "snapshots",
        camera="front",
        unlock_s=4.0,
        clock=clock,
    )

    def card_for(**kwargs) -> np.ndarray:
        args = dict(name="최수진", adult=True, valid_from=NOON_SEOUL - timedelta(days=1))
        args["valid_until"] = NOON_SEOUL + timedelta(days=30)
        args.update(kwargs)
        entry = repo.issue("owner", **args)
        return np.array(render_card(make_card(entry, key, "테스트 상점", "Asia/Seoul")))

    return station, door, clock, card_for


def test_fake_camera_pass_grants_unlocks_and_logs_with_snapshot(setup, db) -> None:
    station, door, clock, card_for = setup
    card = card_for()
    source = FakeFrameSource([frame_with(None), frame_with(card), frame_with(card), frame_with(None)])
    loop = DoorLoop(source, station)
    loop.start()
    loop._thread.join(10)  # the fake source ends after four frames
    assert not loop.is_running() and loop.frames == 4
    events = loop.take_events()
    assert len(events) == 1  # the code held over two frames is one attempt
    assert events[0].verdict.granted and events[0].verdict.name == "최수진"
    assert door.unlock_calls == [4.0] and door.polls >= 4
    [record] = EntryLog(db).list()
    assert record.granted and record.camera == "front" and record.pass_id == events[0].verdict.pass_id
    snapshot = cv2.imread(record.snapshot_path)
    assert snapshot is not None and snapshot.shape == (720, 1280, 3)
    assert "2025-03-10" in record.snapshot_path
    assert EntryLog(db).grant_times(NOON_SEOUL.timestamp() - 1, NOON_SEOUL.timestamp() + 1) == [
        NOON_SEOUL.timestamp()
    ]


def test_pass_handed_back_is_refused_then_one_time_pass_only_once(setup, db) -> None:
    station, door, clock, card_for = setup
    card = frame_with(card_for())
    assert station.process(card).verdict.granted
    clock.now += timedelta(seconds=10)  # another person shows the same pass after the code left view
    assert station.process(frame_with(None)) is None
    station._last_seen = None  # the code left the picture
    assert station.process(card).verdict.reason is Reason.PASSBACK
    once = frame_with(card_for(one_time=True, name="1회 손님"))
    clock.now += timedelta(minutes=5)
    assert station.process(once).verdict.granted
    clock.now += timedelta(minutes=5)
    station._last_seen = None
    assert station.process(once).verdict.reason is Reason.USED
    assert len(door.unlock_calls) == 2
    reasons = [r.reason for r in reversed(EntryLog(db).list())]
    assert reasons == [Reason.OK, Reason.PASSBACK, Reason.OK, Reason.USED]


def test_denials_do_not_unlock_and_say_why(setup) -> None:
    station, door, clock, card_for = setup
    card = frame_with(card_for(valid_until=NOON_SEOUL - timedelta(hours=1)))
    event = station.process(card)
    assert not event.verdict.granted and event.verdict.message_ko == "사용 기간이 끝난 패스입니다"
    assert door.unlock_calls == []


def test_grant_times_counts_only_grants_within_both_ends(db) -> None:
    from shopguard.access.verdict import Verdict

    log = EntryLog(db)
    for seconds, granted in ((0, True), (10, False), (20, True), (30, True)):
        verdict = Verdict(True, Reason.OK, 1) if granted else Verdict.deny(Reason.EXPIRED, 1)
        log.record(verdict, NOON_SEOUL + timedelta(seconds=seconds))
    start = NOON_SEOUL.timestamp()
    assert log.grant_times(start, start + 20) == [start, start + 20]  # [start, end], denials left out
    assert log.grant_times(start + 21, start + 29) == []


def test_entry_log_csv_export_is_audited_and_opens_in_excel(setup, db, tmp_path: Path) -> None:
    station, _, clock, card_for = setup
    station.process(frame_with(card_for()))
    out = tmp_path / "entries.csv"
    assert EntryLog(db).export_csv(out, "owner", "Asia/Seoul") == 1
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel shows Hangul
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["time"] == "2025-03-10T12:00:00+09:00"
    assert rows[0]["granted"] == "yes" and rows[0]["name"] == "최수진"
    assert list_audit(db, "entry_log.export")[-1].target == str(out)


def test_log_only_controller_and_relay_controller() -> None:
    now = [100.0]
    log_only = LogOnlyDoorController(clock=lambda: now[0])
    log_only.unlock(5)
    assert log_only.unlocked
    now[0] += 6
    assert not log_only.unlocked

    class Port:
        def __init__(self, *args, **kwargs) -> None:
            self.writes: list[bytes] = []

        def write(self, data: bytes) -> None:
            self.writes.append(data)

        def flush(self) -> None:
            pass

        def close(self) -> None:
            pass

    relay = SerialRelayDoorController("COM3", clock=lambda: now[0], serial_factory=Port)
    port = relay._port
    relay.unlock(3)
    relay.poll()
    assert relay.unlocked
    now[0] += 3
    relay.poll()
    assert not relay.unlocked
    assert port.writes == [bytes.fromhex(h) for h in ("A00100A1", "A00101A2", "A00100A1")]


def test_relay_without_pyserial_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "serial", None)
    with pytest.raises(AccessError, match="pyserial"):
        SerialRelayDoorController("/dev/ttyUSB0")


def test_core_access_never_imports_qt() -> None:
    code = (
        "import sys, shopguard.access.station, shopguard.access.card, shopguard.access.benchmark;"
        "sys.exit('PySide6' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
