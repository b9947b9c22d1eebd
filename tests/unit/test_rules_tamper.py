"""Camera tampering on synthetic pictures (a textured scene with sensor noise), arriving the way it
really does (over about a second): covered (dark, or bright and lit), moved to another view,
defocused, frozen, offline; and what is no tampering: lights off, a blob passing the lens."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.domain.events import EventPhase, EventType, Severity
from shopguard.rules.tamper import OFFLINE_S, RELEARN_MOVED_S, TamperRule
from shopguard.vision.cv import cv2

FPS = 10.0
AT_S = 5.0  # tampering starts here
DONE_S = 6.0  # and is complete here (it takes a second)


def scene(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = cv2.resize(
        rng.integers(0, 255, (60, 80, 3), dtype=np.uint8), (640, 480), interpolation=cv2.INTER_NEAREST
    )
    for i in range(12):
        cv2.rectangle(base, (40 * i, 30 * (i % 5)), (40 * i + 30, 30 * (i % 5) + 200), (255, 255, 255), 2)
    return base


BASE = scene()
OTHER = scene(seed=2)


_NOISE = np.random.default_rng(0).normal(0, 2.0, (7, *BASE.shape)).astype(np.int16)


def noisy(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Sensor noise of ±2 grey levels (drawn from a few precomputed fields: fast)."""
    return np.clip(image + _NOISE[int(rng.integers(len(_NOISE)))], 0, 255).astype(np.uint8)


def progress(ts: float) -> float:
    return min(1.0, max(0.0, (ts - AT_S) / (DONE_S - AT_S)))


def run(transform, seconds: float = 10.0):
    """Healthy picture until AT_S, then `transform(clean_frame, ts)` (noise added after)."""
    rule = TamperRule("cam1")
    rng = np.random.default_rng(7)
    events = []
    for i in range(int(seconds * FPS)):
        ts = i / FPS
        image = BASE if ts < AT_S else transform(BASE, ts)
        events.extend(rule.check(noisy(image, rng), ts))
    return events


def started(events, kind: EventType | None = None):
    return [e for e in events if e.phase is EventPhase.START and (kind is None or e.type is kind)]


def tamper_starts(events):
    return [e for e in started(events) if e.type.value.startswith("tamper")]


def _slide_mask(ts: float) -> np.ndarray:
    cols = np.arange(BASE.shape[1]) / BASE.shape[1]
    return (cols < progress(ts) * 1.1)[None, :, None]


def lit_hand(image: np.ndarray, ts: float) -> np.ndarray:
    # Bright skin with soft shading slides in from the left: lit by the shop, not dark.
    shade = np.linspace(220, 170, image.shape[0])[:, None, None] * np.array([0.8, 0.9, 1.0])
    return np.where(_slide_mask(ts), shade, image).astype(np.uint8)


def black_tape(image: np.ndarray, ts: float) -> np.ndarray:
    return np.where(_slide_mask(ts), 0, image).astype(np.uint8)


def turned(image: np.ndarray, ts: float) -> np.ndarray:
    # The view slides onto a different scene.
    shift = int(progress(ts) * image.shape[1])
    return np.hstack([image[:, shift:], OTHER[:, :shift]])


def focus(image: np.ndarray, ts: float) -> np.ndarray:
    sigma = 4.0 * progress(ts)
    return cv2.GaussianBlur(image, (0, 0), sigma) if sigma > 0.3 else image


@pytest.mark.parametrize(
    ("name", "transform", "kind"),
    [
        ("lit hand", lit_hand, EventType.TAMPER_COVERED),
        ("black tape", black_tape, EventType.TAMPER_COVERED),
        ("turned", turned, EventType.TAMPER_MOVED),
        ("focus", focus, EventType.TAMPER_DEFOCUSED),
    ],
)
def test_each_tampering_is_alerted_within_1_s_of_complete_and_only_that(name, transform, kind):
    events = tamper_starts(run(transform))
    assert [e.type for e in events] == [kind], name
    assert AT_S <= events[0].last_s <= DONE_S + 1.0, name


def test_healthy_camera_raises_nothing():
    assert run(lambda image, _: image) == []


def test_lights_off_and_on_is_only_an_info_event():
    def lights(image: np.ndarray, ts: float) -> np.ndarray:
        return (image * (0.25 if ts < 8.0 else 1.0)).astype(np.uint8)

    events = run(lights, seconds=12.0)
    assert tamper_starts(events) == []
    phases = [(e.type, e.phase, e.severity) for e in events]
    assert phases == [
        (EventType.PICTURE_DARK, EventPhase.START, Severity.INFO),
        (EventType.PICTURE_DARK, EventPhase.END, Severity.INFO),
    ]


