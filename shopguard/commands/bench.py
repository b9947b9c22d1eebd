"""`shopguard bench`: speed and memory figures as JSON (never checked by timed tests)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shopguard.bench import default_busy_video, extra_sections, peak_rss_mb, run_busy, run_idle
from shopguard.errors import SourceError
from shopguard.vision.door_bench import run_door
from shopguard.vision.factory import load_models


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("bench", help="measure speed and memory, print JSON")
    parser.add_argument("--video", help="busy footage to run (default: vtest.avi or the demo clip)")
    parser.add_argument("--cameras", type=int, default=1, help="cameras running at once (1–9)")
    parser.add_argument("--json", action="store_true", help="JSON output (the only format)")
    parser.add_argument("--no-idle", action="store_true", help="skip the idle-camera measurement")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.cameras <= 9:
        raise SourceError("카메라 수는 1–9 사이여야 합니다", "--cameras must be between 1 and 9")
    video = Path(args.video) if args.video else default_busy_video()
    if not video.exists():
        raise SourceError(f"동영상 파일이 없습니다: {video}", f"video file not found: {video}")
    models = load_models()
    report: dict = {"busy": run_busy(models, video, args.cameras)}
    # The same cameras with whole-frame detection only: what the regions cost or save.
    whole = run_busy(models, video, args.cameras, regions=False)
    report["busy_whole_frame_only"] = {
        k: whole[k] for k in ("cpu_s_per_video_s", "cores_for_all_cameras", "detector_model_runs", "wall_s")
    }
    if not args.no_idle:
        report["idle"] = run_idle(models)
    report["door"] = run_door(models)
    report.update(extra_sections())
    report["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0
