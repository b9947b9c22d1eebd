"""The parts of the tampering checks: picture numbers that ignore brightness, the judgement (pure),
the feature check that tells "moved" from "something in front", and the before/after snapshot."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from shopguard.domain.events import Event, EventPhase, EventType, Severity
from shopguard.rules.snapshot import SnapshotWriter
from shopguard.rules.tamper_background import Background, Comparison
from shopguard.rules.tamper_judge import judge
from shopguard.rules.tamper_match import View, match_view
from shopguard.rules.tamper_picture import FINE_SIZE, GRID_COLS, GRID_ROWS, measure
from shopguard.vision.cv import cv2
from tests.fakes.rules import frame


def textured(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = cv2.resize(
        rng.integers(0, 255, (60, 80, 3), dtype=np.uint8), (640, 480), interpolation=cv2.INTER_NEAREST
    )
    for i in range(0, 640, 40):
        cv2.line(image, (i, 0), (i + 60, 480), (240, 240, 240), 2)
    return image


def comparison(**values: float) -> Comparison:
    healthy = {"matched": 0.9, "kept": 0.95, "sharpness": 1.0, "contrast": 1.0, "detail": 1.0}
    healthy |= {"matched_detail": 1.0, "change": 0.02, "clipped": 0.0}
    healthy |= values
    return Comparison(
        cells=40, brightness=1.0, matched_cells=np.ones((GRID_ROWS, GRID_COLS), bool), **healthy
    )


def test_picture_numbers_do_not_change_with_the_light():
    bright = measure(textured())
    dim = measure((textured() * 0.3).astype(np.uint8))
    assert dim.mean == pytest.approx(0.3 * bright.mean, rel=0.05)
    assert np.median(dim.structure / bright.structure) == pytest.approx(1.0, abs=0.05)
    assert np.median(dim.fine / bright.fine) == pytest.approx(1.0, abs=0.1)


def test_a_bright_smooth_cover_has_no_structure_and_a_black_one_neither():
    scene = measure(textured())
    lit_hand = measure(np.full((480, 640, 3), (160, 190, 220), np.uint8))
    black = measure(np.random.default_rng(0).integers(0, 4, (480, 640, 3), dtype=np.uint8))
    for cover in (lit_hand, black):
        assert cover.structure.max() < 0.1 * np.median(scene.structure)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, "healthy"),
        ({"matched": 0.05, "kept": 0.02, "detail": 0.1}, "covered"),
        ({"matched": 0.05, "kept": 0.6, "detail": 0.1}, "covered"),  # a milky bag: some shading, no detail
        ({"matched": 0.05, "kept": 0.7, "detail": 0.6}, "moved"),
        ({"sharpness": 0.3, "matched_detail": 0.3}, "defocused"),
        ({"sharpness": 0.6, "matched_detail": 0.15, "contrast": 0.3}, "defocused"),  # condensation
        ({"matched": 0.45, "kept": 0.6, "detail": 0.8}, "healthy"),  # a crowd in front: most still matches
        ({"brightness": 0.25, "sharpness": 1.5, "detail": 1.6}, "healthy"),  # lights off: noisier, not blurry
    ],
)
def test_judge(values, expected):
    brightness = values.pop("brightness", 1.0)
    c = comparison(**values)
    if brightness != 1.0:
        c = Comparison(**{**{f: getattr(c, f) for f in Comparison.__slots__}, "brightness": brightness})
    findings = judge(c)
    got = [name for name in ("covered", "moved", "defocused") if getattr(findings, name)]
    assert got == ([] if expected == "healthy" else [expected])


def test_judge_tells_a_settled_picture_from_one_in_motion():
    assert judge(comparison(matched=0.05, kept=0.02, change=0.01)).settled
    assert not judge(comparison(matched=0.05, kept=0.02, change=0.4)).settled


def test_a_white_out_is_a_cover_only_if_it_stays():
    findings = judge(comparison(matched=0.1, kept=0.05, detail=0.1, change=0.01, clipped=0.8))
    assert findings.covered and not findings.settled  # the slow path: a torch held into the lens


def test_a_blank_background_is_not_judged():
    c = comparison(matched=0.0, kept=0.0)
    assert not judge(Comparison(**{**{f: getattr(c, f) for f in Comparison.__slots__}, "cells": 2})).any


def _grey(image: np.ndarray) -> np.ndarray:
    return cv2.resize(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), FINE_SIZE, interpolation=cv2.INTER_AREA)


def test_feature_check_finds_the_view_in_front_of_an_obstruction_shifted_or_gone():
    scene = _grey(textured())
    crowd = scene.copy()
    crowd[:, :200] = 40  # people filling most of the picture; the rest of the shop is where it was
    assert match_view(scene, crowd).view is View.SAME
    knocked = np.roll(scene, 40, axis=1)
    found = match_view(scene, knocked)
    assert found.view is View.SHIFTED and found.shift_share == pytest.approx(40 / FINE_SIZE[0], abs=0.02)
    assert match_view(scene, _grey(textured(seed=5))).view is View.UNKNOWN


def test_background_learns_then_compares():
    background = Background()
    picture = measure(textured())
    assert background.compare(picture) is None
    for i in range(12):
        background.follow(picture, i * 0.25)
    same = background.compare(picture)
    assert same is not None and same.matched > 0.9 and same.sharpness == pytest.approx(1.0, abs=0.05)
    other = background.compare(measure(textured(seed=3)))
    assert other is not None and other.matched < 0.25 and other.kept > 0.5


def test_snapshot_shows_before_and_after(tmp_path):
    before = textured()
    after = np.full_like(before, 200)
    event = Event("k", EventType.TAMPER_COVERED, EventPhase.START, Severity.CRITICAL, "cam1", 5.0, 5.5)
    writer = SnapshotWriter(tmp_path)
    path = writer.write(after, frame(5.5), event, datetime(2026, 12, 3, 10, 0, 0), before_bgr=before)
    sheet = cv2.imread(path)
    assert sheet.shape[1] == 2 * before.shape[1]
    left, right = sheet[40:, : before.shape[1]], sheet[40:, before.shape[1] :]
    assert left.std() > 30 and right.std() < 10  # the scene on the left, the cover on the right
    plain = cv2.imread(writer.write(after, frame(5.5), event, datetime(2026, 12, 3, 10, 0, 1)))
    assert plain.shape[:2] == after.shape[:2]
