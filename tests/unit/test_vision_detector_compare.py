"""The detector comparison's scoring (models/compare_detectors.py): what counts as found, missed, false."""

from __future__ import annotations

import pytest

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection
from tests.fakes.model_tools import models_script


@pytest.fixture(scope="module")
def compare():
    with models_script("compare_detectors") as module:
        yield module


def test_tiles_cover_the_frame_with_the_fewest_model_sized_tiles(compare) -> None:
    grid = compare.tiles(640, 480, 300)
    assert len(grid) == 6
    assert all(x2 - x1 == 300 and y2 - y1 == 300 for x1, y1, x2, y2 in grid)
    assert {(x1, y1) for x1, y1, _, _ in grid} >= {(0, 0), (340, 180)}
    assert compare.tiles(640, 480, 640) == [(0, 0, 640, 480)]


def test_small_people_neither_count_nor_hurt_and_duplicates_are_false(compare) -> None:
    tall = Box(100, 100, 140, 200)  # 100 px tall
    small = Box(300, 300, 315, 340)  # 40 px: below the 60 px bar
    found = [
        Detection(Box(102, 98, 141, 203), 0.9),
        Detection(Box(101, 100, 139, 198), 0.8),  # the same person again
        Detection(Box(300, 301, 314, 341), 0.7),
        Detection(Box(500, 100, 540, 200), 0.6),  # nobody there
    ]
    assert compare.match(found, [tall, small], 0.5) == (1, 1, 2, 4)
    assert compare.match(found, [tall, small], 0.75) == (1, 1, 1, 2)


def test_recall_at_precision_picks_the_best_threshold_that_keeps_precision(compare) -> None:
    points = {0.1: (0.95, 0.6), 0.3: (0.8, 0.91), 0.5: (0.7, 0.99)}
    assert compare.at_precision(points) == (0.8, 0.3)
    assert compare.at_precision({0.1: (0.9, 0.5)}) is None


def test_mosaic_halves_four_frames_and_their_people(compare) -> None:
    import numpy as np

    frames = [
        compare.Sample(f"f{i}", np.full((480, 640, 3), i * 30, np.uint8), [Box(100, 100, 200, 400)])
        for i in range(8)
    ]
    mosaics = compare.mosaic_samples(frames, "clip")
    assert len(mosaics) == 2
    first = mosaics[0]
    assert first.frame.shape == (480, 640, 3)
    # Frames 0, 2, 4, 6 (a quarter of the clip apart) fill the four quadrants, each at half size.
    corners = ((10, 10), (330, 10), (10, 250), (330, 250))
    assert [int(first.frame[y, x, 0]) for x, y in corners] == [0, 60, 120, 180]
    assert [(b.x1, b.y1, b.x2, b.y2) for b in first.truth] == [
        (50, 50, 100, 200),
        (370, 50, 420, 200),
        (50, 290, 100, 440),
        (370, 290, 420, 440),
    ]


def test_an_absent_nanodet_candidate_is_refused_with_the_rebuild_command(compare, tmp_path) -> None:
    from shopguard.errors import ModelFileError

    with pytest.raises(ModelFileError, match="convert_candidates.sh"):
        compare.detectors(tmp_path / "person_nanodet.onnx", ["nanodet"])
