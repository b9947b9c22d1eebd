"""Segments play back frame by frame with the right times; real footage keeps its resolution and
picture; the index is rebuilt from the disk after a crash."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import av
import numpy as np
import pytest

from shopguard.config.recording import RecordingSettings
from shopguard.recording.footage import FootageLibrary
from shopguard.recording.recorder import SegmentRecorder
from shopguard.recording.segments import SegmentIndex, base_from_path, from_epoch, probe_segment
from shopguard.vision.cv import cv2
from tests.conftest import footage

T0 = 1_780_000_000.3  # 2026-05-28 20:26:40.3 UTC: not on a whole second, on purpose
FPS = 10


def bar_frame(index: int, width: int = 320, height: int = 240) -> np.ndarray:
    """Grey picture with a white bar whose position tells the frame number."""
    image = np.full((height, width, 3), 60, np.uint8)
    x = 10 + (index * 9) % (width - 40)
    image[:, x : x + 16] = 255
    return image


def bar_position(image: np.ndarray) -> int:
    column = image[:, :, 1].mean(axis=0)
    return int(np.argmax(column > 160))


def record(root: Path, index: SegmentIndex, frames: list[np.ndarray], **settings) -> SegmentRecorder:
    recorder = SegmentRecorder("cam1", root, RecordingSettings(max_fps=FPS, **settings), on_segment=index.add)
    recorder.start()
    for i, image in enumerate(frames):
        recorder.push(image, T0 + i / FPS, wait=True)
    recorder.stop()
    return recorder


def test_segments_decode_frame_by_frame_with_the_right_duration_and_times(db, tmp_path):
    root = tmp_path / "recordings"
    index = SegmentIndex(db, root)
    recorder = record(root, index, [bar_frame(i) for i in range(50)], segment_s=2)
    assert recorder.stats().frames_written == 50 and recorder.stats().frames_dropped == 0

    segments = index.list("cam1")
    assert [s.frames for s in segments] == [20, 20, 10]
    assert [s.path.relative_to(root).as_posix() for s in segments] == [
        "cam1/2026-05-28/20-26-40.mp4",
        "cam1/2026-05-28/20-26-42.mp4",
        "cam1/2026-05-28/20-26-44.mp4",
    ]
    pushed = 0
    for segment in segments:
        base = base_from_path(segment.path)
        with av.open(str(segment.path)) as container:
            stream = container.streams.video[0]
            assert stream.codec_context.name == "h264"
            decoded = list(container.decode(stream))
            duration_s = float(stream.duration * stream.time_base)
        assert len(decoded) == segment.frames
        assert duration_s == pytest.approx(segment.frames / FPS, abs=0.002)
        assert segment.duration_s == pytest.approx(segment.frames / FPS, abs=0.002)
        for frame in decoded:
            expected = from_epoch(T0 + pushed / FPS)
            assert abs((base + timedelta(seconds=frame.time) - expected).total_seconds()) < 0.002
            assert bar_position(frame.to_ndarray(format="bgr24")) == 10 + (pushed * 9) % 280
            pushed += 1
    assert pushed == 50
    assert segments[0].start_utc == from_epoch(T0)
    assert segments[-1].end_utc == from_epoch(T0 + 5.0)


def test_real_footage_is_kept_at_its_resolution_and_read_back_across_segments(db, tmp_path):
    source = cv2.VideoCapture(str(footage("people", "vtest.avi")))
    originals = []
    while len(originals) < 60:
        ok, image = source.read()
        assert ok
        originals.append(image)
    source.release()
    root = tmp_path / "recordings"
    index = SegmentIndex(db, root)
    record(root, index, originals, segment_s=3, crf=23)

    library = FootageLibrary(db, root)
    start, end = from_epoch(T0 + 1.0), from_epoch(T0 + 5.0)  # spans two segment boundaries
    frames = list(library.read_frames("cam1", start, end))
    assert len(frames) == 40
    assert len({f.segment for f in frames}) == 2
    for k, item in enumerate(frames):
        assert item.image.shape == (576, 768, 3)
        assert abs((item.utc - from_epoch(T0 + 1.0 + k / FPS)).total_seconds()) < 0.002
        assert cv2.PSNR(item.image, originals[10 + k]) > 30.0  # the same picture, lightly compressed


def test_index_is_rebuilt_from_disk_and_unfinished_parts_are_removed(db, tmp_path):
    root = tmp_path / "recordings"
    index = SegmentIndex(db, root)
    record(root, index, [bar_frame(i) for i in range(30)], segment_s=2)
    before = index.list()
    db.execute("DELETE FROM recording_segments")
    leftover = root / "cam1" / "2026-05-28" / "20-26-50.mp4.part"
    leftover.write_bytes(b"\x00\x00\x00\x18ftypisom" + b"\x00" * 100)  # a crash mid-segment
    (root / "cam1" / "2026-05-28" / "20-26-52.mp4").write_bytes(b"not a video")

    added, dropped = index.reconcile()

    assert (added, dropped) == (2, 0)
    assert not leftover.exists()
    after = index.list()
    assert [(s.path, s.frames, s.start_utc, s.end_utc) for s in after] == [
        (s.path, s.frames, s.start_utc, s.end_utc) for s in before
    ]
    before[0].path.unlink()
    assert index.reconcile() == (0, 1)
    assert probe_segment(after[1].path).codec == "h264"
