"""Compare person detectors on real footage with ground truth: recall, precision, CPU ms (see README)."""

# Usage: .venv/bin/python models/compare_detectors.py [--data ../shared/data] [--nanodet FILE]
#        [--json out.json] [--only NAME ...]
# NanoDet is a candidate, not shipped: rebuild it first with `bash models/convert_candidates.sh --out DIR`
# (default DIR: $SHOPGUARD_CANDIDATES_DIR or <temp dir>/shopguard-candidates), or leave it out with --only.
# Recall counts people >= 60 px tall matched at IoU >= 0.5; a detection matched to a smaller annotated
# person is neither right nor wrong; any other detection is a false one. Each detector runs on the
# whole frame (squeezed to its input size) and on tiles of its own input size at native resolution.

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))  # nanodet_decode lives beside this script

from nanodet_decode import NANODET_INPUT_PX, NanoDetPersonDetector, default_candidate  # noqa: E402

from shopguard.domain.geometry import Box  # noqa: E402
from shopguard.domain.vision import Detection  # noqa: E402
from shopguard.errors import ModelFileError  # noqa: E402
from shopguard.vision.cv import cv2  # noqa: E402
from shopguard.vision.detector import SSD_INPUT_PX, SsdLitePersonDetector  # noqa: E402
from shopguard.vision.pose import MoveNetPoseEstimator  # noqa: E402

MIN_HEIGHT_PX = 60
MATCH_IOU = 0.5
TARGET_PRECISION = 0.9
LOWEST_SCORE = 0.1
THRESHOLDS = [round(t, 2) for t in np.arange(LOWEST_SCORE, 0.95, 0.05)]
MERGE_IOU = 0.5
MERGE_INSIDE = 0.7  # a box cut by a tile edge lies mostly inside the whole box from the next tile
TIMING_RUNS = 30
CLIPS = ("TUD-Stadtmitte", "TUD-Campus")
FIT_ON = "TUD-Stadtmitte"  # score thresholds are chosen here and reported on the others


@dataclass
class Sample:
    name: str
    frame: np.ndarray
    truth: list[Box]


Detect = Callable[[np.ndarray], list[Detection]]


def tud_samples(data: Path, clip: str) -> list[Sample]:
    folder = data / "people" / "mot15" / clip
    truth: dict[int, list[Box]] = {}
    for line in (folder / "gt.txt").read_text().splitlines():
        frame, _id, left, top, width, height = (float(v) for v in line.split(",")[:6])
        truth.setdefault(int(frame), []).append(Box(left, top, left + width, top + height))
    capture = cv2.VideoCapture(str(folder / f"{clip}.mp4"))
    samples, index = [], 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        index += 1
        samples.append(Sample(f"{clip}#{index}", frame, truth.get(index, [])))
    capture.release()
    return samples


