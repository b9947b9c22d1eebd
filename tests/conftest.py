"""Shared test set-up: offscreen Qt, a private data dir per test, real footage paths, thread guard."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("OPENCV_LOG_LEVEL", "OFF")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
DEMO_CLIP = PROJECT_ROOT / "assets" / "demo" / "one-by-one-person-detection.mp4"


def run_shopguard(
    *args: str, env: dict[str, str] | None = None, stdin: str = "", timeout_s: float = 600
) -> subprocess.CompletedProcess[str]:
    """`python -m shopguard ARGS` in the project folder, as a user runs it; output captured."""
    return subprocess.run(
        [sys.executable, "-m", "shopguard", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )


def footage(*parts: str) -> Path:
    """A file of ../shared/data, or skip the test saying why (a user's machine has none)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real footage not present: {path} (see ../shared/data/README.md)")
    return path


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir; nothing touches the user's real data."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("SHOPGUARD_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def no_leaked_threads():
    """A test that leaves a camera or worker thread running fails (napari's rule)."""
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert not leaked, f"threads left running: {[t.name for t in leaked]}"


@pytest.fixture(scope="session")
def models():
    """The real models, loaded once for the whole session."""
    from shopguard.vision.factory import load_models

    return load_models()


@pytest.fixture
def db(tmp_path: Path):
    from shopguard.storage.database import open_database

    database = open_database(tmp_path / "test.sqlite3", tmp_path / "backups")
    yield database
    database.conn.close()
