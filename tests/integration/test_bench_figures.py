"""`shopguard bench` reports the figures the issues ask for (their values are for people to read)."""

from __future__ import annotations

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


def test_door_run_reports_what_door_watch_costs(models) -> None:
    from shopguard.vision.door_bench import CLIP, run_door
    from tests.conftest import footage

    footage(*CLIP.parts)  # skips without the CAVIAR clip
    report = run_door(models)
    assert report["door_line"]["crossings_counted"] == 2 and report["no_door_line"]["crossings_counted"] == 0
    assert report["door_line"]["analysed_per_video_s"] > report["no_door_line"]["analysed_per_video_s"]
    assert report["door_cpu_ratio"] > 1
