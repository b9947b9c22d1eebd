"""Record modes (motion only, events only), dropping instead of blocking, a full disk pausing
recording with an alert, and event clips cut from the segments into the event row."""

from __future__ import annotations

import errno
import time
from collections import namedtuple

import av
import numpy as np
import pytest

from shopguard.config.recording import CameraRecording, RecordingSettings, RecordMode
from shopguard.recording import recorder as recorder_module
from shopguard.recording.footage import FootageLibrary, NoFootageError
from shopguard.recording.recorder import RecorderStatus, SegmentRecorder
from shopguard.recording.segments import SegmentIndex, from_epoch, probe_segment
from shopguard.recording.service import RecordingService
from shopguard.recording.writer import SegmentWriter
from shopguard.vision.sources import Frame

T0 = 1_780_000_000.0
FPS = 10
Usage = namedtuple("Usage", "total used free")
GB = 1_000_000_000


def still(rng: np.random.Generator) -> np.ndarray:
    """An empty shop: a fixed picture with ±2 levels of sensor noise."""
    base = np.full((240, 320, 3), 90, np.uint8)
    return np.clip(base.astype(np.int16) + rng.integers(-2, 3, base.shape), 0, 255).astype(np.uint8)


def walker(rng: np.random.Generator, step: int) -> np.ndarray:
    image = still(rng)
    image[80:200, 20 + step * 25 : 80 + step * 25] = 230  # someone crossing the picture
    return image


def run(recorder: SegmentRecorder, images: list[np.ndarray]) -> None:
    recorder.start()
    for i, image in enumerate(images):
        recorder.push(image, T0 + i / FPS, wait=True)
    recorder.stop()


def test_motion_mode_records_only_around_motion_with_pre_and_post_roll(db, tmp_path):
    rng = np.random.default_rng(1)
    images = (
        [still(rng) for _ in range(40)] + [walker(rng, k) for k in range(8)] + [still(rng) for _ in range(60)]
    )
    index = SegmentIndex(db, tmp_path)
    settings = RecordingSettings(max_fps=FPS, preroll_s=1.0, postroll_s=2.0)
    camera = CameraRecording(camera_id="cam1", mode=RecordMode.MOTION)
    run(SegmentRecorder("cam1", tmp_path, settings, camera, on_segment=index.add), images)

    (segment,) = index.list()
    # Motion from frame 40 (4.0 s) to 47 (or one frame later as the background settles).
    assert segment.start_utc == from_epoch(T0 + 3.0)  # 1 s of pre-roll from the ring
    assert from_epoch(T0 + 6.7) <= segment.end_utc <= from_epoch(T0 + 7.0)  # 2 s of post-roll
    assert probe_segment(segment.path, decode=True).frames == segment.frames


def test_events_mode_records_the_event_with_pre_roll_from_memory(db, tmp_path):
    rng = np.random.default_rng(2)
    index = SegmentIndex(db, tmp_path)
    settings = RecordingSettings(max_fps=FPS, preroll_s=2.0, postroll_s=1.0)
    camera = CameraRecording(camera_id="cam1", mode=RecordMode.EVENTS)
    recorder = SegmentRecorder("cam1", tmp_path, settings, camera, on_segment=index.add)
    recorder.record_range(from_epoch(T0 + 5.0), from_epoch(T0 + 6.0))
    run(recorder, [walker(rng, k % 10) for k in range(100)])  # motion all along: ignored in this mode

    (segment,) = index.list()
    assert segment.start_utc == from_epoch(T0 + 3.0)
    assert segment.end_utc == from_epoch(T0 + 7.1)  # last frame 7.0 s, plus its 0.1 s
    assert segment.frames == 41


def test_the_sink_never_blocks_the_capture_thread_it_drops_and_counts(tmp_path):
    now = iter(T0 + i / FPS for i in range(1000))
    recorder = SegmentRecorder("cam1", tmp_path, RecordingSettings(max_fps=FPS), clock=lambda: next(now))
    image = np.zeros((240, 320, 3), np.uint8)
    started = time.perf_counter()
    for i in range(100):  # the recorder thread is not running: nothing empties the queue
        recorder.sink(Frame(image, i / FPS, i))
    assert time.perf_counter() - started < 1.0
    capacity = round(FPS * recorder_module.QUEUE_S)
    assert recorder.stats().frames_dropped == 100 - capacity


