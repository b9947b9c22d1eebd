"""Tracker: stable ids through motion, short misses and crossings; noise never becomes a track."""

from __future__ import annotations

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection
from shopguard.vision.tracker import ByteTracker


def _det(x: float, y: float = 100, w: float = 40, h: float = 100, score: float = 0.9) -> Detection:
    return Detection(Box(x, y, x + w, y + h), score)


def test_one_walking_person_keeps_one_id() -> None:
    tracker = ByteTracker()
    ids = set()
    for i in range(60):
        for track in tracker.update((_det(50 + 8 * i),), i * 0.1):
            ids.add(track.track_id)
    assert ids == {1}


def test_id_survives_a_short_miss() -> None:
    tracker = ByteTracker()
    for i in range(10):
        tracker.update((_det(50 + 8 * i),), i * 0.1)
    for i in range(10, 15):  # hidden behind a shelf for half a second
        tracker.update((), i * 0.1)
    tracks = tracker.update((_det(50 + 8 * 15),), 1.5)
    assert [t.track_id for t in tracks] == [1]


def test_track_is_dropped_after_max_lost() -> None:
    tracker = ByteTracker(max_lost_s=1.0)
    for i in range(10):
        tracker.update((_det(100),), i * 0.1)
    assert tracker.update((), 3.0) == ()


def test_two_people_crossing_keep_their_ids() -> None:
    tracker = ByteTracker()
    history: dict[int, list[float]] = {}
    for i in range(40):
        left = _det(40 + 10 * i, y=100)
        right = _det(440 - 10 * i, y=130)
        for track in tracker.update((left, right), i * 0.1):
            history.setdefault(track.track_id, []).append(track.box.x1)
    assert set(history) == {1, 2}
    moving_right = [tid for tid, xs in history.items() if xs[-1] > xs[0]]
    moving_left = [tid for tid, xs in history.items() if xs[-1] < xs[0]]
    assert len(moving_right) == 1 and len(moving_left) == 1


def test_single_frame_blips_and_weak_detections_never_become_tracks() -> None:
    tracker = ByteTracker()
    for i in range(30):
        dets = (_det(300, score=0.4),) if i % 2 else (_det(20 * i, y=10, score=0.95),)
        tracker.update(dets if i % 7 == 0 else (_det(300, score=0.4),), i * 0.1)
    assert tracker.active() == ()


def test_weak_detection_extends_an_existing_track() -> None:
    tracker = ByteTracker()
    for i in range(5):
        tracker.update((_det(100 + 2 * i),), i * 0.1)
    tracks = tracker.update((_det(110, score=0.3),), 0.5)
    assert tracks[0].lost_frames == 0 and tracks[0].score == 0.3


def test_a_track_remembers_the_box_it_was_first_seen_in() -> None:
    """Door counting reads the side a person came from off the first box, from before the track
    was confirmed."""
    tracker = ByteTracker()
    tracks = ()
    for i in range(6):
        tracks = tracker.update((_det(50 + 8 * i),), i * 0.1)
    (track,) = tracks
    assert track.first_box == _det(50).box
    assert track.box.x1 > 80  # it has moved on since
