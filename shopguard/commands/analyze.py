"""`shopguard analyze VIDEO`: run the pipeline over a file as fast as possible, print a summary."""

from __future__ import annotations

import argparse
import json
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from shopguard.config.settings import AppSettings
from shopguard.rules.config import RulesFile, load_rules_file
from shopguard.rules.engine import RulesEngine
from shopguard.rules.summary import EventLog
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
    parser.add_argument(
        "--rules", type=Path, help="zones/lines/schedules JSON (same schema as the settings file)"
    )
    parser.add_argument("--camera", help="which camera's zones to use from --rules (default: the first)")
    parser.add_argument(
        "--start",
        type=datetime.fromisoformat,
        help="local date and time of a file's first frame, for schedules (default: now)",
    )
    parser.add_argument("--snapshots", type=Path, help="write event snapshots into this folder")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source = open_source(args.video)
    source.open()
    if not isinstance(source, VideoFileSource):
        source = TimeLimitedSource(source, args.seconds)
    try:
        engine = build_rules(args, live=not isinstance(source, VideoFileSource))  # bad file: fail fast
        models = load_models(pose=not args.no_pose)
        pipeline = build_pipeline(models, engine.zones)
        timings: dict[str, list[float]] = {stage: [] for stage in STAGES}

        def collect(result) -> None:  # noqa: ANN001
            if not result.analysed:
                return  # passed through to keep to the analysis rate: nothing was measured
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

        log = EventLog()

        def apply_rules(result, image) -> None:  # noqa: ANN001
            log.add(engine.process(result, image))

        start = time.perf_counter()
        analysis = analyze_source(source, pipeline, on_result=collect, on_frame=apply_rules)
        log.add(engine.finish())
        wall_s = time.perf_counter() - start
        fps = source.fps
    finally:
        source.close()
    report = build_report(args.video, analysis, fps, wall_s, timings)
    report["events"] = [incident.as_dict() for incident in log.incidents()]
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_human(report)
    return 0


def build_rules(args: argparse.Namespace, live: bool) -> RulesEngine:
    rules = load_rules_file(args.rules) if args.rules else RulesFile()
    return rules_engine(rules, args.camera, live=live, start=args.start, snapshot_dir=args.snapshots)


def rules_engine(
    rules: RulesFile,
    camera_id: str | None = None,
    *,
    live: bool = False,
    start: datetime | None = None,
    snapshot_dir: Path | None = None,
) -> RulesEngine:
    """A live camera's timestamps are the wall clock; a file's start at 0 = `start` (or now)."""
    camera = rules.for_camera(camera_id)
    tz = AppSettings().shop.timezone
    started = start or datetime.now(ZoneInfo(tz))
    if started.tzinfo is None:
        started = started.replace(tzinfo=ZoneInfo(tz))
    return RulesEngine(
        camera.camera_id,
        list(camera.zones),
        list(rules.schedules),
        snapshot_dir=snapshot_dir,
        timezone=tz,
        epoch_offset_s=0.0 if live else started.timestamp(),
    )


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
    for event in report["events"]:
        end = "…" if event["end_s"] is None else f"{event['end_s']:.1f}"
        ids = ", ".join(f"#{i}" for i in event["track_ids"])
        print(f"  [{event['severity']}] {event['type']} {event['start_s']:.1f}–{end} s {ids}")
    print(f"{report['realtime_factor']}× real time ({report['wall_s']} s)")
