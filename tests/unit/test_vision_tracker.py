"""Tracker: stable ids through motion, short misses and crossings; noise never becomes a track."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection
from shopguard.vision.appearance import torso_histogram
from shopguard.vision.kalman import BoxKalman
from shopguard.vision.tracker import MATCH_IOU, WALK_HEIGHTS_PER_S, ByteTracker, _associate, _TrackState


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


def _confirmed_after(rate_hz: float) -> float:
    """Seconds from a newcomer's first sighting (the camera has looked before) to its track."""
    tracker = ByteTracker()
    tracker.update((), 0.0)
    for i in range(1, 20):
        ts = i / rate_hz
        if tracker.update((_det(100 + i),), ts):
            return ts - 1 / rate_hz
    raise AssertionError("never confirmed")


def test_confirmation_takes_the_same_time_at_any_analysis_rate() -> None:
    """The pipeline analyses 4–12.5 frames a second: a person is on screen within ~0.3 s at
    every rate, not after a fixed number of frames (3 frames at 4 Hz were 0.5 s)."""
    for rate in (4.0, 8.0, 12.5, 25.0):
        assert 0.15 <= _confirmed_after(rate) <= 0.3, rate


def test_clear_people_in_the_cameras_first_look_are_real_at_once() -> None:
    """Nothing came before the first look for a detection to be noise against (ByteTrack
    activates the first frame's tracks too); an unsure box still waits."""
    tracker = ByteTracker()
    (track,) = tracker.update((_det(100), Detection(Box(300, 100, 340, 200), 0.45)), 0.0)
    assert track.track_id == 1 and track.box == _det(100).box
    assert tracker.update((_det(100), _det(400)), 0.25)[1:] == ()  # a newcomer later: not yet


def test_a_tentative_track_survives_one_missed_look() -> None:
    tracker = ByteTracker()
    tracker.update((_det(100),), 0.0)
    tracker.update((), 0.25)  # the detector missed them once
    assert [t.track_id for t in tracker.update((_det(104),), 0.5)] == [1]


def test_predicted_moves_the_box_without_changing_the_tracker() -> None:
    tracker = ByteTracker()
    for i in range(10):
        tracker.update((_det(50 + 20 * i),), i * 0.25)  # 80 px/s to the right
    (before,) = tracker.active()
    (ahead,) = tracker.predicted(2.25 + 0.125)
    assert ahead.track_id == before.track_id
    assert 5 < ahead.box.x1 - before.box.x1 < 15  # ≈ 80 px/s × 0.125 s
    assert tracker.active() == (before,)  # unchanged state
    assert tracker.predicted(2.25) == (before,)
    (again,) = tracker.update((_det(50 + 20 * 10),), 2.5)  # and tracking goes on as before
    assert again.track_id == before.track_id and again.lost_frames == 0


def test_a_lost_box_is_hidden_after_a_moment_but_its_id_kept() -> None:
    """Hidden behind a shelf: the predicted box walks on, after a moment it is no longer drawn,
    and the person coming out again gets the old id back."""
    tracker = ByteTracker()
    for i in range(10):
        tracker.update((_det(50 + 20 * i),), i * 0.25)
    last_x = tracker.active()[0].box.x1
    tracker.update((), 2.5)
    (lost,) = tracker.update((), 2.75)
    assert lost.lost_frames == 2
    assert 20 < lost.box.x1 - last_x < 45  # 80 px/s for 0.5 s
    (held,) = tracker.update((), 3.25)
    assert not held.shown  # no longer drawn, but still held: rules see the id as present
    tracks = tracker.update((_det(50 + 20 * 14),), 3.5)  # out from behind the shelf, walking on
    assert [t.track_id for t in tracks] == [1]


def test_a_coasting_box_keeps_to_walking_speed_and_size() -> None:
    """Boxes that jumped at the last looks (a detection snapping to two people) leave a velocity
    no person walks; coasting holds it to WALK_HEIGHTS_PER_S and the size still."""
    kalman = BoxKalman(Box(0, 0, 40, 100))
    for i in range(1, 6):
        kalman.predict(0.25)
        kalman.update(Box(100 * i, 0, 100 * i + 40 + 10 * i, 100 + 20 * i))  # 400 px/s, growing
    start, height = kalman.box.x1, kalman.box.height
    for _ in range(8):  # 2 s unseen
        kalman.coast(WALK_HEIGHTS_PER_S)
        kalman.predict(0.25)
    assert kalman.box.x1 - start <= WALK_HEIGHTS_PER_S * height * 2.0 + 1  # not 800 px
    assert kalman.box.height == pytest.approx(height)


