"""A recording process killed with SIGKILL mid-segment (a crash, a power cut) leaves every closed
segment playable; only the segment being written is lost, and the next start tidies up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import av
import pytest

from shopguard.recording.segments import SegmentIndex, base_from_path, from_epoch
from shopguard.storage.database import open_database
from tests.conftest import PROJECT_ROOT

T0 = 1_780_000_000.0
FPS = 20
SEGMENT_S = 2
WAIT_LIMIT_S = 120.0

CHILD = textwrap.dedent(
    f"""
    import sys, time
    import numpy as np
    from pathlib import Path
    from shopguard.config.recording import RecordingSettings
    from shopguard.recording.recorder import SegmentRecorder
    from shopguard.recording.segments import SegmentIndex
    from shopguard.storage.database import open_database

    root, db_file = Path(sys.argv[1]), Path(sys.argv[2])
    index = SegmentIndex(open_database(db_file), root)
    settings = RecordingSettings(segment_s={SEGMENT_S}, max_fps={FPS})
    recorder = SegmentRecorder("cam1", root, settings, on_segment=index.add)
    recorder.start()
    i = 0
    while True:  # records until killed
        image = np.full((240, 320, 3), 60, np.uint8)
        image[:, 10 + (i * 9) % 280 :][:, :16] = 255
        recorder.push(image, {T0} + i / {FPS}, wait=True)
        i += 1
        time.sleep(0.01)
    """
)


def closed_segments(root: Path) -> list[Path]:
    return sorted(root.glob("cam1/*/*.mp4"))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_segment_leaves_every_closed_segment_valid(tmp_path):
    root, db_file = tmp_path / "recordings", tmp_path / "shop.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(root), str(db_file)], env=env)
    try:
        deadline = time.monotonic() + WAIT_LIMIT_S
        # Wait until three segments are closed and the fourth is being written.
        while not (len(closed_segments(root)) >= 3 and list(root.glob("cam1/*/*.mp4.part"))):
            assert child.poll() is None, "the recording process ended on its own"
            assert time.monotonic() < deadline, "the recording process made no segments"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    assert child.returncode == -signal.SIGKILL

    closed = closed_segments(root)
    parts = list(root.glob("cam1/*/*.mp4.part"))
    assert len(closed) >= 3 and len(parts) == 1
    frames_per_segment = SEGMENT_S * FPS
    for k, path in enumerate(closed):
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            assert stream.codec_context.name == "h264"
            times = [base_from_path(path) + timedelta(seconds=f.time) for f in container.decode(stream)]
        assert len(times) == frames_per_segment, path.name
        expected_first = from_epoch(T0 + k * SEGMENT_S)
        assert abs((times[0] - expected_first).total_seconds()) < 0.002
        assert abs((times[-1] - times[0]).total_seconds() - (frames_per_segment - 1) / FPS) < 0.002

    db = open_database(db_file)  # the database survived too (quick_check runs on open)
    try:
        index = SegmentIndex(db, root)
        index.reconcile()  # what the service does at the next start
        assert [s.path for s in index.list("cam1")] == closed
        assert not list(root.glob("cam1/*/*.mp4.part"))
    finally:
        db.conn.close()
