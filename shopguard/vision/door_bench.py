"""`shopguard bench` figures for a door camera: what the door close-up and door watch cost on the
CAVIAR shop entrance, against the same clip analysed without a door line (the bench's models)."""

from __future__ import annotations

import time
from pathlib import Path

from shopguard.bench import cpu_seconds
from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.events import EventType
from shopguard.paths import shared_footage_dir
from shopguard.rules.engine import RulesEngine
from shopguard.vision.analysis import analyze_source
from shopguard.vision.factory import SharedModels, build_pipeline
from shopguard.vision.sources import VideoFileSource

CLIP = Path("shop") / "EnterExitCrossingPaths1front.mpg"
DOOR = Zone(
    id="door", name="door", kind=ZoneKind.LINE, points=[(0.53, 0.52), (0.86, 0.52)], rules=[RuleKind.DOOR]
)


def _measure(models: SharedModels, video: Path, zones: list[Zone]) -> dict:
    engine = RulesEngine("bench-door", zones, [], falls=False, tamper=False)
    counts = {"frames": 0, "analysed": 0, "crossings": 0}

    def feed(result, image) -> None:  # noqa: ANN001
        counts["frames"] += 1
        counts["analysed"] += result.analysed
        events = engine.process(result, image)
        counts["crossings"] += sum(e.type in (EventType.DOOR_IN, EventType.DOOR_OUT) for e in events)

    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    with VideoFileSource(video) as source:
        fps = source.fps
        analyze_source(source, build_pipeline(models, zones), on_frame=feed)
    cpu_s, wall_s = cpu_seconds() - cpu0, time.perf_counter() - wall0
    video_s = counts["frames"] / fps
    return {
        "analysed_frames": counts["analysed"],
        "analysed_per_video_s": round(counts["analysed"] / video_s, 2),
        "crossings_counted": counts["crossings"],
        "realtime_factor": round(video_s / wall_s, 2),
        "cpu_s_per_video_s": round(cpu_s / video_s, 4),
    }


def run_door(models: SharedModels, video: Path | None = None) -> dict:
    video = video or shared_footage_dir() / CLIP
    if not video.exists():
        return {"skipped": f"{video} not found"}
    with_door = _measure(models, video, [DOOR])
    without = _measure(models, video, [])
    return {
        "clip": str(video),
        "door_line": with_door,
        "no_door_line": without,
        "door_cpu_ratio": round(with_door["cpu_s_per_video_s"] / without["cpu_s_per_video_s"], 2),
    }
