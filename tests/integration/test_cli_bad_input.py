"""Bad input on the command line: one clear line, a non-zero exit, never a traceback."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import PROJECT_ROOT, run_shopguard


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_shopguard(*args, env=env, timeout_s=120)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_missing_video(tmp_path) -> None:
    assert_one_line_error(run_cli("analyze", str(tmp_path / "nope.mp4")), "not found", "nope.mp4")


def test_not_a_video(tmp_path) -> None:
    fake = tmp_path / "report.avi"
    fake.write_bytes(b"%PDF-1.4 definitely not a video" * 100)
    assert_one_line_error(run_cli("analyze", str(fake)), "not a readable video")


def test_unplugged_camera_index() -> None:
    assert_one_line_error(run_cli("analyze", "7"), "camera 7 not found")


@pytest.mark.parametrize("damage", ["corrupt", "missing"])
def test_broken_model(tmp_path, damage: str) -> None:
    folder = tmp_path / "models"
    shutil.copytree(PROJECT_ROOT / "models", folder, ignore=shutil.ignore_patterns("*.py", "*.sh"))
    target = folder / "person_ssdlite.onnx"
    if damage == "corrupt":
        target.write_bytes(target.read_bytes()[:5000])
    else:
        target.unlink()
    clip = PROJECT_ROOT / "assets" / "demo" / "one-by-one-person-detection.mp4"
    result = run_cli("analyze", str(clip), env={"SHOPGUARD_MODELS_DIR": str(folder)})
    assert_one_line_error(result, "person_ssdlite.onnx", damage if damage == "corrupt" else "missing")


def test_smoke_test_passes() -> None:
    result = run_cli("--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
