"""Door line counting, tailgating against QR grants, leaving without a sale; counts stored per hour."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.events import EventPhase, EventType, Severity
from shopguard.rules.door import Direction, Side, step_side
from shopguard.rules.engine import RulesEngine
from shopguard.rules.geometry import LinePosition
from shopguard.storage.events import EventStore
from tests.fakes.rules import FixedTimes, frame, person_at

KST = ZoneInfo("Asia/Seoul")
T0 = datetime(2024, 3, 5, 14, 0, tzinfo=KST).timestamp()
# A horizontal door line across the middle (y = 240 px); the shop is above it (inside = left of →).
DOOR = Zone(
    id="door", name="출입문", kind=ZoneKind.LINE, points=[(0.2, 0.5), (0.8, 0.5)], rules=[RuleKind.DOOR]
)
SHELF = Zone(
    id="shelf",
    name="진열대",
    points=[(0.3, 0.05), (0.7, 0.05), (0.7, 0.3), (0.3, 0.3)],
    rules=[RuleKind.PRODUCT],
)


def engine(grants=None, sales=None, zones=(DOOR,)) -> RulesEngine:
    return RulesEngine(
        "cam1", list(zones), [], grants=grants, sales=sales, epoch_offset_s=T0, falls=False, tamper=False
    )


def walk(track_id: int, x: float, y_from: float, y_to: float, t_from: float, t_to: float):
    """A person walking in a straight vertical line between two times (None outside them)."""

    def at(ts: float):
        if not t_from <= ts <= t_to:
            return None
        y = y_from + (y_to - y_from) * (ts - t_from) / (t_to - t_from)
        return person_at(track_id, x, y, ts)

    return at


def run(eng: RulesEngine, walkers, seconds: float, fps: float = 10.0):
    events = []
    for i in range(int(seconds * fps) + 1):
        ts = i / fps
        tracks = [t for w in walkers if (t := w(ts)) is not None]
        events.extend(eng.process(frame(ts, tracks)))
    return events + eng.finish()


def crossings(events):
    return [(e.type, e.track_ids) for e in events if e.type in (EventType.DOOR_IN, EventType.DOOR_OUT)]


@pytest.mark.parametrize(
    ("side", "signed", "along", "expected"),
    [
        (Side.UNKNOWN, 20, 0.5, (Side.INSIDE, None)),
        (Side.OUTSIDE, 20, 0.5, (Side.INSIDE, Direction.IN)),
        (Side.INSIDE, -20, 0.5, (Side.OUTSIDE, Direction.OUT)),
        (Side.INSIDE, -5, 0.5, (Side.INSIDE, None)),  # on the line: keeps the side it had
        (Side.OUTSIDE, 20, 1.5, (Side.UNKNOWN, None)),  # beyond the end of the door
    ],
)
def test_step_side(side, signed, along, expected):
    assert step_side(side, LinePosition(signed, along), margin_px=9.6) == expected


def test_walking_in_and_out_counts_each_crossing_with_direction():
    events = run(engine(), [walk(1, 320, 400, 100, 0, 3), walk(1, 320, 100, 400, 5, 8)], 9)
    assert crossings(events) == [(EventType.DOOR_IN, (1,)), (EventType.DOOR_OUT, (1,))]
    assert all(e.severity is Severity.INFO for e in events)


def test_feet_jittering_on_the_line_do_not_count():
    eng = engine()

    def jitter(ts):
        return person_at(1, 320, 240 + (6 if int(ts * 10) % 2 else -6), ts)  # ±6 px, inside the band

    assert crossings(run(eng, [lambda ts: person_at(1, 320, 300, ts) if ts < 1 else jitter(ts)], 5)) == []


def test_walking_past_the_end_of_the_door_is_not_a_crossing():
    events = run(engine(), [walk(1, 620, 400, 100, 0, 3)], 4)  # x = 620 is right of the door (128–512)
    assert crossings(events) == []


def test_two_people_crossing_at_once_in_opposite_directions():
    events = run(engine(), [walk(1, 250, 400, 100, 0, 3), walk(2, 400, 100, 400, 0, 3)], 4)
    assert sorted(crossings(events)) == [(EventType.DOOR_IN, (1,)), (EventType.DOOR_OUT, (2,))]


def test_track_lost_mid_crossing_and_refound_with_a_new_id_counts_once():
    before = walk(1, 320, 400, 250, 0, 1.5)  # outside, then lost just below the line
    after = walk(5, 320, 230, 100, 2.0, 3.5)  # found above it under another id
    events = run(engine(), [before, after], 4)
    assert crossings(events) == [(EventType.DOOR_IN, (5,))]


def test_side_comes_from_where_the_person_was_first_seen_before_the_track_was_confirmed():
    """A small person is confirmed only after a few looks, by which time they may stand on the
    threshold; the side they were first seen on (the track's first box) still counts."""
    first_seen_outside = person_at(1, 320, 300, 0.0).box  # 60 px below the line

    def confirmed_on_the_threshold(ts: float):
        y = 245 if ts < 1 else 245 - 100 * (ts - 1)  # on the line, then walks in
        return replace(person_at(1, 320, y, ts), first_box=first_seen_outside)

    assert crossings(run(engine(), [confirmed_on_the_threshold], 3)) == [(EventType.DOOR_IN, (1,))]


def test_first_seen_on_the_threshold_gives_no_side():
    def on_the_line_then_in(ts: float):
        y = 245 if ts < 1 else 245 - 100 * (ts - 1)
        return replace(person_at(1, 320, y, ts), first_box=person_at(1, 320, 244, 0.0).box)

    assert crossings(run(engine(), [on_the_line_then_in], 3)) == []


def test_crossings_are_stored_as_hourly_counts(db):
    store = EventStore(db)
    events = run(
        engine(),
        [walk(1, 250, 400, 100, 0, 3), walk(2, 400, 400, 100, 1, 4), walk(3, 300, 100, 400, 2, 5)],
        6,
    )
    for event in events:
        assert store.record(event) is None  # counted, not stored as alarms
    (hour,) = store.hourly_counts("cam1")
    assert (hour.entered, hour.left) == (2, 1)
    assert hour.hour_utc == "2024-03-05T05:00:00+00:00"  # 14:00 KST
    assert store.list() == []


def test_tailgating_two_people_one_grant():
    grants = FixedTimes([T0 + 0.5])
    events = run(engine(grants=grants), [walk(1, 250, 400, 100, 1, 3), walk(2, 400, 400, 100, 1.5, 3.5)], 10)
    (tailgate,) = [e for e in events if e.type is EventType.TAILGATE]
    assert tailgate.track_ids == (1, 2)
    assert tailgate.detail == {"entries": 2, "grants": 1, "without_pass": 1}
    assert tailgate.severity is Severity.WARNING


def test_no_tailgating_when_every_entry_had_a_grant_and_grants_are_not_reused():
    grants = FixedTimes([T0 + 0.5, T0 + 1.0])
    eng = engine(grants=grants)
    first = run(eng, [walk(1, 250, 400, 100, 1, 3), walk(2, 400, 400, 100, 1.5, 3.5)], 10)
    assert [e for e in first if e.type is EventType.TAILGATE] == []
    # A third person 10 s later: the two grants were used up by the first two.
    later = []
    w = walk(3, 320, 400, 100, 0, 2)
    for i in range(100):
        ts = 12 + i / 10
        t = w(ts - 12)
        later.extend(
            eng.process(
                frame(ts, [person_at(3, t.box.bottom_center[0], t.box.bottom_center[1], ts)] if t else [])
            )
        )
    assert [e.type for e in later if e.type is EventType.TAILGATE] == [EventType.TAILGATE]


def test_exits_never_count_as_tailgating():
    events = run(
        engine(grants=FixedTimes()), [walk(1, 250, 100, 400, 0, 3), walk(2, 400, 100, 400, 0, 3)], 10
    )
    assert [e for e in events if e.type is EventType.TAILGATE] == []


def shopper(track_id: int, t0: float):
    """In through the door, to the shelf (y 100) for 4 s, back out."""

    def at(ts: float):
        t = ts - t0
        if t < 0 or t > 10:
            return None
        if t < 3:
            y = 400 - 300 * t / 3
        elif t < 7:
            y = 100
        else:
            y = 100 + 300 * (t - 7) / 3
        return person_at(track_id, 320, y, ts)

    return at


def test_leaving_after_a_shelf_visit_without_a_sale_is_flagged_for_review():
    sales = FixedTimes()
    events = run(engine(sales=sales, zones=(DOOR, SHELF)), [shopper(4, 0)], 12)
    (unpaid,) = [e for e in events if e.type is EventType.UNPAID_EXIT]
    assert unpaid.severity is Severity.REVIEW and unpaid.track_ids == (4,)
    assert unpaid.detail["product_zones"] == ["shelf"]
    start, end = sales.asked[-1]
    assert start == pytest.approx(T0 + 1.7, abs=0.15)  # from their entry (past the line) …
    assert end >= T0 + 8.0  # … to their exit


def test_a_sale_in_between_means_paid():
    events = run(engine(sales=FixedTimes([T0 + 6]), zones=(DOOR, SHELF)), [shopper(4, 0)], 12)
    assert [e for e in events if e.type is EventType.UNPAID_EXIT] == []


def test_no_shelf_visit_no_review():
    events = run(
        engine(sales=FixedTimes(), zones=(DOOR, SHELF)),
        [walk(1, 320, 400, 180, 0, 2), walk(1, 320, 180, 400, 3, 5)],
        6,
    )
    assert [e for e in events if e.type is EventType.UNPAID_EXIT] == []
    assert [e.phase for e in events if e.type is EventType.DOOR_IN] == [EventPhase.START]