def test_a_blob_passing_right_in_front_of_the_lens_is_no_tampering():
    def passing(image: np.ndarray, ts: float) -> np.ndarray:
        if ts > AT_S + 1.5:
            return image
        x = int((ts - AT_S) / 1.5 * 1.6 * image.shape[1]) - int(0.3 * image.shape[1])
        out = image.copy()
        cv2.ellipse(out, (x, 260), (170, 320), 0, 0, 360, (60, 55, 70), -1)
        return cv2.GaussianBlur(out, (0, 0), 6) if 0 < x < image.shape[1] else out

    assert tamper_starts(run(passing)) == []


def test_a_cover_held_ends_when_taken_away():
    rule = TamperRule("cam1")
    rng = np.random.default_rng(3)
    events = []
    for i in range(150):
        ts = i / FPS
        image = lit_hand(BASE, ts) if AT_S <= ts < 9.0 else BASE
        events.extend(rule.check(noisy(image, rng), ts))
    phases = [(e.type, e.phase) for e in events]
    assert phases == [
        (EventType.TAMPER_COVERED, EventPhase.START),
        (EventType.TAMPER_COVERED, EventPhase.END),
    ]
    assert 8.8 <= events[1].end_s <= 9.0


def test_a_camera_left_pointing_elsewhere_is_learnt_again_after_two_minutes():
    rule = TamperRule("cam1")
    rng = np.random.default_rng(4)
    events = []
    for i in range(int(135 * 5)):
        ts = i / 5
        events.extend(rule.check(noisy(turned(BASE, ts), rng), ts))
    phases = [(e.type, e.phase) for e in events]
    assert phases == [(EventType.TAMPER_MOVED, EventPhase.START), (EventType.TAMPER_MOVED, EventPhase.END)]
    assert RELEARN_MOVED_S <= events[1].end_s - events[0].start_s <= RELEARN_MOVED_S + 5.0


def test_frozen_picture():
    rule = TamperRule("cam1")
    rng = np.random.default_rng(3)
    frozen = noisy(BASE, rng)
    events = []
    for i in range(100):
        ts = i / FPS
        events.extend(rule.check(frozen if ts >= AT_S else noisy(BASE, rng), ts))
    (start,) = started(events)
    assert start.type is EventType.TAMPER_FROZEN
    assert AT_S + 1.9 <= start.last_s <= AT_S + 2.5


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


def test_the_picture_before_the_tampering_is_kept_for_the_snapshot():
    rule = TamperRule("cam1")
    rng = np.random.default_rng(5)
    for i in range(80):
        ts = i / FPS
        for event in rule.check(noisy(lit_hand(BASE, ts) if ts >= AT_S else BASE, rng), ts):
            if event.phase is EventPhase.START:
                before = rule.before_frame(event.key)
                assert before is not None
                assert float(np.abs(before.astype(float) - BASE).mean()) < 3.0  # the scene, not the hand
                return
    pytest.fail("no tampering raised")


def test_the_background_follows_a_slow_change_of_light():
    # Dusk over two minutes: half the light, and a shelf sign switched on; no alarm.
    rule = TamperRule("cam1")
    rng = np.random.default_rng(9)
    events = []
    for i in range(int(120 * 4)):
        ts = i / 4
        image = (BASE * (1 - 0.5 * ts / 120)).astype(np.uint8)
        if ts > 60:
            cv2.rectangle(image, (500, 300), (600, 360), (255, 255, 255), -1)
        events.extend(rule.check(noisy(image, rng), ts))
    assert tamper_starts(events) == []


def test_the_background_keeps_following_while_the_lights_are_off():
    rule = TamperRule("cam1")
    rng = np.random.default_rng(2)
    events = []
    for i in range(int(40 * 4)):
        ts = i / 4
        image = BASE if ts < AT_S else (BASE * 0.25).astype(np.uint8)
        events.extend(rule.check(noisy(image, rng), ts))
    assert [(e.type, e.phase) for e in events] == [(EventType.PICTURE_DARK, EventPhase.START)]
    assert rule.background.keyframe is not None and rule.background.keyframe.mean() < 0.35 * BASE.mean()
