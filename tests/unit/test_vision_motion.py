"""Motion detector on synthetic frames: still scenes stay quiet, a moving block is found."""

from __future__ import annotations

import numpy as np

from shopguard.vision.motion import MotionDetector


def _scene(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(60, 90, (240, 320, 3), dtype=np.uint8)


def test_still_noisy_scene_has_no_motion() -> None:
    detector = MotionDetector()
    base = _scene()
    rng = np.random.default_rng(1)
    results = []
    for _ in range(30):
        noise = rng.integers(-3, 4, base.shape)
        results.append(detector.detect(np.clip(base + noise, 0, 255).astype(np.uint8)))
    assert not any(r.moving for r in results)


def test_moving_block_is_found_where_it_is() -> None:
    detector = MotionDetector()
    base = _scene()
    for _ in range(5):
        detector.detect(base)
    frame = base.copy()
    frame[100:180, 200:240] = 250
    result = detector.detect(frame)
    assert result.moving
    box = max(result.boxes, key=lambda b: b.area)
    assert 180 <= box.x1 <= 205 and 235 <= box.x2 <= 260
    assert 80 <= box.y1 <= 105 and 175 <= box.y2 <= 200


def test_lights_switched_on_recalibrates_instead_of_alarming_forever() -> None:
    detector = MotionDetector()
    dark = np.full((240, 320, 3), 20, np.uint8)
    detector.detect(dark)
    bright = np.full((240, 320, 3), 200, np.uint8)
    assert detector.detect(bright).recalibrated
    assert not detector.detect(bright).moving
