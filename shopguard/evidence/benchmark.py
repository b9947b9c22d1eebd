"""Police-package figures for `shopguard bench`: seconds of export work per minute of footage, plain
and with the redacted copy, from recorded segments and from a video file. Runs the real
`shopguard export` command in a scratch data dir (the PDF needs Qt, which core code may not import)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import av

from shopguard.paths import DataPaths, project_root, resource_path
from shopguard.recording.segments import SegmentIndex
from shopguard.recording.writer import SegmentWriter
from shopguard.storage.database import open_database

RECORD_S = 60.0  # a minute of footage, as the figure is per minute
SEGMENT_S = 20.0
START = datetime(2024, 5, 1, 5, 0, 0, tzinfo=UTC)
TIMING = re.compile(r"([\d.]+) s for ([\d.]+) s of footage")


def _record(data: Path, clip: Path, seconds: float) -> None:
    paths = DataPaths(data).ensure()
    db = open_database(paths.database)
    index = SegmentIndex(db, paths.recordings)
    writer = None
    try:
        with av.open(str(clip)) as container:
            for frame in container.decode(video=0):
                if frame.time is None or frame.time >= seconds:
                    break
                moment = START + timedelta(seconds=frame.time)
                image = frame.to_ndarray(format="bgr24")
                if writer is not None and (moment - writer.base).total_seconds() >= SEGMENT_S:
                    index.add(writer.close())
                    writer = None
                if writer is None:
                    writer = SegmentWriter(
                        paths.recordings, "bench", moment, image.shape[1], image.shape[0], 10
                    )
                writer.write(image, moment)
        if writer is not None:
            index.add(writer.close())
    finally:
        db.conn.close()


def _export(data: Path, *args: str) -> dict:
    env = {**os.environ, "SHOPGUARD_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "shopguard", "export", *args, "--out", str(data / "out")],
        cwd=project_root(),
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    wall = time.perf_counter() - started
    found = TIMING.search(done.stdout)
    if done.returncode != 0 or found is None:
        return {"error": (done.stderr or done.stdout).strip()[-300:]}
    work_s, footage_s = float(found.group(1)), float(found.group(2))
    return {
        "footage_s": footage_s,
        "export_s": round(work_s, 2),
        "s_per_min": round(work_s / (footage_s / 60), 1),
        "command_wall_s": round(wall, 2),  # including start-up and model loading
    }


def run() -> dict:
    demo = resource_path("assets", "demo", "one-by-one-person-detection.mp4")
    results: dict = {"load_avg_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None}
    with tempfile.TemporaryDirectory(prefix="shopguard-bench-evidence-") as tmp:
        data = Path(tmp)
        _record(data, demo, RECORD_S)
        span = ["--camera", "bench", "--from", "2024-05-01 14:00:00", "--to", "2024-05-01 14:01:00"]
        results["recorded_768x432_10fps"] = _export(data, *span)
        results["recorded_768x432_10fps_redacted"] = _export(data, *span, "--redact")
        caviar = project_root().parent / "shared" / "data" / "shop" / "EnterExitCrossingPaths1front.mpg"
        if caviar.exists():
            results["video_file_384x288_25fps"] = _export(data, "--video", str(caviar))
    return results
