"""Scoring events against labels (shopguard/rules/scoring.py): hits, misses, false alarms, delays."""

from __future__ import annotations

import pytest

from shopguard.rules.scoring import (
    NONE,
    SLACK_S,
    ClipScore,
    Detected,
    Label,
    evaluated_types,
    score,
    score_clip,
    window,
)

FALL = "fall"
LOITER = "loiter"
TYPES = (FALL, LOITER, "door_in", "door_out")


def by_type(evaluation) -> dict[str, tuple[int, int, int, int]]:
    return {t.type: (t.labels, t.hits, t.misses, t.false_alarms) for t in evaluation.types}


def test_slack_is_the_issues_three_seconds() -> None:
    assert SLACK_S == 3.0


def test_window_of_an_instant_and_of_a_span() -> None:
    assert window(Label(FALL, 2.0)) == (-1.0, 5.0)
    assert window(Label(LOITER, 10.0, 20.0)) == (7.0, 23.0)
    assert window(Label(LOITER, 10.0, 20.0), slack_s=0.5) == (9.5, 20.5)


def test_window_needs_a_start() -> None:
    with pytest.raises(ValueError, match="needs a start"):
        window(Label(FALL))


def test_one_label_one_event_is_a_hit_with_its_delay() -> None:
    result = score_clip([Label(FALL, 1.5)], [Detected(FALL, 2.25)], TYPES)
    assert result == ClipScore(label_event=(0,), delays_s=(0.75,), event_label=(0,), false_alarms=())


def test_an_event_before_the_label_has_a_negative_delay() -> None:
    result = score_clip([Label(FALL, 1.5)], [Detected(FALL, 0.5)], TYPES)
    assert result.label_event == (0,) and result.delays_s == (-1.0,)


def test_delay_is_counted_to_the_alert_and_matching_to_the_incidents_start() -> None:
    """A fall incident starts when the person last stood (before the label) and is alerted later."""
    result = score_clip([Label(FALL, 1.5)], [Detected(FALL, 1.0, alerted_s=2.75)], TYPES)
    assert result.label_event == (0,) and result.delays_s == (1.25,)
    late_start = score_clip([Label(FALL, 1.5)], [Detected(FALL, 1.5 + SLACK_S + 0.1, alerted_s=1.6)], TYPES)
    assert late_start.label_event == (None,)


def test_no_event_is_a_miss() -> None:
    result = score_clip([Label(FALL, 1.5)], [], TYPES)
    assert result == ClipScore(label_event=(None,), delays_s=(None,), event_label=(), false_alarms=())


@pytest.mark.parametrize("start", [1.5 - SLACK_S, 1.5 + SLACK_S])
def test_an_event_on_the_edge_of_the_slack_still_hits(start: float) -> None:
    assert score_clip([Label(FALL, 1.5)], [Detected(FALL, start)], TYPES).label_event == (0,)


@pytest.mark.parametrize("start", [1.5 - SLACK_S - 0.01, 1.5 + SLACK_S + 0.01])
def test_an_event_just_outside_the_slack_is_a_miss_and_a_false_alarm(start: float) -> None:
    result = score_clip([Label(FALL, 1.5)], [Detected(FALL, start)], TYPES)
    assert result.label_event == (None,) and result.false_alarms == (0,)


def test_a_span_label_takes_events_starting_anywhere_in_it_plus_the_slack() -> None:
    label = Label(LOITER, 10.0, 30.0)
    assert score_clip([label], [Detected(LOITER, 33.0)], TYPES).label_event == (0,)
    assert score_clip([label], [Detected(LOITER, 33.1)], TYPES).label_event == (None,)
    assert score_clip([label], [Detected(LOITER, 7.0)], TYPES).label_event == (0,)


def test_an_open_ended_label_is_an_instant() -> None:
    """A fall has a start (on the floor) and no end: the window closes SLACK_S after the start."""
    result = score_clip([Label(FALL, 2.0)], [Detected(FALL, 5.5)], TYPES)
    assert result.label_event == (None,) and result.false_alarms == (0,)


def test_two_labels_one_event_one_hit_one_miss() -> None:
    labels = [Label("door_in", 9.0, 10.0), Label("door_in", 10.5, 11.5)]
    result = score_clip(labels, [Detected("door_in", 10.2)], TYPES)
    assert result.label_event == (0, None)
    assert result.event_label == (0,)
    assert result.false_alarms == ()


def test_each_event_hits_at_most_one_label_and_the_earliest_unused_one_is_taken() -> None:
    labels = [Label(LOITER, 10.0, 20.0), Label(LOITER, 12.0, 22.0)]
    events = [Detected(LOITER, 14.0), Detected(LOITER, 11.0)]  # out of order on purpose
    result = score_clip(labels, events, TYPES)
    assert result.label_event == (1, 0)
    assert result.event_label == (1, 0)
    assert result.delays_s == (1.0, 2.0)


