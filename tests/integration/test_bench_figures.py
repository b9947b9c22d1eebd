"""`shopguard bench` reports the figures the issues ask for (their values are for people to read)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from shopguard.bench import run_busy, run_idle
from tests.unit.test_vision_sources import make_clip


def test_busy_run_reports_stages_models_ratio_and_cpu(models, tmp_path) -> None:
    clip = make_clip(tmp_path / "c.mp4", frames=30, size=(320, 240))
    report = run_busy(models, clip, cameras=2)
    assert report["frames"] == 60 and report["cameras"] == 2
    assert set(report["stages"]) == {"decode", "motion", "detect", "track", "pose", "total"}
    assert report["stages"]["detect"]["runs"] == report["detect_runs"] > 0
    assert report["model_raw"]["person"]["runs"] == 30
    for key in ("realtime_factor", "pipeline_to_model_ratio", "cpu_s_per_video_s"):
        assert report[key] > 0


def test_idle_run_reports_core_share(models) -> None:
    report = run_idle(models)
    assert report["frames"] == 300 and 0 < report["detect_runs"] < 30
    assert report["core_percent"] == round(100 * report["cpu_s_per_video_s"], 2)


def moving_clip(path: Path, seconds: int = 3, fps: int = 25) -> Path:
    """A grey 384×288 picture with a person-sized patch walking up through the door line."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 384, 288, "yuv420p"
        for i in range(seconds * fps):
            image = np.full((288, 384, 3), 90, np.uint8)
            foot_y = 220 - i * 2
            image[foot_y - 50 : foot_y, 260:280] = 230
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def test_door_run_reports_what_door_watch_costs(models, tmp_path) -> None:
    """The figures are there and door watch looks more often (the CAVIAR counts are asserted by
    test_rules_evaluate; here a synthetic clip with a moving patch keeps it quick)."""
    from shopguard.vision.door_bench import run_door

    report = run_door(models, moving_clip(tmp_path / "door.mp4"))
    with_door, without = report["door_line"], report["no_door_line"]
    assert with_door["analysed_per_video_s"] > without["analysed_per_video_s"]
    assert with_door["cpu_s_per_video_s"] > 0 and report["door_cpu_ratio"] > 0
