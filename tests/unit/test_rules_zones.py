"""After-hours intrusion and loitering on synthetic tracks, through the RulesEngine."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from shopguard.config.zones import RuleKind, Schedule, TimeRange, Zone
from shopguard.domain.events import EventPhase, EventType, Severity
from shopguard.rules.engine import RulesEngine
from tests.fakes.rules import frame, person_at

KST = ZoneInfo("Asia/Seoul")
SHOP_HOURS = Schedule(name="shop", ranges=[TimeRange(start=time(7), end=time(23))])
# The middle of a 640×480 picture: x 160–480, y 120–360.
MIDDLE = [(0.25, 0.25), (0.75, 0.25), (0.75, 0.75), (0.25, 0.75)]


def engine_at(local: datetime, zones: list[Zone], schedules=(SHOP_HOURS,)) -> RulesEngine:
    """ts 0 of the synthetic clip is `local` (shop time)."""
    return RulesEngine(
        "cam1", zones, list(schedules), epoch_offset_s=local.timestamp(), falls=False, tamper=False
    )


def feed(engine: RulesEngine, seconds: float, people, fps: float = 10.0, start: float = 0.0):
    """`people(ts)` → tracks on that frame. Returns every event, finish() included."""
    events = []
    for i in range(int(seconds * fps)):
        ts = start + i / fps
        events.extend(engine.process(frame(ts, people(ts))))
    return events


def intrusion_zone(schedule: str | None = "shop") -> Zone:
    return Zone(id="floor", name="매장", points=MIDDLE, rules=[RuleKind.INTRUSION], schedule=schedule)


def test_intrusion_after_hours_starts_with_inertia_and_ends_after_person_leaves():
    engine = engine_at(datetime(2024, 3, 5, 23, 30, tzinfo=KST), [intrusion_zone()])
    events = feed(engine, 20, lambda ts: [person_at(7, 320, 300, ts)] if 2 <= ts < 10 else [])
    events += engine.finish()
    starts = [e for e in events if e.phase is EventPhase.START]
    ends = [e for e in events if e.phase is EventPhase.END]
    assert len(starts) == 1 and len(ends) == 1
    start = starts[0]
    assert start.type is EventType.INTRUSION and start.severity is Severity.CRITICAL
    assert start.zone_id == "floor" and start.track_ids == (7,)
    assert start.start_s == pytest.approx(2.0)
    assert start.last_s == pytest.approx(3.0)  # raised after 1 s of inertia, not on the first frame
    assert ends[0].end_s == pytest.approx(9.9)  # the last sighting
    assert ends[0].key == start.key
    assert start.clip_start_s < start.start_s and ends[0].clip_end_s > ends[0].end_s


def test_no_intrusion_during_open_hours():
    engine = engine_at(datetime(2024, 3, 5, 12, 0, tzinfo=KST), [intrusion_zone()])
    events = feed(engine, 10, lambda ts: [person_at(1, 320, 300, ts)])
    assert events == []


def test_one_false_detection_does_not_raise_an_intrusion():
    engine = engine_at(datetime(2024, 3, 5, 2, 0, tzinfo=KST), [intrusion_zone()])
    events = feed(engine, 10, lambda ts: [person_at(1, 320, 300, ts)] if abs(ts - 3.0) < 0.01 else [])
    assert events == []


def test_intrusion_uses_the_foot_point_not_the_box():
    engine = engine_at(datetime(2024, 3, 5, 2, 0, tzinfo=KST), [intrusion_zone()])
    # Standing below the zone: the box reaches into it, the feet do not.
    events = feed(engine, 5, lambda ts: [person_at(1, 320, 400, ts, height=200)])
    assert events == []


def test_intrusion_across_midnight_follows_the_schedule():
    night_closed = Schedule(name="shop", ranges=[TimeRange(start=time(6), end=time(0))])  # open 06:00–24:00
    zone = intrusion_zone()
    before = engine_at(datetime(2024, 3, 5, 23, 59, 50, tzinfo=KST), [zone], [night_closed])
    events = feed(before, 20, lambda ts: [person_at(1, 320, 300, ts)])
    starts = [e for e in events if e.phase is EventPhase.START]
    assert len(starts) == 1
    # Seen from 23:59:50 but only counts once the shop closes at midnight (ts 10).
    assert starts[0].start_s == pytest.approx(10.0)


def test_zone_without_schedule_always_alerts_and_tracks_accumulate():
    engine = engine_at(datetime(2024, 3, 5, 12, 0, tzinfo=KST), [intrusion_zone(schedule=None)])
    events = feed(
        engine,
        12,
        lambda ts: [person_at(1, 300, 300, ts)] + ([person_at(2, 340, 300, ts)] if ts >= 4 else []),
    )
    updates = [e for e in events if e.phase is EventPhase.UPDATE]
    assert updates and updates[0].track_ids == (1, 2)


def loiter_zone(seconds: float = 10.0) -> Zone:
    return Zone(id="cig", name="담배 진열대", points=MIDDLE, rules=[RuleKind.LOITER], loiter_s=seconds)


def test_loitering_raised_after_dwell_seconds_and_ended_when_leaving():
    engine = engine_at(datetime(2024, 3, 5, 12, 0, tzinfo=KST), [loiter_zone(10)])
    events = feed(engine, 30, lambda ts: [person_at(3, 320, 300, ts)] if 2 <= ts < 20 else [])
    start = next(e for e in events if e.phase is EventPhase.START)
    end = next(e for e in events if e.phase is EventPhase.END)
    assert start.type is EventType.LOITER and start.track_ids == (3,)
    assert start.start_s == pytest.approx(2.0) and start.last_s == pytest.approx(12.0)
    assert end.end_s == pytest.approx(19.9)
    assert end.detail["dwell_s"] == pytest.approx(17.9, abs=0.1)


def test_short_visits_do_not_loiter():
    engine = engine_at(datetime(2024, 3, 5, 12, 0, tzinfo=KST), [loiter_zone(10)])
    # Eight seconds in, five out (longer than the grace), eight in again: never ten in a row.
    events = feed(engine, 30, lambda ts: [person_at(3, 320, 300, ts)] if ts < 8 or 13 <= ts < 21 else [])
    assert events == []


def test_a_step_out_shorter_than_the_grace_keeps_the_clock():
    engine = engine_at(datetime(2024, 3, 5, 12, 0, tzinfo=KST), [loiter_zone(10)])
    outside = (320, 450)  # below the zone
    events = feed(
        engine,
        14,
        lambda ts: [person_at(3, *(outside if 5 <= ts < 6.5 else (320, 300)), ts)],
    )
    start = next(e for e in events if e.phase is EventPhase.START)
    assert start.start_s == pytest.approx(0.0)


def test_track_lost_and_found_under_a_new_id_keeps_its_dwell():
    engine = engine_at(datetime(2024, 3, 5, 12, 0, tzinfo=KST), [loiter_zone(10)])

    def people(ts):
        if ts < 6:
            return [person_at(3, 320, 300, ts)]
        if ts < 7:
            return []  # the tracker lost them
        return [person_at(9, 326, 302, ts)]  # found again a little to the side

    events = feed(engine, 14, people)
    start = next(e for e in events if e.phase is EventPhase.START)
    assert start.start_s == pytest.approx(0.0)
    assert start.track_ids == (9,)
    assert start.last_s == pytest.approx(10.0)


def test_two_people_loiter_separately():
    engine = engine_at(datetime(2024, 3, 5, 12, 0, tzinfo=KST), [loiter_zone(5)])
    events = feed(
        engine,
        10,
        lambda ts: [person_at(1, 250, 300, ts)] + ([person_at(2, 400, 300, ts)] if ts >= 3 else []),
    )
    starts = [e for e in events if e.phase is EventPhase.START]
    assert [(e.track_ids, round(e.start_s, 1)) for e in starts] == [((1,), 0.0), ((2,), 3.0)]
    assert starts[0].key != starts[1].key


def test_a_person_cut_off_by_the_bottom_edge_stands_in_a_zone_drawn_to_that_edge():
    bottom = Zone(
        id="table",
        name="테이블",
        points=[(0.3, 0.5), (0.7, 0.5), (0.7, 1.0), (0.3, 1.0)],
        rules=[RuleKind.LOITER],
        loiter_s=5,
    )
    engine = engine_at(datetime(2024, 3, 5, 12, 0, tzinfo=KST), [bottom])
    # The box's bottom is clipped to the picture's last row (y = 480): feet out of view.
    events = feed(engine, 8, lambda ts: [person_at(2, 320, 480, ts)])
    assert [e.type for e in events if e.phase is EventPhase.START] == [EventType.LOITER]
