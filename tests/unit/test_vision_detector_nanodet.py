"""NanoDet candidate (models/nanodet_decode.py): a missing rebuild is named with the fix, and our
decoding turns cell outputs into boxes."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.errors import ModelFileError
from tests.fakes.model_tools import models_script


@pytest.fixture(scope="module")
def nd():
    with models_script("nanodet_decode") as module:
        yield module


def test_a_missing_candidate_says_it_is_not_shipped_and_how_to_rebuild(nd, tmp_path) -> None:
    missing = tmp_path / "person_nanodet.onnx"
    with pytest.raises(ModelFileError) as info:
        nd.NanoDetPersonDetector(missing)
    assert str(missing) in info.value.en and "not shipped" in info.value.en
    assert "models/convert_candidates.sh --out" in info.value.en and "convert_candidates.sh" in info.value.ko


def test_the_default_candidate_folder_follows_the_environment(nd, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(nd.CANDIDATES_ENV, str(tmp_path))
    assert nd.default_candidate() == tmp_path / "person_nanodet.onnx"


def test_outputs_of_another_model_are_refused(nd) -> None:
    with pytest.raises(ModelFileError, match="not NanoDet's"):
        nd.levels({"boxes": (1, 100, 4), "scores": (1, 100)})


def fake_outputs(nd, cells: dict[int, tuple[int, int, float, list[int]]]) -> dict[str, np.ndarray]:
    """Raw outputs that are empty except the given cells: stride -> (row, col, score, side bins)."""
    raw = {}
    for stride in nd.STRIDES_PX:
        n = (nd.NANODET_INPUT_PX // stride) ** 2
        scores = np.zeros((1, n, nd.COCO_CLASSES), np.float32)
        sides = np.zeros((1, n, 4 * nd.REG_BINS), np.float32)
        if stride in cells:
            row, col, score, bins = cells[stride]
            index = row * (nd.NANODET_INPUT_PX // stride) + col
            scores[0, index, nd.PERSON_COLUMN] = score
            for side, bin_ in enumerate(bins):
                sides[0, index, side * nd.REG_BINS + bin_] = 50.0  # softmax ~ one-hot on that bin
        raw[f"s{stride}"], raw[f"d{stride}"] = scores, sides
    return raw


def decode(nd, raw, shape, scale, threshold: float = 0.5):
    levels = nd.levels({name: array.shape for name, array in raw.items()})
    return nd.decode(levels, shape, scale, raw, threshold)


def test_a_cell_becomes_a_box_around_its_centre_in_frame_pixels(nd) -> None:
    # Stride 16, row 10, col 5: centre (88, 168) in model pixels; sides 2, 3, 1, 4 strides.
    raw = fake_outputs(nd, {16: (10, 5, 0.9, [2, 3, 1, 4])})
    scale = 0.5  # a 832-px frame fitted into 416
    (det,) = decode(nd, raw, (624, 832), scale)
    assert det.score == pytest.approx(0.9)
    assert (det.box.x1, det.box.y1, det.box.x2, det.box.y2) == pytest.approx(
        ((88 - 32) / scale, (168 - 48) / scale, (88 + 16) / scale, (168 + 64) / scale)
    )


def test_low_scores_and_duplicates_are_dropped(nd) -> None:
    raw = fake_outputs(
        nd, {8: (20, 20, 0.8, [4, 8, 4, 8]), 16: (10, 10, 0.7, [2, 4, 2, 4]), 32: (1, 1, 0.3, [1] * 4)}
    )
    found = decode(nd, raw, (416, 416), 1.0)
    assert len(found) == 1  # stride 8 and 16 saw the same person; stride 32's cell is below 0.5
    assert found[0].score == pytest.approx(0.8)


def test_the_frame_keeps_its_shape_in_the_model_input(nd) -> None:
    frame = np.full((480, 640, 3), 200, np.uint8)
    blob, scale = nd.model_input(frame)
    assert blob.shape == (1, 3, 416, 416) and scale == pytest.approx(416 / 640)
    # 480 * 0.65 = 312 rows of picture, then black padding (normalised to -mean/std) below.
    assert blob[0, 0, 311, 0] == pytest.approx((200 - nd.MEAN_BGR[0]) / nd.STD_BGR[0])
    assert blob[0, 0, 312, 0] == pytest.approx(-nd.MEAN_BGR[0] / nd.STD_BGR[0])
