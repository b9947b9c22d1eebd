"""The event log folds start/update/end into one incident and keeps when the alert was raised."""

from __future__ import annotations

from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.rules.summary import EventLog


def _event(phase: EventPhase, last_s: float, end_s: float | None = None) -> Event:
    return Event("k1", EventType.FALL, phase, Severity.CRITICAL, "cam", 2.0, last_s, end_s)


def test_one_incident_keeps_its_start_its_end_and_the_moment_it_was_raised() -> None:
    log = EventLog()
    log.add([_event(EventPhase.START, 3.5)])
    log.add([_event(EventPhase.UPDATE, 5.0)])
    log.add([_event(EventPhase.END, 7.0, end_s=7.0)])
    (incident,) = log.incidents()
    assert (incident.start_s, incident.alerted_s, incident.end_s) == (2.0, 3.5, 7.0)
    assert incident.as_dict()["alerted_s"] == 3.5
