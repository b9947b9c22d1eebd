"""The fall decision for one person, a pure step over (state, posture reading, time).

A FALL is a person seen standing who is down on the floor at most FALL_WINDOW_S after the last
moment they stood (falls take 0.5-2 s; lying down on purpose goes through sitting or kneeling and
takes longer) and who stays down STAY_DOWN_S without being seen upright again. Looks in which the
person is not read at all (the pose model loses many people on the floor) keep the spell alive for
CARRY_S after the last down reading. So:
- lying from the start of the picture: never seen standing, no yardstick, no fall;
- sitting, kneeling, crouching, bending: the shoulders stay high or the hips stay off the floor
  (fall_posture.py);
- picking something up, jumping: down for less than STAY_DOWN_S, or not down at all."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from shopguard.rules.fall_features import Standing
from shopguard.rules.fall_posture import REF_FRESH_S, Posture, PostureReading

STAND_MIN_S = 0.25  # two looks at close watch: one stray "standing" skeleton is no yardstick
FALL_WINDOW_S = 2.0
STAY_DOWN_S = 1.0  # with the pose rate (8 Hz) this alerts ~1.2 s after the body is down
CARRY_S = 1.5  # unread this long after the last down look: the spell is given up
MIN_DOWN_READINGS = 2
GOT_UP_S = 0.5  # upright this long after an alert: the incident ends
# Between looks this close together a person's size in the picture changes by a few per cent
# (walking 1.4 m/s at 5 m is ~3 % per look at 8 Hz); a standing-shaped skeleton more than REF_KEEP
# off the yardstick is a body starting to go down (shorter, or longer when it tips away from a
# steep camera) and must not move the yardstick with it.
REF_KEEP = 0.9


class FallChange(StrEnum):
    FELL = "fell"  # alert: went down fast and stayed down
    GOT_UP = "got_up"


@dataclass(frozen=True, slots=True)
class FallState:
    ref: Standing | None = None  # the last standing yardstick (kept once STAND_MIN_S long)
    stand_since_s: float | None = None  # start of the current upright run
    down_since_s: float | None = None  # first down look of a spell that began as a fall
    last_down_s: float | None = None
    downs: int = 0
    alerted: bool = False

    @property
    def fall_start_s(self) -> float | None:
        """The last moment seen standing before the current spell."""
        return None if self.down_since_s is None or self.ref is None else self.ref.ts


def step_fall(
    state: FallState, reading: PostureReading | None, ts: float
) -> tuple[FallState, FallChange | None]:
    """One look at one person (`reading` None: not read in this look)."""
    if reading is None or reading.posture is Posture.UNJUDGED:
        return _check(_drop_stale(state, ts), ts)
    if reading.posture is Posture.UPRIGHT:
        return _upright(state, reading, ts)
    state = replace(state, stand_since_s=None)
    if reading.posture is Posture.LOW:
        return _check(_drop_stale(state, ts), ts)
    if state.down_since_s is None:
        if state.ref is None or ts - state.ref.ts > FALL_WINDOW_S or state.alerted:
            return state, None
        state = replace(state, down_since_s=ts, downs=0)
    return _check(replace(state, last_down_s=ts, downs=state.downs + 1), ts)


def _upright(state: FallState, reading: PostureReading, ts: float) -> tuple[FallState, FallChange | None]:
    since = state.stand_since_s if state.stand_since_s is not None else ts
    state = replace(state, stand_since_s=since)
    own = reading.standing
    steady = ts - since >= STAND_MIN_S
    if own is not None and steady and (state.ref is None or _keeps_size(own, state.ref, ts)):
        state = replace(state, ref=own)
    if state.alerted:
        if ts - since >= GOT_UP_S:
            return _cleared(state), FallChange.GOT_UP
        return state, None
    return _cleared(state), None


def _keeps_size(own: Standing, ref: Standing, ts: float) -> bool:
    size = own.height_px / max(ref.height_px, 1.0)
    return ts - ref.ts > REF_FRESH_S or REF_KEEP <= size <= 1.0 / REF_KEEP


def _cleared(state: FallState) -> FallState:
    return replace(state, down_since_s=None, last_down_s=None, downs=0, alerted=False)


def _drop_stale(state: FallState, ts: float) -> FallState:
    if state.alerted or state.last_down_s is None or ts - state.last_down_s <= CARRY_S:
        return state
    return _cleared(state)


def _check(state: FallState, ts: float) -> tuple[FallState, FallChange | None]:
    if (
        not state.alerted
        and state.down_since_s is not None
        and state.last_down_s is not None
        and state.downs >= MIN_DOWN_READINGS
        and ts - state.down_since_s >= STAY_DOWN_S
    ):
        return replace(state, alerted=True), FallChange.FELL
    return state, None
