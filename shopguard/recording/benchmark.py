"""Recording figures for `shopguard bench`: encode cost per frame, MB per hour per camera and the
share of one CPU core, on real footage, for one camera and for four at once."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from shopguard.config.recording import RecordingSettings
from shopguard.paths import project_root, resource_path
from shopguard.recording.masks import apply_privacy_masks
from shopguard.recording.recorder import SegmentRecorder
from shopguard.vision.cv import cv2
from shopguard.vision.sources import VideoFileSource

T0 = 1_780_000_000.0
SECONDS = 30  # of video per case
CAMERAS_AT_ONCE = 4
MASK_RUNS = 200
MASKS = [[(0.6, 0.0), (1.0, 0.0), (1.0, 0.4), (0.6, 0.4)], [(0.0, 0.8), (0.3, 0.8), (0.15, 1.0)]]


def _shared(*parts: str) -> Path | None:
    path = project_root().parent.joinpath("shared", "data", *parts)
    return path if path.exists() else None


def _cases() -> list[dict]:
    """(footage, size, fps): real footage at its own size where it has it, resized otherwise."""
    demo = resource_path("assets", "demo", "one-by-one-person-detection.mp4")
    street = _shared("people", "vtest.avi") or demo
    room = _shared("falls", "upfall_A06_S1_T1_Cam1.mp4") or demo
    return [
        {"name": "768x576@10", "video": street, "size": (768, 576), "fps": 10},
        {"name": "640x480@15", "video": room, "size": (640, 480), "fps": 15},
        {"name": "1280x720@15", "video": street, "size": (1280, 720), "fps": 15},
    ]


def _frames(video: Path, size: tuple[int, int], count: int) -> Iterator[np.ndarray]:
    """`count` frames of the video at `size` (looping if it is shorter)."""
    made = 0
    while made < count:
        with VideoFileSource(video) as source:
            while made < count and (frame := source.read()) is not None:
                image = frame.image
                if (image.shape[1], image.shape[0]) != size:
                    image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
                made += 1
                yield image


def _cpu_s() -> float:
    times = os.times()
    return times.user + times.system


def _record(video: Path, size: tuple[int, int], fps: int, settings: RecordingSettings, folder: Path) -> dict:
    count = SECONDS * fps
    cpu0 = _cpu_s()
    for _ in _frames(video, size, count):
        pass
    decode_cpu = _cpu_s() - cpu0
    recorder = SegmentRecorder("bench", folder, settings)
    recorder.start()
    cpu0 = _cpu_s()
    for i, image in enumerate(_frames(video, size, count)):
        recorder.push(image, T0 + i / fps, wait=True)
    recorder.stop()
    encode_cpu = max(0.0, _cpu_s() - cpu0 - decode_cpu)
    stats = recorder.stats()
    return {
        "frames": stats.frames_written,
        "encode_ms_per_frame": stats.encode_ms_per_frame,
        "cpu_ms_per_frame": round(1000 * encode_cpu / count, 2),
        "mb_per_hour": round(stats.bytes_written / SECONDS * 3600 / 1e6, 1),
        "core_percent": round(100 * encode_cpu / SECONDS, 1),
        "dropped": stats.frames_dropped,
    }


def _four_cameras(video: Path, settings: RecordingSettings, folder: Path) -> dict:
    """Four recorders fed at once from their own threads (capture stays on its thread)."""
    fps, size = 10, (768, 576)
    count = SECONDS * fps
    frames = list(_frames(video, size, 100))  # decoded beforehand: only recording is measured
    recorders = [SegmentRecorder(f"cam{k}", folder, settings) for k in range(CAMERAS_AT_ONCE)]

    def feed(recorder: SegmentRecorder) -> None:
        for i in range(count):
            recorder.push(frames[i % len(frames)], T0 + i / fps, wait=True)

    cpu0, wall0 = _cpu_s(), time.perf_counter()
    for recorder in recorders:
        recorder.start()
    threads = [threading.Thread(target=feed, args=(r,), name=f"bench-feed-{r.camera_id}") for r in recorders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for recorder in recorders:
        recorder.stop()
    cpu_s, wall_s = _cpu_s() - cpu0, time.perf_counter() - wall0
    return {
        "cameras": CAMERAS_AT_ONCE,
        "size": "768x576@10",
        "video_s_each": SECONDS,
        "wall_s": round(wall_s, 2),
        "realtime_factor": round(SECONDS / wall_s, 2),
        "core_percent_total": round(100 * cpu_s / SECONDS, 1),
        "note": "100 real frames cycled per camera, decoded before timing",
    }


def _mask_ms() -> float:
    image = np.zeros((720, 1280, 3), np.uint8)
    apply_privacy_masks(image, MASKS)  # builds the cached mask
    started = time.perf_counter()
    for _ in range(MASK_RUNS):
        apply_privacy_masks(image, MASKS)
    return round(1000 * (time.perf_counter() - started) / MASK_RUNS, 3)


def run() -> dict:
    settings = RecordingSettings()
    report: dict = {
        "encoder": f"libx264 preset={settings.preset} crf={settings.crf} threads=1 per camera",
        "seconds_per_case": SECONDS,
        "cases": {},
    }
    with tempfile.TemporaryDirectory(prefix="shopguard-bench-rec-") as tmp:
        for case in _cases():
            folder = Path(tmp) / case["name"]
            report["cases"][case["name"]] = {
                "footage": case["video"].name,
                **_record(case["video"], case["size"], case["fps"], settings, folder),
            }
        report["four_cameras"] = _four_cameras(_cases()[0]["video"], settings, Path(tmp) / "four")
    report["privacy_mask_ms_1280x720"] = _mask_ms()
    return report


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
