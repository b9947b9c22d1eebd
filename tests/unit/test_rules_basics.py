"""Pure building blocks of the rules: polygons, door-line sides, schedules (midnight), inertia."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from shopguard.config.zones import Schedule, TimeRange
from shopguard.rules.geometry import line_position, point_in_polygon
from shopguard.rules.presence import Inertia, PresenceState, Transition, step_presence
from shopguard.rules.schedule import is_open

KST = ZoneInfo("Asia/Seoul")
SQUARE = [(100.0, 100.0), (300.0, 100.0), (300.0, 300.0), (100.0, 300.0)]


@pytest.mark.parametrize(
    ("point", "inside"),
    [((200, 200), True), ((99, 200), False), ((301, 200), False), ((200, 301), False), ((150, 120), True)],
)
def test_point_in_square(point, inside):
    assert point_in_polygon(point, SQUARE) is inside


def test_point_in_concave_polygon_notch_is_outside():
    u_shape = [(0, 0), (300, 0), (300, 300), (200, 300), (200, 100), (100, 100), (100, 300), (0, 300)]
    assert point_in_polygon((150, 200), u_shape) is False  # in the notch
    assert point_in_polygon((50, 200), u_shape) is True
    assert point_in_polygon((250, 200), u_shape) is True


def test_line_side_left_of_direction_is_inside_on_screen():
    # p1 → p2 points right; on screen "left" of that is up (smaller y).
    above = line_position((150, 50), (100, 100), (200, 100), inside_left=True)
    below = line_position((150, 150), (100, 100), (200, 100), inside_left=True)
    assert above.signed_px == pytest.approx(50)
    assert below.signed_px == pytest.approx(-50)
    assert above.along == pytest.approx(0.5)
    flipped = line_position((150, 50), (100, 100), (200, 100), inside_left=False)
    assert flipped.signed_px == pytest.approx(-50)


def _at(day: int, hh: int, mm: int = 0) -> datetime:
    # 2024-01-01 is a Monday (weekday 0).
    return datetime(2024, 1, 1 + day, hh, mm, tzinfo=KST)


def test_schedule_day_range_edges():
    shop = Schedule(name="shop", ranges=[TimeRange(start=time(9), end=time(22))])
    assert is_open(shop, _at(0, 9, 0)) is True
    assert is_open(shop, _at(0, 21, 59)) is True
    assert is_open(shop, _at(0, 22, 0)) is False  # the end is exclusive
    assert is_open(shop, _at(0, 8, 59)) is False


def test_schedule_past_midnight_belongs_to_the_day_it_started():
    night = Schedule(name="night", ranges=[TimeRange(start=time(22), end=time(6), days=[4])])  # Friday
    assert is_open(night, _at(4, 23, 30)) is True  # Friday night
    assert is_open(night, _at(5, 0, 0)) is True  # midnight into Saturday
    assert is_open(night, _at(5, 5, 59)) is True
    assert is_open(night, _at(5, 6, 0)) is False
    assert is_open(night, _at(5, 23, 0)) is False  # Saturday night is not in the schedule
    assert is_open(night, _at(4, 0, 30)) is False  # Friday early morning belongs to Thursday night


def test_schedule_weekdays_and_whole_day_and_none():
    weekdays = Schedule(name="wk", ranges=[TimeRange(start=time(0), end=time(0), days=[0, 1, 2, 3, 4])])
    assert is_open(weekdays, _at(2, 3)) is True
    assert is_open(weekdays, _at(6, 12)) is False  # Sunday
    assert is_open(None, _at(2, 12)) is False  # no schedule: never open, the rule always applies
    assert is_open(Schedule(name="empty"), _at(2, 12)) is False


def _run(inertia: Inertia, observations: list[tuple[float, bool]]) -> list[tuple[float, Transition]]:
    state = PresenceState()
    changes = []
    for ts, seen in observations:
        state, change = step_presence(state, seen, ts, inertia)
        if change is not None:
            changes.append((ts, change))
    return changes


def test_inertia_ignores_a_single_false_detection():
    obs = [(t / 10, t == 5) for t in range(0, 100)]
    assert _run(Inertia(on_s=1.0, off_s=2.0, gap_s=0.3), obs) == []


def test_inertia_starts_after_on_s_and_ends_off_s_after_last_sighting():
    obs = [(t / 10, 10 <= t < 40) for t in range(0, 100)]
    changes = _run(Inertia(on_s=1.0, off_s=2.0, gap_s=0.3), obs)
    assert changes == [(2.0, Transition.STARTED), (pytest.approx(5.9), Transition.ENDED)]


def test_inertia_forgives_short_gaps_but_not_long_ones():
    short_gaps = [(t / 10, t % 4 != 0) for t in range(0, 30)]  # missed every 4th frame
    assert _run(Inertia(on_s=1.0, off_s=2.0, gap_s=0.3), short_gaps)[0][1] is Transition.STARTED
    long_gaps = [(t / 10, t % 10 < 5) for t in range(0, 50)]  # half a second on, half off
    assert _run(Inertia(on_s=1.0, off_s=2.0, gap_s=0.3), long_gaps) == []


def test_inertia_start_time_is_the_first_sighting():
    state = PresenceState()
    inertia = Inertia(on_s=1.0, off_s=2.0, gap_s=0.3)
    for t in range(0, 12):
        state, _ = step_presence(state, True, 10 + t / 10, inertia)
    assert state.active and state.start_s == pytest.approx(10.0)