def test_a_full_disk_pauses_recording_with_an_alert_and_recording_resumes(db, tmp_path, monkeypatch):
    monkeypatch.setattr(recorder_module, "SPACE_RECHECK_S", 0.0)
    free = {"bytes": 100_000_000}  # 100 MB: below the 500 MB reserve, and nothing to delete
    alerts = []
    database_file = tmp_path / "test.sqlite3"
    service = RecordingService(
        tmp_path / "media" / "recordings",
        database_file,
        RecordingSettings(max_fps=FPS, segment_s=2),
        on_alert=lambda full, ko, en: alerts.append((full, en)),
        disk_usage=lambda _p: Usage(0, 0, free["bytes"]),
    )
    recorder = service.recorder("cam1")
    service.start()
    try:
        for i in range(20):
            recorder.push(np.full((240, 320, 3), 90, np.uint8), T0 + i / FPS, wait=True)
        assert recorder.flush()
        assert recorder.status == RecorderStatus.DISK_FULL
        assert recorder.stats().frames_paused == 20 and recorder.stats().frames_written == 0
        assert alerts == [
            (True, "recording paused: the disk is full; release evidence locks or free disk space")
        ]

        free["bytes"] = 50 * GB
        for i in range(20, 40):
            recorder.push(np.full((240, 320, 3), 90, np.uint8), T0 + i / FPS, wait=True)
        assert recorder.flush()
        assert recorder.stats().frames_written == 20
        assert alerts[-1] == (False, "disk space available again")
        assert [s.frames for s in service.library.list_segments("cam1")] == [20]
    finally:
        service.close()


def test_running_out_of_space_while_writing_pauses_without_crashing(tmp_path, monkeypatch):
    monkeypatch.setattr(recorder_module, "SPACE_RECHECK_S", 0.0)
    statuses = []
    recorder = SegmentRecorder(
        "cam1", tmp_path, RecordingSettings(max_fps=FPS), on_status=lambda c, s, m: statuses.append(s)
    )
    real_write = SegmentWriter.write
    calls = {"n": 0}

    def write(self, image, utc):  # noqa: ANN001
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, image, utc)

    monkeypatch.setattr(SegmentWriter, "write", write)
    run(recorder, [np.full((240, 320, 3), 90, np.uint8)] * 10)
    assert RecorderStatus.DISK_FULL in statuses
    assert statuses[-1] == RecorderStatus.STOPPED
    assert not list(tmp_path.glob("*/*/*.part"))
    assert recorder.stats().frames_written == 9  # the frames after the failure went to a new segment


def test_an_event_gets_its_clip_from_the_segments_including_the_open_one(db, tmp_path):
    database_file = tmp_path / "test.sqlite3"  # the `db` fixture's file: events table exists
    event_id = (
        db["events"]
        .insert({"camera_id": "cam1", "type": "loiter", "severity": "warning", "start_utc": "x"})
        .last_pk
    )
    rng = np.random.default_rng(3)
    service = RecordingService(
        tmp_path / "data" / "media" / "recordings",
        database_file,
        RecordingSettings(max_fps=FPS, segment_s=2, preroll_s=1.0, postroll_s=1.0),
        clock=lambda: T0 + 100,
        disk_usage=lambda _p: Usage(0, 0, 50 * GB),
    )
    recorder = service.recorder("cam1")
    service.start()
    try:
        for i in range(60):
            recorder.push(walker(rng, i % 10), T0 + i / FPS, wait=True)
        service.on_event("cam1", from_epoch(T0 + 2.0), from_epoch(T0 + 4.5), event_id)
        deadline = time.monotonic() + 30
        while db["events"].get(event_id)["clip_path"] is None:  # cut by the housekeeping thread
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        service.close()
    clip_path = db["events"].get(event_id)["clip_path"]
    assert clip_path == "media/clips/cam1/event-1.mp4"
    with av.open(str(tmp_path / "data" / clip_path)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        times = [f.time for f in container.decode(stream)]
    # 1.0 s … 5.5 s: pre-roll, the event, post-roll, the last second from the then-open segment.
    assert len(times) == 45
    assert times[-1] == pytest.approx(4.4, abs=0.002)
    library = FootageLibrary(db, tmp_path / "data" / "media" / "recordings")
    with pytest.raises(NoFootageError):
        library.make_event_clip("cam1", from_epoch(T0 + 50), from_epoch(T0 + 60), tmp_path / "x.mp4")
    assert [s.frames for s in library.list_segments("cam1")] == [20, 20, 20]  # 4.0–6.0 s closed by the clip
