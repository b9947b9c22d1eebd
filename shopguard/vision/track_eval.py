"""Shown tracks scored against MOT-format ground truth (recall per frame, precision, MOTA, IDF1, ids)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from shopguard.config.zones import Zone
from shopguard.domain.geometry import Box
from shopguard.domain.vision import FrameResult, Track
from shopguard.errors import ConfigError, ShopGuardError, SourceError
from shopguard.vision.analysis import analyze_source
from shopguard.vision.assignment import min_cost_assignment
from shopguard.vision.factory import SharedModels, build_pipeline
from shopguard.vision.sources import VideoFileSource

MATCH_IOU = 0.5  # the MOT Challenge's threshold for a box to count as the person
MIN_HEIGHT_PX = 60.0
INSTALL_HINT = "pip install 'shopguard[eval]'  (or: pip install motmetrics)"


class MetricsLibraryMissing(ShopGuardError):
    """The optional tracking-metrics library (motmetrics) is not installed."""


@dataclass(frozen=True, slots=True)
class GtPerson:
    """One ground-truth person in one frame; `considered` False marks MOT's "ignore" flag (column 7 = 0)."""

    person_id: int
    box: Box
    considered: bool = True


@dataclass(frozen=True, slots=True)
class TrackScore:
    frames: int
    analysed_frames: int
    gt_people: int  # distinct GT ids that are at least once ≥ the min height
    gt_boxes: int  # GT person-frames ≥ the min height
    recall: float  # share of those covered by a shown track, over every frame
    recall_analysed: float  # the same over analysed frames only
    precision: float
    mota: float
    idf1: float
    id_switches: int
    false_positives: int
    misses: int
    track_ids: int  # distinct shown track ids that ever matched a GT person
    ids_per_person: float  # track_ids / gt_people
    shown_track_ids: int  # distinct track ids shown at all, matched or not
    min_height: float
    wall_s: float = 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def load_mot_gt(path: Path) -> dict[int, list[GtPerson]]:
    """GT people per 0-based frame index from a MOT `gt.txt` (frame 1 = the video's first frame)."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"정답(GT) 파일이 없습니다: {path}", f"ground-truth file not found: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"정답(GT) 파일을 읽을 수 없습니다: {path} ({exc})",
            f"cannot read ground-truth file {path}: {exc}",
        ) from exc
    return parse_mot_gt(text.splitlines(), str(path))


def parse_mot_gt(lines: Iterable[str], name: str = "gt.txt") -> dict[int, list[GtPerson]]:
    """Lines `frame,id,left,top,width,height[,flag,...]`; blank lines are skipped, anything else
    malformed is a ConfigError naming its line."""
    frames: dict[int, list[GtPerson]] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        fields = [f.strip() for f in line.split(",")]
        try:
            if len(fields) < 6:
                raise ValueError("needs at least 6 comma-separated fields")
            frame, person = int(float(fields[0])), int(float(fields[1]))
            left, top, width, height = (float(f) for f in fields[2:6])
            flag = float(fields[6]) if len(fields) > 6 else 1.0
            if frame < 1 or float(fields[0]) != frame:
                raise ValueError(f"frame must be a whole number ≥ 1, got {fields[0]}")
            if not all(np.isfinite([left, top, width, height, flag])):
                raise ValueError("box values must be numbers")
            if width <= 0 or height <= 0:
                raise ValueError(f"width and height must be > 0, got {fields[4]}×{fields[5]}")
        except ValueError as exc:
            detail = str(exc)
            if "could not convert" in detail or "invalid literal" in detail:
                detail = "fields must be numbers"
            raise ConfigError(
                f"정답(GT) 파일 {name} {number}행이 잘못되었습니다: {line[:80]}",
                f"ground-truth file {name} line {number}: {detail}: {line[:80]}",
            ) from exc
        # MOT's left/top are 1-based pixel positions; tracks are in 0-based pixels.
        box = Box(left - 1, top - 1, left - 1 + width, top - 1 + height)
        frames.setdefault(frame - 1, []).append(GtPerson(person, box, considered=flag != 0))
    return frames


def _motmetrics():  # noqa: ANN202 - the module, imported only when scoring
    try:
        import motmetrics
    except ImportError as exc:
        raise MetricsLibraryMissing(
            f"추적 평가에는 motmetrics 라이브러리가 필요합니다. 설치: {INSTALL_HINT}",
            f"evaluating tracks needs the motmetrics library; install it: {INSTALL_HINT}",
        ) from exc
    return motmetrics


def _iou_matrix(a: Sequence[Box], b: Sequence[Box]) -> np.ndarray:
    return np.array([[x.iou(y) for y in b] for x in a], dtype=np.float64).reshape(len(a), len(b))


def _drop_dont_care(tracks: list[Track], dont_care: list[GtPerson], cared: list[GtPerson]) -> list[Track]:
    """Tracks that cover a don't-care person (too small, or flagged) are neither hits nor false
    positives: match tracks to every GT person at once, then remove those matched to a don't-care."""
    if not tracks or not dont_care:
        return tracks
    people = dont_care + cared
    iou = _iou_matrix([t.box for t in tracks], [p.box for p in people])
    rows, cols = min_cost_assignment(1.0 - iou)
    drop = {int(r) for r, c in zip(rows, cols, strict=True) if c < len(dont_care) and iou[r, c] >= MATCH_IOU}
    return [t for i, t in enumerate(tracks) if i not in drop]


