"""`shopguard recordings`: list, clip (audited), lock/unlock, plain errors for bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import av
import numpy as np

from shopguard.cli import main
from shopguard.config.recording import RecordingSettings
from shopguard.paths import DataPaths
from shopguard.recording.recorder import SegmentRecorder
from shopguard.recording.segments import SegmentIndex
from shopguard.storage.audit import list_audit
from shopguard.storage.database import open_database

SEOUL_0900 = datetime(2026, 5, 29, 0, 0, tzinfo=UTC).timestamp()  # 09:00 in Seoul


def make_footage(data) -> None:  # noqa: ANN001
    paths = DataPaths(data).ensure()
    db = open_database(paths.database)
    recorder = SegmentRecorder(
        "cam1",
        paths.recordings,
        RecordingSettings(max_fps=10, segment_s=5),
        on_segment=SegmentIndex(db, paths.recordings).add,
    )
    recorder.start()
    for i in range(120):
        recorder.push(np.full((240, 320, 3), 2 * i, np.uint8), SEOUL_0900 + i / 10, wait=True)
    recorder.stop()
    db.conn.close()


def test_list_clip_lock_and_unlock(private_data_dir, tmp_path, capsys):
    make_footage(private_data_dir)
    assert main(["recordings", "list", "--camera", "cam1"]) == 0
    out = capsys.readouterr().out
    assert "2026-05-29T09:00:00+09:00" in out and "3 segments" in out

    clip = tmp_path / "clip.mp4"
    args = [
        "recordings",
        "clip",
        "--camera",
        "cam1",
        "--from",
        "2026-05-29 09:00:03",
        "--to",
        "2026-05-29 09:00:08",
    ]
    assert main([*args, "--out", str(clip), "--reason", "경찰 요청"]) == 0
    with av.open(str(clip)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
        assert len(list(container.decode(video=0))) == 50

    assert (
        main(
            [
                "recordings",
                "lock",
                "--camera",
                "cam1",
                "--from",
                "2026-05-29 09:00",
                "--to",
                "2026-05-29 09:01",
                "--reason",
                "incident 4",
            ]
        )
        == 0
    )
    assert main(["recordings", "locks"]) == 0
    assert "incident 4" in capsys.readouterr().out
    assert main(["recordings", "unlock", "1"]) == 0
    db = open_database(DataPaths(private_data_dir).database)
    actions = [(r.action, r.detail.get("why")) for r in list_audit(db)]
    db.conn.close()
    assert actions == [
        ("footage.export", "경찰 요청"),
        ("footage.lock", "incident 4"),
        ("footage.unlock", None),
    ]


def test_bad_input_is_one_plain_line(private_data_dir, capsys):
    make_footage(private_data_dir)
    assert main(["recordings", "list", "--camera", "cam1", "--from", "yesterday"]) == 2
    assert "YYYY-MM-DD HH:MM" in capsys.readouterr().err
    assert main(["recordings", "unlock", "99"]) == 2
    args = [
        "recordings",
        "clip",
        "--camera",
        "cam1",
        "--from",
        "2026-05-29 10:00",
        "--to",
        "2026-05-29 10:01",
    ]
    assert main([*args, "--out", "x.mp4", "--reason", "r"]) == 2
    assert "no footage" in capsys.readouterr().err
