"""`shopguard bench` figures for the rules: cost of one RulesEngine.process per frame, with and
without the tampering checks, on a synthetic busy scene (5 people, poses, every kind of zone); and
the tampering checks alone per analysed picture, with the share of a core they take at 4 Hz."""

from __future__ import annotations

import time

import numpy as np

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.geometry import Box
from shopguard.domain.vision import FrameResult, Keypoint, Pose, StageTimings, Track
from shopguard.rules.engine import RulesEngine
from shopguard.rules.tamper import TamperRule
from shopguard.rules.tamper_match import match_view
from shopguard.rules.tamper_picture import FINE_SIZE
from shopguard.stats import summarise_ms
from shopguard.vision.cv import cv2

FRAMES = 300
FPS = 10.0
TAMPER_HZ = 4.0  # the pipeline analyses at most this many pictures a second; the tamper rule sees those
TAMPER_SAMPLES = 200
VIEW_CHECKS = 30
WIDTH, HEIGHT = 640, 480
ZONES = [
    Zone(
        id="floor",
        name="floor",
        points=[(0.1, 0.1), (0.9, 0.1), (0.9, 0.9), (0.1, 0.9)],
        rules=[RuleKind.INTRUSION],
    ),
    Zone(
        id="kiosk",
        name="kiosk",
        points=[(0.6, 0.2), (0.9, 0.2), (0.9, 0.6), (0.6, 0.6)],
        rules=[RuleKind.LOITER],
    ),
    Zone(
        id="shelf",
        name="shelf",
        points=[(0.1, 0.1), (0.4, 0.1), (0.4, 0.4), (0.1, 0.4)],
        rules=[RuleKind.PRODUCT],
    ),
    Zone(id="door", name="door", kind=ZoneKind.LINE, points=[(0.2, 0.8), (0.8, 0.8)], rules=[RuleKind.DOOR]),
]


class _NoTimes:
    def grant_times(self, start_ts: float, end_ts: float) -> list[float]:
        return []

    def sale_times(self, start_ts: float, end_ts: float) -> list[float]:
        return []


def _scene(ts: float) -> FrameResult:
    tracks, poses = [], []
    for i in range(5):
        x = 80 + 100 * i + 30 * np.sin(ts + i)
        y = 150 + 60 * i + 250 * ((ts / 10 + i / 5) % 1)
        box = Box(x - 30, y - 150, x + 30, y)
        tracks.append(Track(i + 1, box, 0.9, 0.0, ts, 10, True))
        keypoints = tuple(Keypoint(x + (k % 3 - 1) * 10, y - 150 + k * 8, 0.6) for k in range(17))
        poses.append(Pose(keypoints, box, 0.6))
    return FrameResult(
        ts, WIDTH, HEIGHT, True, 0.1, True, (), tuple(tracks), tuple(poses), StageTimings(pose_ms=5.0)
    )


def _time(engine: RulesEngine, image: np.ndarray | None) -> list[float]:
    spent = []
    for i in range(FRAMES):
        result = _scene(i / FPS)
        start = time.perf_counter()
        engine.process(result, image)
        spent.append((time.perf_counter() - start) * 1000.0)
    return spent


def _textured(rng: np.random.Generator) -> np.ndarray:
    """A picture with a shop's range of detail: blocks, shelf edges, fine texture."""
    blocks = rng.integers(0, 255, (HEIGHT // 8, WIDTH // 8, 3), dtype=np.uint8)
    image = cv2.resize(blocks, (WIDTH, HEIGHT), interpolation=cv2.INTER_NEAREST)
    for i in range(0, WIDTH, 40):
        cv2.line(image, (i, 0), (i + 60, HEIGHT), (240, 240, 240), 2)
    return image


def tamper_cost() -> dict:
    """TamperRule.check per analysed picture (a person-size blob moving, sensor noise), and the
    feature check that runs only while the view looks lost."""
    rng = np.random.default_rng(1)
    base = _textured(rng)
    noise = rng.normal(0, 2, (5, *base.shape)).astype(np.int16)
    rule = TamperRule("bench")
    spent = []
    for i in range(TAMPER_SAMPLES):
        image = np.clip(base + noise[i % len(noise)], 0, 255).astype(np.uint8)
        x = int((i * 9) % WIDTH)
        cv2.rectangle(image, (x, 100), (x + 60, 400), (40, 40, 60), -1)
        start = time.perf_counter()
        rule.check(image, i / TAMPER_HZ)
        spent.append((time.perf_counter() - start) * 1000.0)
    grey = cv2.resize(cv2.cvtColor(base, cv2.COLOR_BGR2GRAY), FINE_SIZE, interpolation=cv2.INTER_AREA)
    other = cv2.resize(cv2.cvtColor(_textured(rng), cv2.COLOR_BGR2GRAY), FINE_SIZE)
    checks = []
    for _ in range(VIEW_CHECKS):
        start = time.perf_counter()
        match_view(grey, other)
        checks.append((time.perf_counter() - start) * 1000.0)
    sample = summarise_ms(spent)
    return {
        "picture": f"{WIDTH}x{HEIGHT} textured, a person-size blob moving, sensor noise",
        "per_sample": sample,
        "view_check_while_view_lost": summarise_ms(checks),
        "samples_per_s": TAMPER_HZ,
        "core_percent": round(float(sample["median_ms"]) * TAMPER_HZ / 10.0, 2),
    }


def run() -> dict:
    rng = np.random.default_rng(0)
    image = rng.integers(0, 255, (HEIGHT, WIDTH, 3), dtype=np.uint8)
    rules_only = RulesEngine("bench", ZONES, [], grants=_NoTimes(), sales=_NoTimes(), tamper=False)
    with_tamper = RulesEngine("bench", ZONES, [], grants=_NoTimes(), sales=_NoTimes())
    return {
        "scene": f"{WIDTH}x{HEIGHT}, 5 people with poses, 4 zones, {FRAMES} frames at {FPS:g} fps",
        "process_rules_only": summarise_ms(_time(rules_only, None)),
        "process_with_tamper_checks": summarise_ms(_time(with_tamper, image)),
        "tamper_checks_alone": tamper_cost(),
    }
