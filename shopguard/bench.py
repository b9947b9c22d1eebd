"""`shopguard bench` measurements: pipeline stages, raw model cost, idle cost, memory."""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from shopguard.paths import resource_path, shared_footage_dir
from shopguard.stats import summarise_ms
from shopguard.vision.factory import SharedModels, build_pipeline
from shopguard.vision.sources import VideoFileSource

BENCH_PACKAGES = ("recording", "access", "sales", "evidence", "rules", "security")
RAW_MODEL_RUNS = 30
IDLE_CLIP_S = 30
IDLE_FPS = 10


def default_busy_video() -> Path:
    shared = shared_footage_dir() / "people" / "vtest.avi"
    return shared if shared.exists() else resource_path("assets", "demo", "one-by-one-person-detection.mp4")


def cpu_seconds() -> float:
    import os

    times = os.times()
    return times.user + times.system


def peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def raw_model_ms(models: SharedModels, frame: np.ndarray) -> dict[str, dict]:
    """The models alone on one real frame, in this process, right before the pipeline run."""
    det = [models.detector.detect(frame).model_ms for _ in range(RAW_MODEL_RUNS)]
    out = {"person": summarise_ms(det)}
    if models.pose is not None:
        out["pose"] = summarise_ms([models.pose.estimate(frame).model_ms for _ in range(RAW_MODEL_RUNS)])
    return out


