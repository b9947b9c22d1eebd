"""`shopguard analyze VIDEO`: run the pipeline over a file as fast as possible, print a summary."""

from __future__ import annotations

import argparse
import json
import time

from shopguard.stats import summarise_ms
from shopguard.vision.analysis import AnalysisResult, analyze_source
from shopguard.vision.factory import build_pipeline, load_models
from shopguard.vision.sources import TimeLimitedSource, VideoFileSource, open_source

STAGES = ("motion", "detect", "detect_model", "track", "pose", "pose_model", "total")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("analyze", help="find and track people in a video file or camera")
    parser.add_argument("video", help="video file (mp4, avi, mpg …), USB camera index or rtsp:// URL")
    parser.add_argument(
        "--seconds", type=float, default=10.0, help="for a live camera: how long to watch (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--no-pose", action="store_true", help="skip pose estimation")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source = open_source(args.video)
    source.open()
    if not isinstance(source, VideoFileSource):
        source = TimeLimitedSource(source, args.seconds)
    try:
        models = load_models(pose=not args.no_pose)
        pipeline = build_pipeline(models)
        timings: dict[str, list[float]] = {stage: [] for stage in STAGES}

        def collect(result) -> None:  # noqa: ANN001
            t = result.timings
            timings["motion"].append(t.motion_ms)
            timings["total"].append(t.total_ms)
            if result.detected:
                timings["detect"].append(t.detect_ms)
                timings["detect_model"].append(t.detect_model_ms)
                timings["track"].append(t.track_ms)
            if t.pose_ms:
                timings["pose"].append(t.pose_ms)
                timings["pose_model"].append(t.pose_model_ms)

        start = time.perf_counter()
        analysis = analyze_source(source, pipeline, on_result=collect)
        wall_s = time.perf_counter() - start
        fps = source.fps
    finally:
        source.close()
    report = build_report(args.video, analysis, fps, wall_s, timings)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_human(report)
    return 0


def build_report(
    video: str,
    analysis: AnalysisResult,
    fps: float,
    wall_s: float,
    timings: dict[str, list[float]],
) -> dict:
    video_s = analysis.frames / fps if fps else 0.0
    return {
        "video": video,
        "frames": analysis.frames,
        "fps": round(fps, 3),
        "video_s": round(video_s, 3),
        "wall_s": round(wall_s, 3),
        "realtime_factor": round(video_s / wall_s, 2) if wall_s > 0 else None,
        "max_simultaneous_tracks": analysis.max_simultaneous_tracks,
        "tracks": [s.as_dict() for s in sorted(analysis.tracks.values(), key=lambda s: s.track_id)],
        "events": [],
        "timings": {stage: summarise_ms(values) for stage, values in timings.items()},
    }


def print_human(report: dict) -> None:
    print(f"{report['video']}: {report['frames']} frames, {report['video_s']} s of video")
    print(
        f"사람 {len(report['tracks'])}명 추적 / {len(report['tracks'])} people tracked "
        f"(max {report['max_simultaneous_tracks']} at once)"
    )
    for track in report["tracks"]:
        print(
            f"  #{track['id']}: {track['first_s']:.1f}–{track['last_s']:.1f} s, "
            f"confidence {track['max_confidence']:.2f}"
        )
    print(f"{report['realtime_factor']}× real time ({report['wall_s']} s)")
