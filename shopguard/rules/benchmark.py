"""`shopguard bench` figures for the rules: cost of one RulesEngine.process per frame, with and
without the tampering checks, on a synthetic busy scene (5 people, poses, every kind of zone)."""

from __future__ import annotations

import time

import numpy as np

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.geometry import Box
from shopguard.domain.vision import FrameResult, Keypoint, Pose, StageTimings, Track
from shopguard.rules.engine import RulesEngine
from shopguard.stats import summarise_ms

FRAMES = 300
FPS = 10.0
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


def run() -> dict:
    rng = np.random.default_rng(0)
    image = rng.integers(0, 255, (HEIGHT, WIDTH, 3), dtype=np.uint8)
    rules_only = RulesEngine("bench", ZONES, [], grants=_NoTimes(), sales=_NoTimes(), tamper=False)
    with_tamper = RulesEngine("bench", ZONES, [], grants=_NoTimes(), sales=_NoTimes())
    return {
        "scene": f"{WIDTH}x{HEIGHT}, 5 people with poses, 4 zones, {FRAMES} frames at {FPS:g} fps",
        "process_rules_only": summarise_ms(_time(rules_only, None)),
        "process_with_tamper_checks": summarise_ms(_time(with_tamper, image)),
    }