def run_busy(models: SharedModels, video: Path, cameras: int, regions: bool = True) -> dict:
    """Each camera runs its own pipeline over the whole clip on its own thread; models are shared.
    `regions=False`: every detection looks at the whole frame only (the figure before regions)."""
    with VideoFileSource(video) as probe:
        first = probe.read()
        fps = probe.fps
    assert first is not None
    raw = raw_model_ms(models, first.image)
    stage_values: dict[str, list[float]] = {
        k: [] for k in ("decode", "motion", "detect", "track", "pose", "model", "total")
    }
    counts = {"frames": 0, "detect_runs": 0, "pose_runs": 0, "detector_model_runs": 0, "region_runs": 0}
    lock = threading.Lock()

    def worker() -> None:
        pipeline = build_pipeline(models)
        pipeline.settings.regions = regions
        local = {k: [] for k in stage_values}
        frames = detect_runs = pose_runs = model_runs = region_runs = 0
        with VideoFileSource(video) as source:
            while True:
                t0 = time.perf_counter()
                frame = source.read()
                decode_ms = (time.perf_counter() - t0) * 1000
                if frame is None:
                    break
                result = pipeline.process(frame.image, frame.ts)
                t = result.timings
                local["decode"].append(decode_ms)
                frames += 1
                if not result.analysed:
                    continue  # passed through to keep to the analysis rate: nothing to time
                local["motion"].append(t.motion_ms)
                local["total"].append(t.total_ms)
                local["model"].append(t.detect_model_ms + t.pose_model_ms)
                if result.detected:
                    local["detect"].append(t.detect_ms)
                    local["track"].append(t.track_ms)
                    detect_runs += 1
                    if pipeline.last_look is not None:
                        model_runs += pipeline.last_look.runs
                        region_runs += len(pipeline.last_look.regions)
                if t.pose_ms:
                    local["pose"].append(t.pose_ms)
                    pose_runs += 1
        with lock:
            for key, values in local.items():
                stage_values[key].extend(values)
            counts["frames"] += frames
            counts["detect_runs"] += detect_runs
            counts["pose_runs"] += pose_runs
            counts["detector_model_runs"] += model_runs
            counts["region_runs"] += region_runs

    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    threads = [threading.Thread(target=worker, name=f"bench-cam-{i}") for i in range(cameras)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall_s = time.perf_counter() - wall0
    cpu_s = cpu_seconds() - cpu0
    video_s = counts["frames"] / fps
    # The models' own time inside this run (session.run, timed around each call), and what they
    # would have cost at the medians measured alone just before: the VM's speed drifts between the
    # two, so the first is the fair measure of what the pipeline adds around the models.
    model_ms = sum(stage_values.pop("model"))
    raw_model_total_ms = counts["detector_model_runs"] * raw["person"]["median_ms"]
    if "pose" in raw:
        raw_model_total_ms += counts["pose_runs"] * raw["pose"]["median_ms"]
    pipeline_ms = sum(stage_values["total"])
    return {
        "video": str(video),
        "cameras": cameras,
        "frames": counts["frames"],
        "video_s": round(video_s, 2),
        "wall_s": round(wall_s, 2),
        "frames_per_s": round(counts["frames"] / wall_s, 1),
        "realtime_factor": round(video_s / wall_s, 2),
        "analysed_frames": len(stage_values["total"]),
        "detect_runs": counts["detect_runs"],
        "detector_model_runs": counts["detector_model_runs"],
        "region_runs": counts["region_runs"],
        "regions": regions,
        "pose_runs": counts["pose_runs"],
        "stages": {k: summarise_ms(v) for k, v in stage_values.items()},
        "model_raw": raw,
        "pipeline_to_model_ratio": round(pipeline_ms / model_ms, 3) if model_ms else None,
        "pipeline_to_raw_model_ratio": (
            round(pipeline_ms / raw_model_total_ms, 3) if raw_model_total_ms else None
        ),
        "cpu_s_per_video_s": round(cpu_s / video_s, 4),  # per camera
        "cores_for_all_cameras": round(cpu_s * cameras / video_s, 3),
    }


def make_static_clip(source_video: Path, out: Path, seconds: int = IDLE_CLIP_S) -> Path:
    """An H.264 clip of one real frame held still: what an empty shop at night looks like."""
    import av

    with VideoFileSource(source_video) as src:
        frame = src.read()
    assert frame is not None
    height, width = frame.image.shape[:2]
    with av.open(str(out), "w") as container:
        stream = container.add_stream("libx264", rate=IDLE_FPS)
        stream.width, stream.height, stream.pix_fmt = (
            width - width % 2,
            height - height % 2,
            "yuv420p",
        )
        image = np.ascontiguousarray(frame.image[: stream.height, : stream.width])
        rng = np.random.default_rng(0)
        for _ in range(seconds * IDLE_FPS):
            # Sensor noise of a real camera: ±2 grey levels, below the motion threshold.
            noisy = np.clip(image.astype(np.int16) + rng.integers(-2, 3, image.shape), 0, 255)
            video_frame = av.VideoFrame.from_ndarray(noisy.astype(np.uint8), format="bgr24")
            for packet in stream.encode(video_frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out


def run_idle(models: SharedModels) -> dict:
    demo = resource_path("assets", "demo", "one-by-one-person-detection.mp4")
    with tempfile.TemporaryDirectory() as tmp:
        clip = make_static_clip(demo, Path(tmp) / "static.mp4")
        pipeline = build_pipeline(models)
        frames = detect_runs = 0
        cpu0 = cpu_seconds()
        with VideoFileSource(clip) as source:
            fps = source.fps
            while (frame := source.read()) is not None:
                result = pipeline.process(frame.image, frame.ts)
                frames += 1
                detect_runs += int(result.detected)
        cpu_s = cpu_seconds() - cpu0
    video_s = frames / fps
    return {
        "video": "static H.264 clip made from the demo clip's first frame (+ sensor noise)",
        "frames": frames,
        "video_s": round(video_s, 2),
        "detect_runs": detect_runs,
        "cpu_s_per_video_s": round(cpu_s / video_s, 4),
        "core_percent": round(100 * cpu_s / video_s, 2),
    }


def extra_sections() -> dict[str, dict]:
    """Figures other features add: each package may have a `benchmark` module with `run() -> dict`."""
    import importlib
    import importlib.util

    sections = {}
    for package in BENCH_PACKAGES:
        name = f"shopguard.{package}.benchmark"
        if importlib.util.find_spec(f"shopguard.{package}") and importlib.util.find_spec(name):
            sections[package] = importlib.import_module(name).run()
    return sections
