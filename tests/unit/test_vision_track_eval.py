"""Track scoring: the MOT ground-truth reader and the metrics on tiny hand-made sequences."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from shopguard.cli import main
from shopguard.domain.geometry import Box
from shopguard.domain.vision import Track
from shopguard.errors import ConfigError, SourceError
from shopguard.vision.track_eval import (
    GtPerson,
    MetricsLibraryMissing,
    load_mot_gt,
    parse_mot_gt,
    score_tracks,
)


def _track(track_id: int, x: float, y: float = 100, w: float = 50, h: float = 120) -> Track:
    return Track(track_id, Box(x, y, x + w, y + h), 0.9, 0.0, 0.0, 5, True)


def _person(person_id: int, x: float, y: float = 100, w: float = 50, h: float = 120) -> GtPerson:
    return GtPerson(person_id, Box(x, y, x + w, y + h))


def test_gt_lines_become_people_per_zero_based_frame() -> None:
    gt = parse_mot_gt(
        ["1,1,399,182,121,229,1,-1,-1,-1", "", "2,1,401,182,121,229,1,-1,-1,-1", "2,7,10,20,30,40,0"]
    )
    assert sorted(gt) == [0, 1]
    (first,) = gt[0]
    assert first.person_id == 1 and first.considered
    assert first.box == Box(398, 181, 519, 410)  # MOT's 1-based left/top to 0-based pixels
    assert [p.considered for p in gt[1]] == [True, False]  # column 7 = 0: MOT's "ignore"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("1,1,2,3,4", "at least 6"),
        ("1,1,a,3,4,5", "numbers"),
        ("0,1,2,3,4,5", "≥ 1"),
        ("1.5,1,2,3,4,5", "≥ 1"),
        ("1,1,2,3,0,5", "> 0"),
        ("1,1,2,3,nan,5", "numbers"),
    ],
)
def test_a_bad_gt_line_is_named_by_number(line: str, reason: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_mot_gt(["1,1,2,3,4,5", line], "gt.txt")
    assert "line 2" in info.value.en and reason in info.value.en
    assert "2행" in info.value.ko


def test_missing_gt_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        load_mot_gt(tmp_path / "gt.txt")


def test_perfect_tracks_score_perfectly() -> None:
    gt = {f: [_person(1, 10 + 5 * f), _person(2, 300 - 5 * f)] for f in range(10)}
    shown = [(_track(7, 10 + 5 * f), _track(8, 300 - 5 * f)) for f in range(10)]
    score = score_tracks(gt, shown, [True] * 10)
    assert (score.recall, score.precision, score.mota, score.idf1) == (1.0, 1.0, 1.0, 1.0)
    assert score.id_switches == 0 and score.ids_per_person == 1.0 and score.gt_people == 2


def test_a_known_id_switch_is_counted() -> None:
    """One person followed by id 1 for five frames, then by id 2: one switch, two ids for one
    person, IDF1 = 2·5 / (10 + 10), MOTA = 1 − 1/10."""
    gt = {f: [_person(1, 10 + 5 * f)] for f in range(10)}
    shown = [(_track(1 if f < 5 else 2, 10 + 5 * f),) for f in range(10)]
    score = score_tracks(gt, shown, [True] * 10)
    assert score.recall == 1.0 and score.precision == 1.0
    assert score.id_switches == 1
    assert score.track_ids == 2 and score.ids_per_person == 2.0
    assert score.idf1 == pytest.approx(0.5)
    assert score.mota == pytest.approx(0.9)


def test_boxes_below_half_overlap_are_a_miss_and_a_false_positive() -> None:
    gt = {0: [_person(1, 100)]}
    score = score_tracks(gt, [(_track(1, 140),)], [True])  # IoU 10/90 of the width
    assert score.recall == 0.0 and score.misses == 1 and score.false_positives == 1
    assert score.precision == 0.0


def test_people_below_min_height_are_dont_care() -> None:
    """A small person covered by a track is no false positive, one not covered is no miss; a
    track on nobody stays a false positive."""
    small = GtPerson(2, Box(400, 100, 420, 140))  # 40 px tall
    gt = {0: [_person(1, 10), small], 1: [_person(1, 15), small]}
    shown = [(_track(1, 10), Track(5, small.box, 0.9, 0, 0, 5, True)), (_track(1, 15), _track(9, 200))]
    score = score_tracks(gt, shown, [True, True], min_height=60)
    assert score.gt_boxes == 2 and score.gt_people == 1
    assert score.misses == 0 and score.false_positives == 1
    assert score.precision == pytest.approx(2 / 3)
    # With a lower bar the small person counts: covered in frame 0, missed in frame 1.
    low = score_tracks(gt, shown, [True, True], min_height=30)
    assert low.gt_boxes == 4 and low.misses == 1 and low.false_positives == 1


def test_tracks_held_but_not_shown_are_not_scored() -> None:
    hidden = Track(3, Box(300, 100, 350, 220), 0.9, 0.0, 0.0, 5, True, lost_frames=4, shown=False)
    score = score_tracks({0: [_person(1, 10)]}, [(_track(1, 10), hidden)], [True])
    assert score.false_positives == 0 and score.precision == 1.0 and score.shown_track_ids == 1


def test_flagged_people_are_dont_care() -> None:
    ignored = GtPerson(3, Box(300, 100, 350, 220), considered=False)
    score = score_tracks({0: [ignored]}, [(_track(4, 300),)], [True])
    assert score.gt_boxes == 0 and score.false_positives == 0


def test_recall_over_analysed_frames_only() -> None:
    """Tracks frozen between analysed frames fall off the walking person: the every-frame recall
    is lower than the analysed-frame one."""
    gt = {f: [_person(1, 10 + 20 * f)] for f in range(4)}
    shown = [(_track(1, 10),), (_track(1, 10),), (_track(1, 50),), (_track(1, 50),)]
    score = score_tracks(gt, shown, [True, False, True, False])
    assert score.recall_analysed == 1.0
    assert score.recall == pytest.approx(0.5)
    assert (score.frames, score.analysed_frames) == (4, 2)


def test_gt_beyond_the_video_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="frame 3"):
        score_tracks({2: [_person(1, 10)]}, [(), ()], [True, True])


def test_missing_metrics_library_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "motmetrics", None)  # import now raises ImportError
    with pytest.raises(MetricsLibraryMissing) as info:
        score_tracks({}, [()], [True])
    assert "pip install" in info.value.en and "설치" in info.value.ko


def test_cli_names_the_bad_gt_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"not opened: the GT file is checked first")
    gt = tmp_path / "gt.txt"
    gt.write_text("1,1,2,3,4,5\n1,2,x,3,4,5\n", encoding="utf-8")
    assert main(["evaluate-tracks", str(video), str(gt)]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "2행" in err