def score_tracks(
    gt: dict[int, list[GtPerson]],
    shown: Sequence[tuple[Track, ...]],
    analysed: Sequence[bool],
    min_height: float = MIN_HEIGHT_PX,
    wall_s: float = 0.0,
) -> TrackScore:
    """Score the tracks shown on each frame (index = frame) with motmetrics at IoU ≥ MATCH_IOU.
    GT people shorter than `min_height` are don't-care; so are tracks that cover only them."""
    mm = _motmetrics()
    if len(shown) != len(analysed):
        raise ValueError("one analysed flag per frame")
    beyond = [f for f in gt if f >= len(shown)]
    if beyond:
        raise ConfigError(
            f"정답(GT) 파일에 영상에 없는 프레임 {max(beyond) + 1}이(가) 있습니다 (영상 {len(shown)}프레임)",
            f"ground truth names frame {max(beyond) + 1} but the video has {len(shown)} frames",
        )
    acc = mm.MOTAccumulator(auto_id=False)
    cared_per_frame = []
    for index, tracks in enumerate(shown):
        people = gt.get(index, [])
        cared, dont_care = [], []
        for person in people:
            (cared if person.considered and person.box.height >= min_height else dont_care).append(person)
        hyps = _drop_dont_care([t for t in tracks if t.confirmed and t.shown], dont_care, cared)
        iou = _iou_matrix([p.box for p in cared], [t.box for t in hyps])
        dist = np.where(iou >= MATCH_IOU, 1.0 - iou, np.nan)
        acc.update([p.person_id for p in cared], [t.track_id for t in hyps], dist, frameid=index)
        cared_per_frame.append(len(cared))

    events = acc.mot_events
    matched = events[events["Type"].isin(["MATCH", "SWITCH"])]
    hits = np.zeros(len(shown), dtype=int)
    if len(matched):
        counts = matched.index.get_level_values("FrameId").value_counts()
        for frame, count in counts.items():
            hits[int(frame)] = int(count)
    gt_counts = np.array(cared_per_frame, dtype=int)
    mask = np.asarray(analysed, dtype=bool)
    summary = mm.metrics.create().compute(
        acc,
        metrics=["mota", "idf1", "num_switches", "num_false_positives", "num_misses", "num_unique_objects"],
        name="all",
    )
    row = summary.loc["all"]
    found = int(hits.sum())
    false_pos = int(row["num_false_positives"])
    gt_people = int(row["num_unique_objects"])
    track_ids = int(matched["HId"].nunique()) if len(matched) else 0
    return TrackScore(
        frames=len(shown),
        analysed_frames=int(mask.sum()),
        gt_people=gt_people,
        gt_boxes=int(gt_counts.sum()),
        recall=_ratio(found, int(gt_counts.sum())),
        recall_analysed=_ratio(int(hits[mask].sum()), int(gt_counts[mask].sum())),
        precision=_ratio(found, found + false_pos),
        mota=_finite(row["mota"]),
        idf1=_finite(row["idf1"]),
        id_switches=int(row["num_switches"]),
        false_positives=false_pos,
        misses=int(row["num_misses"]),
        track_ids=track_ids,
        ids_per_person=_ratio(track_ids, gt_people),
        shown_track_ids=len({t.track_id for tracks in shown for t in tracks if t.confirmed and t.shown}),
        min_height=float(min_height),
        wall_s=wall_s,
    )


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _finite(value: float) -> float:
    return float(value) if np.isfinite(value) else 0.0


def evaluate_tracks(
    video: Path,
    gt_path: Path,
    models: SharedModels,
    min_height: float = MIN_HEIGHT_PX,
    zones: Iterable[Zone] = (),
) -> TrackScore:
    """The app's own pipeline (build_pipeline) over a video file, its shown tracks scored against
    MOT ground truth. Wall time covers reading and analysing the video, not the scoring."""
    gt = load_mot_gt(gt_path)
    _motmetrics()  # fail before the long run, not after it
    shown: list[tuple[Track, ...]] = []
    analysed: list[bool] = []

    def collect(result: FrameResult) -> None:
        shown.append(result.tracks)
        analysed.append(result.analysed)

    started = time.perf_counter()
    with VideoFileSource(video) as source:
        analyze_source(source, build_pipeline(models, zones), on_result=collect)
    wall_s = time.perf_counter() - started
    return score_tracks(gt, shown, analysed, min_height, wall_s)
