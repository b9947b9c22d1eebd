"""RulesEngine as the camera worker uses it: events stored once per incident, snapshots with boxes,
clip spans; the --rules file format and its errors."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from shopguard.config.zones import RuleKind, Zone
from shopguard.domain.events import EventPhase, EventType
from shopguard.errors import ConfigError
from shopguard.rules.config import load_rules_file
from shopguard.rules.engine import POSTROLL_S, PREROLL_S, RulesEngine
from shopguard.storage.events import EventStore
from shopguard.vision.cv import cv2
from tests.fakes.rules import frame, person_at

KST = ZoneInfo("Asia/Seoul")
NIGHT = datetime(2024, 3, 5, 2, 0, tzinfo=KST)
FLOOR = Zone(
    id="floor",
    name="매장",
    points=[(0.1, 0.1), (0.9, 0.1), (0.9, 0.9), (0.1, 0.9)],
    rules=[RuleKind.INTRUSION],
)


def intrusion_run(tmp_path: Path):
    engine = RulesEngine(
        "cam1",
        [FLOOR],
        [],
        snapshot_dir=tmp_path / "snapshots",
        epoch_offset_s=NIGHT.timestamp(),
        tamper=False,
    )
    picture = np.full((480, 640, 3), 90, np.uint8)
    events = []
    for i in range(200):
        ts = i / 10
        tracks = [person_at(4, 320, 400, ts)] if 1 <= ts < 12 else []
        events.extend(engine.process(frame(ts, tracks), picture))
    return events + engine.finish()


def test_one_row_per_incident_updated_until_it_ends(tmp_path, db):
    events = intrusion_run(tmp_path)
    phases = [e.phase for e in events]
    assert phases[0] is EventPhase.START and phases[-1] is EventPhase.END and EventPhase.UPDATE in phases
    store = EventStore(db)
    for event in events:
        store.record(event)
    (row,) = store.list()
    assert row.type == "intrusion" and row.severity == "critical" and row.zone == "floor"
    assert row.track_ids == (4,)
    assert row.start_utc == "2024-03-04T17:00:01.000+00:00"  # 02:00:01 KST
    assert row.end_utc == "2024-03-04T17:00:11.900+00:00"
    assert row.clip_start_utc == "2024-03-04T16:59:51.000+00:00"  # PREROLL_S before
    assert PREROLL_S == POSTROLL_S == 10.0
    assert row.status == "open"


def test_snapshot_is_written_once_with_the_involved_box_in_red(tmp_path):
    events = intrusion_run(tmp_path)
    paths = {e.snapshot_path for e in events}
    assert len(paths) == 1
    (path,) = paths
    assert path is not None and Path(path).is_file()
    assert Path(path).parent == tmp_path / "snapshots" / "cam1" / "2024-03-05"
    image = cv2.imread(path)
    box = person_at(4, 320, 400, 0).box
    edge = image[int(box.y1) + 1 : int(box.y2) - 1, int(box.x1)]  # the left edge of the box
    red = (edge[:, 2] > 180) & (edge[:, 1] < 80) & (edge[:, 0] < 80)
    assert red.mean() > 0.8
    assert image[5, 5].tolist() == [90, 90, 90]  # the rest of the picture untouched


def test_a_second_incident_gets_its_own_row(tmp_path, db):
    store = EventStore(db)
    engine = RulesEngine("cam1", [FLOOR], [], epoch_offset_s=NIGHT.timestamp(), tamper=False)
    for i in range(400):
        ts = i / 10
        tracks = [person_at(4, 320, 400, ts)] if ts < 5 or 20 <= ts < 25 else []
        for event in engine.process(frame(ts, tracks)):
            store.record(event)
    rows = store.list()
    assert len(rows) == 2 and all(r.end_utc for r in rows)


def test_rules_file_round_trip_and_errors(tmp_path):
    good = tmp_path / "rules.json"
    good.write_text(
        json.dumps(
            {
                "schedules": [{"name": "shop", "ranges": [{"start": "07:00", "end": "23:00"}]}],
                "zones": [
                    {
                        "camera_id": "door-cam",
                        "zones": [
                            {
                                "id": "door",
                                "name": "출입문",
                                "kind": "line",
                                "points": [[0.5, 0.5], [0.9, 0.5]],
                                "rules": ["door"],
                            }
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    rules = load_rules_file(good)
    assert rules.for_camera(None).camera_id == "door-cam"
    assert rules.for_camera("door-cam").zones[0].rules == [RuleKind.DOOR]
    with pytest.raises(ConfigError, match="no zones for camera 'x'"):
        rules.for_camera("x")
    broken = tmp_path / "broken.json"
    broken.write_text('{"zones": [', encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_rules_file(broken)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(
        '{"zones": [{"camera_id": "c", "zones": [{"id": "a", "name": "a", "points": [[2, 0]]}]}]}'
    )
    with pytest.raises(ConfigError, match="rules file error at zones.0.zones.0.points"):
        load_rules_file(wrong)
    with pytest.raises(ConfigError, match="not found"):
        load_rules_file(tmp_path / "missing.json")


def test_engine_events_carry_the_epoch_offset_and_titles():
    engine = RulesEngine("cam1", [FLOOR], [], epoch_offset_s=NIGHT.timestamp(), tamper=False)
    events = []
    for i in range(30):
        events.extend(engine.process(frame(i / 10, [person_at(1, 320, 400, i / 10)])))
    (start,) = events
    assert start.type is EventType.INTRUSION
    assert start.start_epoch == pytest.approx(NIGHT.timestamp())
    assert (start.title_ko, start.title_en) == ("영업시간 외 침입", "After-hours intrusion")


def test_a_covered_camera_gets_a_before_and_after_snapshot(tmp_path):
    engine = RulesEngine(
        "cam1", [], [], snapshot_dir=tmp_path / "snapshots", epoch_offset_s=NIGHT.timestamp()
    )
    rng = np.random.default_rng(1)
    scene = rng.integers(0, 255, (60, 80), np.uint8).repeat(8, 0).repeat(8, 1)  # a textured shop
    scene = cv2.cvtColor(scene, cv2.COLOR_GRAY2BGR)
    events = []
    for i in range(150):  # 10 s of the scene at 10 fps, then a dark hand over the lens
        ts = i / 10
        noisy = cv2.add(scene, rng.integers(0, 6, scene.shape, np.uint8))
        picture = noisy if ts < 10 else np.full_like(scene, 12)
        events.extend(engine.process(frame(ts, []), picture))
    covered = [e for e in events if e.type is EventType.TAMPER_COVERED and e.snapshot_path]
    assert covered, [e.type for e in events]
    image = cv2.imread(covered[0].snapshot_path)
    assert image.shape[1] >= 2 * scene.shape[1] - 4  # before and after, side by side
    left = image[:, : image.shape[1] // 2]
    assert float(left.std()) > 30  # the before half shows the scene, not the black cover
