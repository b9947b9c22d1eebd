"""`shopguard evaluate-tracks VIDEO GT.txt`: the app's pipeline on a clip, scored against MOT GT."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shopguard.errors import SourceError
from shopguard.vision.factory import load_models
from shopguard.vision.track_eval import MATCH_IOU, MIN_HEIGHT_PX, TrackScore, evaluate_tracks, load_mot_gt

DESCRIPTION = f"""\
Runs the pipeline exactly as the app does (same models, same analysis rate) and scores the tracks it
shows on every frame against MOT-format ground truth (frame,id,left,top,width,height[,flag,...];
frame 1 = the video's first frame). A track matches a person at IoU >= {MATCH_IOU}. Ground-truth
people shorter than --min-height, or flagged 0 in column 7, are "don't care": missing them is no
miss, and a track covering them is no false positive. Recall is reported over every frame and over
the analysed frames only (frames in between show the last known tracks)."""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "evaluate-tracks",
        help="score the tracker on a clip with MOT ground truth (recall, precision, MOTA, IDF1, ids)",
        description=DESCRIPTION,
    )
    parser.add_argument("video", type=Path, help="video file (its first frame is GT frame 1)")
    parser.add_argument("gt", type=Path, help="MOT ground truth, e.g. gt.txt")
    parser.add_argument(
        "--min-height",
        type=float,
        default=MIN_HEIGHT_PX,
        help=f"people shorter than this (pixels) are don't-care (default {MIN_HEIGHT_PX:g})",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.video.is_file():
        raise SourceError(f"동영상 파일이 없습니다: {args.video}", f"video file not found: {args.video}")
    load_mot_gt(args.gt)  # a bad or missing GT file fails before the models load
    score = evaluate_tracks(args.video, args.gt, load_models(), args.min_height)
    report = {"video": str(args.video), "gt": str(args.gt), "match_iou": MATCH_IOU, **score.as_dict()}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_score(str(args.video), score))
    return 0


def format_score(video: str, score: TrackScore) -> str:
    rows = [
        ("사람 재현율 / recall, every frame", f"{score.recall:.1%}"),
        ("사람 재현율 / recall, analysed frames", f"{score.recall_analysed:.1%}"),
        ("정밀도 / precision", f"{score.precision:.1%}"),
        ("MOTA", f"{score.mota:.3f}"),
        ("IDF1", f"{score.idf1:.3f}"),
        ("ID 전환 / id switches", str(score.id_switches)),
        ("오검출 / false positives", str(score.false_positives)),
        ("놓침 / misses", str(score.misses)),
        (
            "사람당 ID / ids per person",
            f"{score.ids_per_person:.2f} ({score.track_ids} ids for {score.gt_people} people; "
            f"{score.shown_track_ids} shown in all)",
        ),
        ("프레임 / frames (analysed)", f"{score.frames} ({score.analysed_frames})"),
        ("소요 시간 / wall time", f"{score.wall_s:.1f} s"),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [f"{video}: people ≥ {score.min_height:g} px, {score.gt_boxes} person-frames, IoU ≥ {MATCH_IOU}"]
    lines += [f"  {label.ljust(width)}  {value}" for label, value in rows]
    return "\n".join(lines)
