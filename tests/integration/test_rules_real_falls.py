"""Falls on the real UP-Fall clips through the real pipeline and RulesEngine: A01–A05 (falls) must
alert within 3 s of the moment the person is on the floor (labels in tests/data/rules_labels.csv),
A06–A11 (walking, standing, sitting, picking up, jumping, lying the whole clip) must not. The same
untouched clips must raise no tampering. The NFD fall head is measured on the same poses to
document why the rule does not use it."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from shopguard.domain.events import Event, EventPhase, EventType
from shopguard.domain.vision import FrameResult, Pose
from shopguard.rules.engine import RulesEngine
from shopguard.vision.analysis import analyze_source
from shopguard.vision.factory import SharedModels, build_pipeline
from shopguard.vision.model_files import model_spec, open_session
from shopguard.vision.sources import VideoFileSource
from tests.conftest import footage

LABELS = Path(__file__).resolve().parent.parent / "data" / "rules_labels.csv"
CLIPS = [f"upfall_A{n:02d}_S1_T1_Cam1.mp4" for n in range(1, 12)]
ALERT_WITHIN_S = 3.0
pytestmark = pytest.mark.timeout(1800)  # eleven clips (≈4,000 frames) through detection and pose


@dataclass
class ClipRun:
    events: list[Event]
    results: list[FrameResult]


def fall_labels() -> dict[str, float | None]:
    with LABELS.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["clip"].startswith("falls/")]
    return {r["clip"].split("/")[1]: float(r["start_s"]) if r["type"] == "fall" else None for r in rows}


def _run_clip(path: Path, models: SharedModels) -> ClipRun:
    engine = RulesEngine("upfall", epoch_offset_s=1_700_000_000.0)
    events: list[Event] = []
    with VideoFileSource(path) as source:
        analysis = analyze_source(
            source,
            build_pipeline(models),
            keep_results=True,
            on_frame=lambda result, image: events.extend(engine.process(result, image)),
        )
    events.extend(engine.finish())
    return ClipRun(events, analysis.results)


@pytest.fixture(scope="module")
def runs(models: SharedModels) -> dict[str, ClipRun]:
    out = {}
    for clip in CLIPS:
        path = footage("falls", clip)
        out[clip] = _run_clip(path, models)
    return out


def test_falls_alerted_within_3_s_and_no_fall_on_the_other_clips(runs: dict[str, ClipRun]) -> None:
    labels = fall_labels()
    matrix = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    delays = {}
    for clip in CLIPS:
        starts = [e for e in runs[clip].events if e.type is EventType.FALL and e.phase is EventPhase.START]
        truth = labels[clip]
        if truth is None:
            matrix["fp" if starts else "tn"] += 1
            continue
        if starts:
            matrix["tp"] += 1
            delays[clip[7:10]] = round(starts[0].last_s - truth, 2)  # raised at last_s of the START
        else:
            matrix["fn"] += 1
    print(f"\nfall confusion matrix: {matrix}; alert delay after the person is down (s): {delays}")
    assert matrix == {"tp": 5, "fn": 0, "fp": 0, "tn": 6}
    assert all(-0.5 <= d <= ALERT_WITHIN_S for d in delays.values()), delays


def test_untouched_clips_raise_no_tampering(runs: dict[str, ClipRun]) -> None:
    tamper = [
        (clip, e.type.value)
        for clip, run in runs.items()
        for e in run.events
        if e.type.value.startswith("tamper") or e.type is EventType.CAMERA_OFFLINE
    ]
    assert tamper == []


# --- The NFD fall head, measured on the same poses (features from the layout its package documents) ---


def _features(pose: Pose, width: int, height: int) -> np.ndarray:
    points = np.array([[k.x / width, k.y / height] for k in pose.keypoints], np.float32)
    scores = np.clip(np.array([k.score for k in pose.keypoints], np.float32), 0, 1)
    seen = points[scores >= 0.05] if (scores >= 0.05).any() else points
    (x1, y1), (x2, y2) = seen.min(axis=0), seen.max(axis=0)
    px, py = max(0.02, (x2 - x1) * 0.08), max(0.02, (y2 - y1) * 0.05)
    x1, y1, x2, y2 = max(0, x1 - px), max(0, y1 - py), min(1, x2 + px), min(1, y2 + py)
    w, h = max(x2 - x1, 1e-4), max(y2 - y1, 1e-4)
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    rel = np.clip((points - [cx, cy]) / [w, h], -2, 2)
    anchors = [points[[5, 6], 1].mean(), points[[11, 12], 1].mean(), points[[15, 16], 1].mean()]
    shape = [cx, cy, w, h, min(w / h, 5.0)]
    return np.concatenate([rel.reshape(-1), scores, shape, anchors, [(scores >= 0.15).mean()]]).astype(
        np.float32
    )


def test_nfd_fall_head_on_the_same_poses(runs: dict[str, ClipRun]) -> None:
    session = open_session(model_spec("fall"), threads=1)
    name = session.get_inputs()[0].name
    labels = fall_labels()
    flagged = {}
    for clip in CLIPS:
        history: list[np.ndarray] = []
        best = 0.0
        for result in runs[clip].results:
            if not result.poses:
                continue
            main = max(result.poses, key=lambda p: p.box.area)  # the actor, not the person sitting behind
            history.append(_features(main, result.width, result.height))
            window = ([history[0]] * 32 + history)[-32:]
            (logits,) = session.run(None, {name: np.stack(window)[None]})
            probs = np.exp(logits[0] - logits[0].max())
            best = max(best, float(probs[2] / probs.sum()))  # P(fallen)
        flagged[clip[7:10]] = (round(best, 2), labels[clip] is not None)
    hits = sum(1 for p, fall in flagged.values() if fall and p >= 0.5)
    false_alarms = sum(1 for p, fall in flagged.values() if not fall and p >= 0.5)
    print(
        f"\nNFD head max P(fallen) per clip (value, is a fall): {flagged}; "
        f"hits {hits}/5, false {false_alarms}/6"
    )
    # Measured here: the head never passes 0.5 on a real fall (max 0.28), so the rule uses its own
    # temporal logic. If a new head does better, this fails: re-judge and consider using it.
    assert hits < 5