def _frame(*people: tuple[Box, tuple[int, int, int]]) -> np.ndarray:
    frame = np.full((480, 640, 3), 90, dtype=np.uint8)
    for box, bgr in people:
        frame[int(box.y1) : int(box.y2), int(box.x1) : int(box.x2)] = bgr
    return frame


RED, BLUE = (30, 30, 200), (200, 60, 20)


def test_a_lost_person_is_refound_by_colour_after_a_long_hide() -> None:
    """Gone for 3 s (longer than overlap matching bridges) and back a little further on: the same
    colours within walking reach get the old id; someone in other colours gets a new one."""
    tracker = ByteTracker()
    for i in range(8):
        det = _det(100 + 10 * i, h=120)
        tracker.update((det,), i * 0.25, frame=_frame((det.box, RED)))
    for i in range(8, 20):
        tracker.update((), i * 0.25, frame=_frame())
    back, other = _det(300, h=120), _det(160, h=120)
    frame = _frame((back.box, RED), (other.box, BLUE))
    tracker.update((back, other), 5.0, frame=frame)
    tracks = tracker.update((back, other), 5.25, frame=frame)
    ids = {t.track_id: t.box.x1 for t in tracks}
    assert ids[1] > 250  # the red person at x≈300 kept id 1
    assert len(ids) == 2 and 2 in ids


def test_colours_alone_do_not_refind_someone_out_of_reach() -> None:
    tracker = ByteTracker()
    for i in range(8):
        det = _det(20 + 5 * i, h=100)
        tracker.update((det,), i * 0.25, frame=_frame((det.box, RED)))
    far = _det(560, h=100)  # 0.75 s later, 5 body heights away
    tracker.update((far,), 2.5, frame=_frame((far.box, RED)))
    tracks = tracker.update((far,), 2.75, frame=_frame((far.box, RED)))
    assert [t.track_id for t in tracks if t.lost_frames == 0] == [2]


def test_without_frames_the_tracker_still_tracks() -> None:
    """Callers and fakes that pass no frame: no colours, lost tracks go at MAX_LOST_S."""
    tracker = ByteTracker()
    for i in range(8):
        tracker.update((_det(100),), i * 0.25)
    for i in range(8, 30):
        tracker.update((), i * 0.25)
    assert [t.track_id for t in tracker.update((_det(100),), 7.5)] == []
    assert [t.track_id for t in tracker.update((_det(100),), 7.75)] == [2]


def test_a_lost_box_walking_out_of_the_picture_is_not_shown() -> None:
    tracker = ByteTracker()
    blank = _frame()
    for i in range(8):
        tracker.update((_det(460 + 20 * i),), i * 0.25, frame=blank)  # reaches the right edge
    assert tracker.active()[0].box.x2 > 630
    (lost,) = tracker.update((), 2.0, frame=blank)
    assert lost.shown
    (out,) = tracker.update((), 2.25, frame=blank)
    assert not out.shown  # more than half of it beyond x = 640
    assert [t.shown for t in tracker.predicted(2.3)] == [False]


def _state(box: Box, colours: np.ndarray) -> _TrackState:
    return _TrackState(BoxKalman(box), box, box, 0.9, 0.0, 0.0, 0.0, 5, 1, colours=colours)


def _colours(bgr: tuple[int, int, int]) -> np.ndarray:
    box = Box(0, 0, 60, 120)
    look = torso_histogram(_frame((box, bgr)), box)
    assert look is not None
    return look


def test_crossing_people_are_told_apart_by_colour() -> None:
    """Red and blue step past each other between looks: overlap alone pairs the red track with
    the blue box (0.41 vs 0.26 IoU); their colours rule that out."""
    red_track = _state(Box(200, 100, 260, 220), _colours(RED))
    blue_track = _state(Box(270, 100, 330, 220), _colours(BLUE))
    red, blue = Detection(Box(235, 100, 295, 220), 0.9), Detection(Box(225, 100, 285, 220), 0.9)
    looks = {id(red): _colours(RED), id(blue): _colours(BLUE)}
    pairs, _, _ = _associate([red_track, blue_track], [red, blue], MATCH_IOU)
    assert (red_track, blue) in pairs  # overlap alone swaps them
    pairs, free_tracks, free_dets = _associate([red_track, blue_track], [red, blue], MATCH_IOU, looks)
    assert pairs == [(red_track, red)]
    assert free_tracks == [blue_track] and free_dets == [blue]  # for re-finding by colour


def test_a_lone_overlap_is_trusted_whatever_the_colours() -> None:
    """One track near one box: colours of small or badly lit people are noisy, overlap decides."""
    track = _state(Box(200, 100, 260, 220), _colours(RED))
    det = Detection(Box(205, 100, 265, 220), 0.9)
    pairs, _, _ = _associate([track], [det], MATCH_IOU, {id(det): _colours(BLUE)})
    assert pairs == [(track, det)]
