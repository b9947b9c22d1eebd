"""Camera health: a covered lens is told apart from a normal picture, and one dark frame is no alarm."""

from __future__ import annotations

import numpy as np

from shopguard.services.camera_health import CoverageMonitor, featureless


def test_a_flat_picture_is_featureless_and_a_scene_is_not() -> None:
    rng = np.random.default_rng(1)
    scene = np.full((240, 320, 3), 170, np.uint8)  # a wall, a dark shelf and a floor
    scene[60:200, 40:120] = 40
    scene[200:, :] = (30, 80, 140)
    assert not featureless(scene)
    assert featureless(np.full((240, 320, 3), 30, np.uint8))
    noisy_black = rng.integers(0, 4, (240, 320, 3), dtype=np.uint8)  # sensor noise behind a hand
    assert featureless(noisy_black)


def test_coverage_needs_the_flat_picture_to_last() -> None:
    monitor = CoverageMonitor(after_s=2.0)
    assert not monitor.update(True, 10.0)
    assert not monitor.update(True, 11.5)
    assert monitor.update(True, 12.0)
    assert not monitor.update(False, 12.5)  # the picture came back
    assert not monitor.update(True, 13.0)  # and a new count starts
