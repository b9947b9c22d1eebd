"""Inertia for a yes/no condition over time: it must hold `on_s` before an incident starts
(short gaps up to `gap_s` forgiven) and be gone `off_s` before it ends. Pure: (state, seen, ts)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Transition(StrEnum):
    STARTED = "started"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class Inertia:
    on_s: float = 1.0
    off_s: float = 5.0
    gap_s: float = 0.6


@dataclass(frozen=True, slots=True)
class PresenceState:
    active: bool = False
    since_s: float | None = None  # first sighting of the current run (the incident's start)
    last_seen_s: float | None = None
    start_s: float | None = None  # set while active


def step_presence(
    state: PresenceState, seen: bool, ts: float, inertia: Inertia
) -> tuple[PresenceState, Transition | None]:
    """Advance one observation. ENDED incidents end at the last sighting, not at the decision."""
    if seen:
        since = state.since_s
        if since is None or state.last_seen_s is None or ts - state.last_seen_s > inertia.gap_s:
            since = ts if not state.active else since
        state = replace(state, since_s=since, last_seen_s=ts)
        if not state.active and state.since_s is not None and ts - state.since_s >= inertia.on_s:
            return replace(state, active=True, start_s=state.since_s), Transition.STARTED
        return state, None
    if state.active:
        if state.last_seen_s is not None and ts - state.last_seen_s >= inertia.off_s:
            return PresenceState(last_seen_s=state.last_seen_s), Transition.ENDED
        return state, None
    if state.last_seen_s is not None and ts - state.last_seen_s > inertia.gap_s:
        return replace(state, since_s=None), None
    return state, None


def first_known(value: float | None, fallback: float) -> float:
    """`value` unless it is None (0.0 is a real time: never use `or` on times)."""
    return fallback if value is None else value
