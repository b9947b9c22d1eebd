"""Score raised events against hand labels: hits, misses, false alarms and delays, per event type."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# An event counts for a label when it starts within this many seconds of the labelled span: a fall
# incident starts at the last moment the person stood (up to ~2 s before the labelled moment on the
# floor), and a zone or line event may start a moment before the labelled instant (a foot point is
# not the foot the labeller watched). How late the alert came is the delay, reported beside.
SLACK_S = 3.0
NONE = "none"  # the label type of a clip on which nothing at all may be raised


@dataclass(frozen=True)
class Label:
    """What a person saw: `type` (an EventType value, or NONE) from `start_s` to `end_s`
    (None = an instant, e.g. the moment someone is on the floor)."""

    type: str
    start_s: float | None = None
    end_s: float | None = None


@dataclass(frozen=True)
class Detected:
    """One raised incident, as the scoring needs it: `start_s` is when the incident began (a fall:
    the last moment the person stood; loitering: when they entered the zone), `alerted_s` when the
    alert was raised (None: at the start)."""

    type: str
    start_s: float
    alerted_s: float | None = None

    @property
    def alert_s(self) -> float:
        return self.start_s if self.alerted_s is None else self.alerted_s


@dataclass(frozen=True)
class ClipScore:
    """Per label: the index of the event that hit it (None = missed) and the delay (alert time −
    label start; for loitering it includes the zone's dwell limit); per event: the index of the
    label it hit. False alarms are events of an evaluated type that hit no label; events of other
    types are neither."""

    label_event: tuple[int | None, ...]
    delays_s: tuple[float | None, ...]
    event_label: tuple[int | None, ...]
    false_alarms: tuple[int, ...]


@dataclass(frozen=True)
class TypeScore:
    type: str
    labels: int
    hits: int
    misses: int
    false_alarms: int
    delays_s: tuple[float, ...]

    @property
    def median_delay_s(self) -> float | None:
        return statistics.median(self.delays_s) if self.delays_s else None

    @property
    def max_delay_s(self) -> float | None:
        return max(self.delays_s) if self.delays_s else None


@dataclass(frozen=True)
class Evaluation:
    types: tuple[TypeScore, ...]
    clips: dict[str, ClipScore]


def evaluated_types(labels: Iterable[Label]) -> tuple[str, ...]:
    """The event types the labels speak about, in order of first appearance (NONE is no type)."""
    return tuple(dict.fromkeys(label.type for label in labels if label.type != NONE))


def window(label: Label, slack_s: float = SLACK_S) -> tuple[float, float]:
    """The span in which an event's start hits `label`."""
    start = _start(label)
    end = start if label.end_s is None else label.end_s
    return start - slack_s, end + slack_s


def _start(label: Label) -> float:
    if label.start_s is None:
        raise ValueError(f"a {label.type} label needs a start")
    return label.start_s


def score_clip(
    labels: Sequence[Label], events: Sequence[Detected], types: Iterable[str], slack_s: float = SLACK_S
) -> ClipScore:
    """Labels in order of start each take the earliest unused event of their type in their window."""
    wanted = set(types)
    label_event: list[int | None] = [None] * len(labels)
    delays: list[float | None] = [None] * len(labels)
    event_label: list[int | None] = [None] * len(events)
    order = sorted(
        (i for i, label in enumerate(labels) if label.type != NONE), key=lambda i: _start(labels[i])
    )
    by_start = sorted(range(len(events)), key=lambda j: events[j].start_s)
    for i in order:
        label = labels[i]
        low, high = window(label, slack_s)
        for j in by_start:
            event = events[j]
            if event_label[j] is None and event.type == label.type and low <= event.start_s <= high:
                label_event[i], event_label[j] = j, i
                delays[i] = event.alert_s - _start(label)
                break
    false_alarms = tuple(j for j in range(len(events)) if event_label[j] is None and events[j].type in wanted)
    return ClipScore(tuple(label_event), tuple(delays), tuple(event_label), false_alarms)


def score(
    labels_by_clip: Mapping[str, Sequence[Label]],
    events_by_clip: Mapping[str, Sequence[Detected]],
    slack_s: float = SLACK_S,
) -> Evaluation:
    """Every labelled clip against its events (a clip missing from `events_by_clip` raised none)."""
    types = evaluated_types(label for labels in labels_by_clip.values() for label in labels)
    clips = {
        clip: score_clip(labels, events_by_clip.get(clip, ()), types, slack_s)
        for clip, labels in labels_by_clip.items()
    }
    return Evaluation(tuple(_tally(kind, labels_by_clip, events_by_clip, clips) for kind in types), clips)


def tally(
    evaluation: Evaluation,
    labels_by_clip: Mapping[str, Sequence[Label]],
    events_by_clip: Mapping[str, Sequence[Detected]],
    clips: Iterable[str],
) -> tuple[TypeScore, ...]:
    """The per-type figures of `evaluation` over some of its clips (e.g. the held-out ones), for
    every type the whole evaluation speaks about (a type without labels there has labels=0)."""
    chosen = set(clips)
    subset = {clip: result for clip, result in evaluation.clips.items() if clip in chosen}
    return tuple(_tally(t.type, labels_by_clip, events_by_clip, subset) for t in evaluation.types)


def _tally(
    kind: str,
    labels_by_clip: Mapping[str, Sequence[Label]],
    events_by_clip: Mapping[str, Sequence[Detected]],
    clips: Mapping[str, ClipScore],
) -> TypeScore:
    count = false_alarms = 0
    delays: list[float] = []
    for clip, result in clips.items():
        for label, delay in zip(labels_by_clip[clip], result.delays_s, strict=True):
            if label.type == kind:
                count += 1
                if delay is not None:
                    delays.append(delay)
        events = events_by_clip.get(clip, ())
        false_alarms += sum(1 for j in result.false_alarms if events[j].type == kind)
    return TypeScore(kind, count, len(delays), count - len(delays), false_alarms, tuple(delays))
