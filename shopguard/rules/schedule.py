"""Open hours: is a schedule open at a local date and time (ranges may run past midnight)."""

from __future__ import annotations

from datetime import datetime

from shopguard.config.zones import Schedule, TimeRange


def _in_range(rng: TimeRange, moment: datetime) -> bool:
    clock = moment.time().replace(tzinfo=None)
    weekday = moment.weekday()
    yesterday = (weekday - 1) % 7
    if rng.start == rng.end:  # a whole day
        return weekday in rng.days
    if rng.start < rng.end:
        return weekday in rng.days and rng.start <= clock < rng.end
    # Past midnight: 22:00–06:00 on Friday also covers Saturday 00:00–06:00.
    return (weekday in rng.days and clock >= rng.start) or (yesterday in rng.days and clock < rng.end)


def is_open(schedule: Schedule | None, moment: datetime) -> bool:
    """A zone without a schedule is never 'open': its intrusion rule always applies."""
    if schedule is None:
        return False
    return any(_in_range(rng, moment) for rng in schedule.ranges)
