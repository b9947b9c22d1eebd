"""Camera tampering on synthetic pictures (a textured scene with sensor noise): covered, defocused,
moved, frozen, offline; and a healthy camera raises nothing."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.domain.events import EventPhase, EventType
from shopguard.rules.tamper import OFFLINE_S, PictureStats, TamperRule, judge
from shopguard.vision.cv import cv2

FPS = 10.0


def scene(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = cv2.resize(
        rng.integers(0, 255, (60, 80, 3), dtype=np.uint8), (640, 480), interpolation=cv2.INTER_NEAREST
    )
    for i in range(12):
        cv2.rectangle(base, (40 * i, 30 * (i % 5)), (40 * i + 30, 30 * (i % 5) + 200), (255, 255, 255), 2)
    return base


BASE = scene()


def noisy(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    noise = rng.integers(-3, 4, image.shape, dtype=np.int16)
    return np.clip(image.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def run(transform, seconds: float = 12.0, from_s: float = 5.0):
    """Healthy picture until `from_s`, then `transform(noisy_frame, previous_output)`."""
    rule = TamperRule("cam1")
    rng = np.random.default_rng(7)
    events = []
    previous = None
    for i in range(int(seconds * FPS)):
        ts = i / FPS
        image = noisy(BASE, rng)
        if ts >= from_s:
            image = transform(image, previous)
        previous = image
        events.extend(rule.check(image, ts))
    return events


def started(events, kind: EventType):
    return [e for e in events if e.type is kind and e.phase is EventPhase.START]


def test_healthy_camera_raises_nothing():
    assert run(lambda image, _: image) == []


@pytest.mark.parametrize(
    ("name", "transform", "kind"),
    [
        ("black", lambda image, _: np.zeros_like(image), EventType.TAMPER_COVERED),
        ("hand over lens", lambda image, _: np.full_like(image, 90), EventType.TAMPER_COVERED),
        ("blur", lambda image, _: cv2.GaussianBlur(image, (0, 0), 3), EventType.TAMPER_DEFOCUSED),
        ("shift", lambda image, _: np.roll(image, 60, axis=1), EventType.TAMPER_MOVED),
        ("freeze", lambda image, previous: previous, EventType.TAMPER_FROZEN),
    ],
)
def test_each_tampering_is_alerted_within_3_s_and_only_that(name, transform, kind):
    events = run(transform)
    kinds = {e.type for e in events if e.phase is EventPhase.START}
    assert kinds == {kind}, name
    (start,) = started(events, kind)
    assert 5.0 <= start.last_s <= 8.0, name  # raised within 3 s of the tampering at 5 s


def test_uncovering_ends_the_event():
    rule = TamperRule("cam1")
    rng = np.random.default_rng(3)
    events = []
    for i in range(150):
        ts = i / FPS
        image = np.zeros_like(BASE) if 4 <= ts < 8 else noisy(BASE, rng)
        events.extend(rule.check(image, ts))
    phases = [(e.type, e.phase) for e in events]
    assert phases == [
        (EventType.TAMPER_COVERED, EventPhase.START),
        (EventType.TAMPER_COVERED, EventPhase.END),
    ]
    assert 7.8 <= events[1].end_s <= 8.0


def test_offline_after_no_frames_and_back_online():
    rule = TamperRule("cam1")
    rng = np.random.default_rng(3)
    for i in range(30):
        rule.check(noisy(BASE, rng), i / FPS)
    assert rule.tick(2.9 + OFFLINE_S - 0.5) == []
    (offline,) = rule.tick(2.9 + OFFLINE_S + 0.1)
    assert offline.type is EventType.CAMERA_OFFLINE and offline.phase is EventPhase.START
    assert offline.start_s == pytest.approx(2.9)
    assert rule.tick(20.0) == []  # reported once
    back = rule.check(noisy(BASE, rng), 21.0)
    assert [(e.type, e.phase) for e in back] == [(EventType.CAMERA_OFFLINE, EventPhase.END)]


def test_judge_thresholds():
    ok = PictureStats(mean=120, std=50, sharpness=1000, shift_px=0.5, frame_diff=2.0)
    healthy = judge(ok, 1000)
    assert not (healthy.covered or healthy.moved or healthy.defocused or healthy.frozen)
    findings = judge(PictureStats(120, 50, 300, 0.5, 2.0), 1000)
    assert findings.defocused and not findings.moved
    assert judge(PictureStats(10, 50, 1000, 0.5, 2.0), 1000).covered
    dim_blurry = judge(PictureStats(40, 20, 100, 0.5, 2.0), 1000)  # a hand over the lens
    assert dim_blurry.covered and not dim_blurry.defocused
    assert judge(PictureStats(120, 50, 1000, 20.0, 2.0), 1000).moved
    assert judge(PictureStats(120, 50, 1000, 0.5, 0.0), 1000).frozen
    covered = judge(PictureStats(10, 2, 0, 50.0, 0.0), 1000)
    assert covered.covered and not (covered.moved or covered.defocused or covered.frozen)
