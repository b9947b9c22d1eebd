"""Falls from synthetic skeletons at the pipeline's pose rate (8 per second): where the line is drawn."""

from __future__ import annotations

import pytest

from shopguard.domain.events import EventPhase, EventType, Severity
from shopguard.rules.engine import RulesEngine
from shopguard.rules.fall import FALL_WINDOW_S, STAY_DOWN_S, FallState, Posture, read_pose, step_fall
from tests.fakes.rules import frame, skeleton

POSE_FPS = 8.0


def run(script, seconds: float, with_boxes: bool = False):
    """`script(ts)` → posture name or None (nobody). Poses only; the box detector sees nobody."""
    engine = RulesEngine("cam1", falls=True, tamper=False)
    events = []
    for i in range(int(seconds * POSE_FPS)):
        ts = i / POSE_FPS
        posture = script(ts)
        poses = [] if posture is None else [skeleton(posture, 320, 450)]
        events.extend(engine.process(frame(ts, [], poses)))
        events.extend(engine.process(frame(ts + 0.06, [], None)))  # a frame without pose in between
    return events + engine.finish()


def falls(events):
    return [e for e in events if e.type is EventType.FALL and e.phase is EventPhase.START]


def test_standing_then_down_fast_and_staying_down_is_a_fall():
    events = run(lambda ts: "standing" if ts < 3 else "lying", 8)
    (fall,) = falls(events)
    assert fall.severity is Severity.CRITICAL
    assert fall.start_s == pytest.approx(3 - 1 / POSE_FPS)  # the last moment seen standing
    assert 3 + STAY_DOWN_S <= fall.last_s <= 3 + STAY_DOWN_S + 0.3  # raised ~1.5 s after going down
    assert fall.track_ids == ()  # no person box needed once someone lies on the floor
    end = [e for e in events if e.type is EventType.FALL and e.phase is EventPhase.END]
    assert end and end[0].key == fall.key


def test_lying_from_the_start_is_not_a_fall():
    assert falls(run(lambda ts: "lying", 20)) == []


def test_lying_down_slowly_through_kneeling_is_not_a_fall():
    # Standing, kneels for 4 s (longer than the fall window), then lies down.
    events = run(lambda ts: "standing" if ts < 3 else "kneeling" if ts < 3 + 4 else "lying", 15)
    assert FALL_WINDOW_S < 4
    assert falls(events) == []


def test_bending_down_briefly_is_not_a_fall():
    # Picking something up: down for half a second, up again.
    events = run(lambda ts: "lying" if 3 <= ts < 3.5 else "standing", 10)
    assert falls(events) == []


def test_kneeling_and_standing_again_is_not_a_fall():
    assert falls(run(lambda ts: "kneeling" if 3 <= ts < 8 else "standing", 12)) == []


def test_getting_up_ends_the_fall():
    events = run(lambda ts: "standing" if ts < 3 or ts >= 9 else "lying", 12)
    (fall,) = falls(events)
    (end,) = [e for e in events if e.type is EventType.FALL and e.phase is EventPhase.END]
    assert end.key == fall.key and 9 <= end.end_s <= 9.8


def test_a_missed_pose_while_lying_does_not_reset_stay_down():
    events = run(lambda ts: "standing" if ts < 3 else None if 3.5 <= ts < 3.8 else "lying", 8)
    assert len(falls(events)) == 1


def test_read_pose_postures_and_unseen_torso():
    assert read_pose(skeleton("standing", 320, 450)).posture is Posture.STANDING
    assert read_pose(skeleton("kneeling", 320, 450)).posture is Posture.OTHER
    assert read_pose(skeleton("lying", 320, 450)).posture is Posture.LYING
    assert read_pose(skeleton("standing", 320, 450, score=0.05)) is None


def test_step_fall_needs_the_shoulders_to_drop():
    stand = read_pose(skeleton("standing", 320, 450))
    # A skeleton lying high up in the picture (e.g. on a shelf-level bench) right after standing.
    high = read_pose(skeleton("lying", 320, 250))
    state = FallState()
    for i in range(8):
        state, _ = step_fall(state, stand, i / 8)
    state, _ = step_fall(state, high, 1.1)
    assert state.fell is False
