"""NanoDet: the model file is checked at load, and our decoding turns cell outputs into boxes."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from shopguard.errors import ModelFileError
from shopguard.paths import resource_path
from shopguard.vision import detector_nanodet as nd


@pytest.fixture
def models_copy(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    folder.mkdir()
    shutil.copy(resource_path("models", "MANIFEST.json"), folder)
    shutil.copy(resource_path("models", "person_nanodet.onnx"), folder)
    monkeypatch.setenv("SHOPGUARD_MODELS_DIR", str(folder))
    return folder


def test_a_corrupt_nanodet_file_is_named_with_the_fix(models_copy) -> None:
    target = models_copy / "person_nanodet.onnx"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(ModelFileError) as info:
        nd.NanoDetPersonDetector()
    assert "person_nanodet.onnx" in info.value.en and "corrupt" in info.value.en
    assert "손상" in info.value.ko


def test_outputs_of_another_model_are_refused() -> None:
    with pytest.raises(ModelFileError, match="not NanoDet's"):
        nd._levels({"boxes": (1, 100, 4), "scores": (1, 100)})


def fake_outputs(cells: dict[int, tuple[int, int, float, list[int]]]) -> dict[str, np.ndarray]:
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


def decoder(threshold: float = 0.5) -> nd.NanoDetPersonDetector:
    shapes = {name: array.shape for name, array in fake_outputs({}).items()}
    detector = object.__new__(nd.NanoDetPersonDetector)
    detector.score_threshold = threshold
    detector._levels = nd._levels(shapes)
    return detector


def test_a_cell_becomes_a_box_around_its_centre_in_frame_pixels() -> None:
    # Stride 16, row 10, col 5: centre (88, 168) in model pixels; sides 2, 3, 1, 4 strides.
    raw = fake_outputs({16: (10, 5, 0.9, [2, 3, 1, 4])})
    scale = 0.5  # a 832-px frame fitted into 416
    (det,) = decoder()._decode((624, 832), scale, raw)
    assert det.score == pytest.approx(0.9)
    assert (det.box.x1, det.box.y1, det.box.x2, det.box.y2) == pytest.approx(
        ((88 - 32) / scale, (168 - 48) / scale, (88 + 16) / scale, (168 + 64) / scale)
    )


def test_low_scores_and_duplicates_are_dropped() -> None:
    raw = fake_outputs(
        {8: (20, 20, 0.8, [4, 8, 4, 8]), 16: (10, 10, 0.7, [2, 4, 2, 4]), 32: (1, 1, 0.3, [1] * 4)}
    )
    found = decoder()._decode((416, 416), 1.0, raw)
    assert len(found) == 1  # stride 8 and 16 saw the same person; stride 32's cell is below 0.5
    assert found[0].score == pytest.approx(0.8)