def mosaic_samples(samples: list[Sample], name: str) -> list[Sample]:
    """Small people from real footage: four frames a quarter of the clip apart, each at half size,
    side by side in one frame of the original size (people 61-155 px tall instead of 122-310)."""
    quarter = len(samples) // 4
    out = []
    for start in range(quarter):
        parts = [samples[start + i * quarter] for i in range(4)]
        height, width = parts[0].frame.shape[:2]
        half_w, half_h = width // 2, height // 2
        canvas = np.zeros_like(parts[0].frame)
        truth = []
        for i, part in enumerate(parts):
            x0, y0 = (i % 2) * half_w, (i // 2) * half_h
            canvas[y0 : y0 + half_h, x0 : x0 + half_w] = cv2.resize(
                part.frame, (half_w, half_h), interpolation=cv2.INTER_AREA
            )
            truth += [
                Box(b.x1 / 2 + x0, b.y1 / 2 + y0, b.x2 / 2 + x0, b.y2 / 2 + y0).clipped(
                    x0 + half_w, y0 + half_h
                )
                for b in part.truth
            ]
        out.append(Sample(f"{name} mosaic #{start + 1}", canvas, truth))
    return out


def coco_samples(data: Path) -> list[Sample]:
    folder = data / "images"
    coco = json.loads((folder / "test_coco.json").read_text())
    samples = []
    for image in coco["images"]:
        boxes = [
            Box(a["bbox"][0], a["bbox"][1], a["bbox"][0] + a["bbox"][2], a["bbox"][1] + a["bbox"][3])
            for a in coco["annotations"]
            if a["image_id"] == image["id"] and not a["iscrowd"]
        ]
        samples.append(Sample(image["file_name"], cv2.imread(str(folder / image["file_name"])), boxes))
    return samples


def tiles(width: int, height: int, size: int) -> list[tuple[int, int, int, int]]:
    """Fewest tiles of size x size covering the frame, spread evenly (they overlap a little)."""

    def starts(extent: int) -> list[int]:
        if extent <= size:
            return [0]
        count = math.ceil(extent / size)
        return [round(i * (extent - size) / (count - 1)) for i in range(count)]

    return [
        (x, y, min(x + size, width), min(y + size, height)) for y in starts(height) for x in starts(width)
    ]


def merged(found: list[Detection]) -> list[Detection]:
    kept: list[Detection] = []
    for det in sorted(found, key=lambda d: d.score, reverse=True):
        for other in kept:
            inter = det.box.intersection_area(other.box)
            smaller = min(det.box.area, other.box.area)
            if det.box.iou(other.box) >= MERGE_IOU or (smaller > 0 and inter / smaller >= MERGE_INSIDE):
                break
        else:
            kept.append(det)
    return kept


def tiled(detect: Detect, size: int) -> Detect:
    def run(frame: np.ndarray) -> list[Detection]:
        found = []
        for x1, y1, x2, y2 in tiles(frame.shape[1], frame.shape[0], size):
            for det in detect(np.ascontiguousarray(frame[y1:y2, x1:x2])):
                found.append(Detection(det.box.shifted(x1, y1), det.score))
        return merged(found)

    return run


def match(found: list[Detection], truth: list[Box], threshold: float) -> tuple[int, int, int, int]:
    """(tall people found, tall people, detections matched to anyone, detections) at a threshold."""
    used: set[int] = set()
    hits = matched = count = 0
    for det in sorted(found, key=lambda d: d.score, reverse=True):
        if det.score < threshold:
            break
        count += 1
        best, best_iou = -1, MATCH_IOU
        for i, box in enumerate(truth):
            iou = det.box.iou(box)
            if i not in used and iou >= best_iou:
                best, best_iou = i, iou
        if best >= 0:
            used.add(best)
            matched += 1
            hits += truth[best].height >= MIN_HEIGHT_PX
    tall = sum(box.height >= MIN_HEIGHT_PX for box in truth)
    return hits, tall, matched, count


def curve(results: list[tuple[list[Detection], list[Box]]]) -> dict[float, tuple[float, float]]:
    """Recall of tall people and precision at each score threshold."""
    out = {}
    for threshold in THRESHOLDS:
        hits = tall = matched = count = 0
        for found, truth in results:
            h, t, m, c = match(found, truth, threshold)
            hits, tall, matched, count = hits + h, tall + t, matched + m, count + c
        out[threshold] = (hits / tall if tall else 0.0, matched / count if count else 1.0)
    return out


def at_precision(points: dict[float, tuple[float, float]]) -> tuple[float, float] | None:
    """(best recall with precision >= the target, the threshold giving it)."""
    ok = [(recall, t) for t, (recall, precision) in points.items() if precision >= TARGET_PRECISION]
    return max(ok) if ok else None


def cpu_ms(detect: Detect, frame: np.ndarray) -> tuple[float, float]:
    """Median (wall ms, CPU ms of this process) of one call; CPU time is what the 1-core budget counts."""
    detect(frame)
    wall, cpu = [], []
    for _ in range(TIMING_RUNS):
        w0, c0 = time.perf_counter(), time.process_time()
        detect(frame)
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return float(np.median(wall)), float(np.median(cpu))


DETECTORS = ("ssdlite", "nanodet", "movenet-box")


def detectors(nanodet_path: Path, only: list[str] | None = None) -> dict[str, tuple[Detect, int, Path]]:
    """The detectors asked for; NanoDet from its rebuilt file (ModelFileError naming the fix if absent)."""
    wanted = [name for name in DETECTORS if not only or name in only]
    out: dict[str, tuple[Detect, int, Path]] = {}
    if "ssdlite" in wanted:
        ssd = SsdLitePersonDetector(score_threshold=LOWEST_SCORE)
        out["ssdlite"] = (lambda frame: list(ssd.detect(frame).detections), SSD_INPUT_PX, ssd.spec.path)
    if "nanodet" in wanted:
        nano = NanoDetPersonDetector(nanodet_path, score_threshold=LOWEST_SCORE)
        out["nanodet"] = (lambda frame: list(nano.detect(frame).detections), NANODET_INPUT_PX, nano.spec.path)
    if "movenet-box" in wanted:
        pose = MoveNetPoseEstimator(min_pose_score=LOWEST_SCORE)
        out["movenet-box"] = (
            lambda frame: [Detection(p.box, p.score) for p in pose.estimate(frame).poses],
            256,
            pose.spec.path,
        )
    return out


def markdown(report: dict) -> str:
    """The README table: per detector and mode, cost, then recall at precision >= 0.9 per set."""
    sets = [k for k in next(iter(report.values())) if isinstance(next(iter(report.values()))[k], dict)]
    head = ["detector, mode", "calls / 640x480", "CPU ms", *[f"{s} R@P≥0.9 (thr)" for s in sets]]
    head.append(f"others at {FIT_ON}'s threshold (R / P)")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, row in report.items():
        cells = [label, str(row["calls_per_640x480_frame"]), f"{row['ms_cpu_frame']:.1f}"]
        for s in sets:
            recall, threshold = row[s]["recall_at_p90"], row[s]["threshold"]
            cells.append("–" if recall is None else f"{recall:.3f} ({threshold:.2f})")
        key = f"at_{FIT_ON}_threshold"
        cells.append(
            ", ".join(
                f"{s.replace('TUD-', '').split(' (')[0]} {row[s][key][0]:.3f} / {row[s][key][1]:.3f}"
                for s in sets
                if s != FIT_ON
            )
            if key in row[FIT_ON]
            else "–"
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--nanodet",
        type=Path,
        default=default_candidate(),
        help="the rebuilt NanoDet candidate (models/convert_candidates.sh --out DIR; default: %(default)s)",
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--only", nargs="*", choices=DETECTORS, help="detectors to run (default: all)")
    parser.add_argument("--table", type=Path, help="print the README table of a saved --json and stop")
    args = parser.parse_args()
    if args.table:
        print(markdown(json.loads(args.table.read_text())))
        return
    try:
        chosen = detectors(args.nanodet, args.only)
    except ModelFileError as exc:
        raise SystemExit(f"{exc.en}\n(or compare without it: --only ssdlite movenet-box)") from None
    sets = {clip: tud_samples(args.data, clip) for clip in CLIPS}
    sets["COCO (4 photos)"] = coco_samples(args.data)
    sets["TUD mosaics (half size)"] = [m for clip in CLIPS for m in mosaic_samples(sets[clip], clip)]
    timing_frame = sets[CLIPS[0]][0].frame
    crop = np.ascontiguousarray(timing_frame[100:420, 100:420])  # a 320x320 region
    report = {}
    for name, (run, size, path) in chosen.items():
        split = tiled(run, size)
        outputs = {
            s: [(run(x.frame), split(x.frame), x.truth) for x in samples] for s, samples in sets.items()
        }
        whole_ms = cpu_ms(run, timing_frame)
        tiles_ms = cpu_ms(split, timing_frame)
        crop_ms = cpu_ms(run, crop)
        count = len(tiles(640, 480, size))
        modes = {
            "whole": (lambda w, t: w, whole_ms, 1),
            "tiles": (lambda w, t: t, tiles_ms, count),
            "whole+tiles": (
                lambda w, t: merged(w + t),
                tuple(a + b for a, b in zip(whole_ms, tiles_ms, strict=True)),
                1 + count,
            ),
        }
        for mode, (pick, (wall, cpu), calls) in modes.items():
            points = {s: curve([(pick(w, t), truth) for w, t, truth in out]) for s, out in outputs.items()}
            fitted = at_precision(points[FIT_ON])
            row: dict = {"input_px": size, "size_mb": round(path.stat().st_size / 1e6, 1)}
            row["calls_per_640x480_frame"] = calls
            row["ms_wall_frame"], row["ms_cpu_frame"] = round(wall, 1), round(cpu, 1)
            if mode == "whole":
                row["ms_wall_crop320"], row["ms_cpu_crop320"] = (round(v, 1) for v in crop_ms)
            for s, pts in points.items():
                best = at_precision(pts)
                row[s] = {
                    "recall_at_p90": None if best is None else round(best[0], 3),
                    "threshold": None if best is None else float(best[1]),
                }
                if fitted is not None:
                    recall, precision = pts[fitted[1]]
                    row[s][f"at_{FIT_ON}_threshold"] = (round(recall, 3), round(precision, 3))
            label = f"{name} {mode}"
            report[label] = row
            print(label, json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    print(markdown(report))


if __name__ == "__main__":
    main()