def test_labels_are_matched_in_order_of_start_not_of_rows() -> None:
    labels = [Label(FALL, 5.0), Label(FALL, 1.0)]
    result = score_clip(labels, [Detected(FALL, 3.5)], TYPES)
    assert result.label_event == (None, 0)  # the earlier label took the one event


def test_two_events_for_one_label_one_hit_one_false_alarm() -> None:
    result = score_clip([Label(FALL, 2.0)], [Detected(FALL, 2.5), Detected(FALL, 3.0)], TYPES)
    assert result.label_event == (0,) and result.false_alarms == (1,)


def test_an_event_of_another_type_does_not_hit() -> None:
    result = score_clip([Label("door_in", 9.0, 10.0)], [Detected("door_out", 9.5)], TYPES)
    assert result.label_event == (None,) and result.false_alarms == (0,)


def test_events_of_types_that_are_not_evaluated_are_neither_hits_nor_false_alarms() -> None:
    result = score_clip([Label(FALL, 2.0)], [Detected("tamper_frozen", 2.0)], TYPES)
    assert result.label_event == (None,) and result.false_alarms == ()
    assert result.event_label == (None,)


def test_a_none_clip_with_an_event_is_a_false_alarm() -> None:
    result = score_clip([Label(NONE)], [Detected(FALL, 4.0)], TYPES)
    assert result.label_event == (None,) and result.delays_s == (None,)
    assert result.false_alarms == (0,)


def test_a_none_clip_without_events_is_clean() -> None:
    assert score_clip([Label(NONE)], [], TYPES).false_alarms == ()


def test_evaluated_types_follow_the_labels_in_order_and_skip_none() -> None:
    labels = [
        Label(FALL, 1.0),
        Label(NONE),
        Label(LOITER, 1.0, 2.0),
        Label(FALL, 3.0),
        Label("door_out", 1.0),
    ]
    assert evaluated_types(labels) == (FALL, LOITER, "door_out")


def test_score_totals_per_type_over_clips() -> None:
    labels = {
        "a.mp4": [Label(FALL, 1.0)],
        "b.mp4": [Label(FALL, 2.0)],
        "c.mp4": [Label(NONE)],
        "d.mp4": [Label(LOITER, 10.0, 20.0), Label(LOITER, 40.0, 50.0)],
    }
    events = {
        "a.mp4": [Detected(FALL, 1.5), Detected("tamper_moved", 0.0)],
        "b.mp4": [],
        "c.mp4": [Detected(FALL, 3.0)],
        "d.mp4": [Detected(LOITER, 9.0), Detected(LOITER, 41.0), Detected(FALL, 44.0)],
    }
    evaluation = score(labels, events)
    assert by_type(evaluation) == {FALL: (2, 1, 1, 2), LOITER: (2, 2, 0, 0)}
    fall, loiter = evaluation.types
    assert fall.delays_s == (0.5,) and fall.median_delay_s == 0.5
    assert loiter.delays_s == (-1.0, 1.0) and loiter.median_delay_s == 0.0
    assert evaluation.clips["d.mp4"].false_alarms == (2,)


def test_a_type_nobody_hit_has_no_median_delay() -> None:
    evaluation = score({"a.mp4": [Label("door_in", 1.0, 2.0)]}, {"a.mp4": []})
    [door] = evaluation.types
    assert (door.labels, door.hits, door.misses, door.false_alarms) == (1, 0, 1, 0)
    assert door.median_delay_s is None


def test_a_clip_without_an_events_entry_raised_nothing() -> None:
    evaluation = score({"a.mp4": [Label(FALL, 1.0)]}, {})
    assert by_type(evaluation) == {FALL: (1, 0, 1, 0)}


def test_a_type_only_raised_never_labelled_is_not_scored() -> None:
    """Loiter events on a falls-only label set are not counted: nothing says what is true for them."""
    evaluation = score({"a.mp4": [Label(FALL, 1.0)]}, {"a.mp4": [Detected(LOITER, 1.0)]})
    assert by_type(evaluation) == {FALL: (1, 0, 1, 0)}
    assert evaluation.clips["a.mp4"].false_alarms == ()


def test_median_of_an_even_number_of_delays() -> None:
    labels = {f"{n}.mp4": [Label(FALL, 1.0)] for n in range(4)}
    events = {f"{n}.mp4": [Detected(FALL, 1.0 + d)] for n, d in enumerate([0.2, 1.0, 0.4, 2.0])}
    [fall] = score(labels, events).types
    assert fall.median_delay_s == pytest.approx(0.7)
