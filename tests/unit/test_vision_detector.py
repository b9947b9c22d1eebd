"""SSDLite person detector: a batch of crops gives each crop exactly what detect() gives it alone."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.vision.detector import SSD_INPUT_PX, SsdLitePersonDetector

# Random texture scores far below any real threshold: keep every box the graph returns to compare.
LOW_SCORE = 0.0


def textured_frames() -> list[np.ndarray]:
    """Distinct frames of different sizes: a batch mix-up or a wrong per-frame scale would show."""
    rng = np.random.default_rng(7)
    frames = []
    for height, width in ((SSD_INPUT_PX, SSD_INPUT_PX), (576, 768), (SSD_INPUT_PX, SSD_INPUT_PX), (240, 180)):
        small = rng.integers(0, 256, (height // 20 + 1, width // 20 + 1, 3), dtype=np.uint8)
        frames.append(np.ascontiguousarray(np.kron(small, np.ones((20, 20, 1), np.uint8))[:height, :width]))
    return frames


@pytest.fixture(scope="module")
def detectors() -> tuple[SsdLitePersonDetector, SsdLitePersonDetector]:
    batched = SsdLitePersonDetector(score_threshold=LOW_SCORE, threads=1, batched=True)
    looped = SsdLitePersonDetector(score_threshold=LOW_SCORE, threads=1)
    return batched, looped


def test_the_bundled_graph_takes_a_batch(detectors) -> None:
    batched, looped = detectors
    assert batched.batched and not looped.batched


def test_batch_equals_one_by_one(detectors) -> None:
    batched, looped = detectors
    frames = textured_frames()
    alone = [batched.detect(frame).detections for frame in frames]
    assert sum(len(found) for found in alone) > 0, "the comparison needs some boxes"
    assert alone[0] != alone[2], "frames must differ, or a mix-up in the batch would go unseen"
    for detector in (batched, looped):
        many = detector.detect_many(frames)
        assert len(many) == len(frames)
        for out, expected, frame in zip(many, alone, frames, strict=True):
            assert len(out.detections) == len(expected)
            for got, want in zip(out.detections, expected, strict=True):
                assert got.score == pytest.approx(want.score, abs=1e-5)
                assert got.box.x1 == pytest.approx(want.box.x1, abs=0.01)
                assert got.box.y2 == pytest.approx(want.box.y2, abs=0.01)
                assert got.box.x2 <= frame.shape[1] and got.box.y2 <= frame.shape[0]
            assert out.model_ms > 0


def test_no_frames_no_run(detectors) -> None:
    assert detectors[0].detect_many([]) == []
