"""Frame sources: one contract for every FrameSource, and plain errors for bad input."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from shopguard.errors import SourceError
from shopguard.vision.sources import LiveSource, SourceStatus, VideoFileSource, open_source
from tests.fakes.sources import FakeFrameSource


def make_clip(path: Path, frames: int = 20, fps: int = 10, size: tuple[int, int] = (160, 120)) -> Path:
    width, height = size
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for i in range(frames):
            image = np.full((height, width, 3), (i * 10) % 255, np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


@pytest.fixture(params=["file", "fake"])
def source(request, tmp_path):
    if request.param == "file":
        return VideoFileSource(make_clip(tmp_path / "clip.mp4"))
    return FakeFrameSource([np.zeros((120, 160, 3), np.uint8)] * 20)


def test_contract_frames_in_order_then_end(source) -> None:
    with source:
        frames = []
        while (frame := source.read()) is not None:
            frames.append(frame)
        assert source.status == SourceStatus.ENDED
    assert len(frames) == 20
    assert [f.index for f in frames] == list(range(20))
    assert all(b.ts > a.ts for a, b in zip(frames, frames[1:], strict=False))
    assert frames[0].image.shape == (120, 160, 3) and frames[0].image.dtype == np.uint8
    assert source.fps == pytest.approx(10.0)


def test_looping_file_keeps_time_increasing(tmp_path) -> None:
    with VideoFileSource(make_clip(tmp_path / "c.mp4", frames=5), loop=True) as src:
        stamps = [src.read().ts for _ in range(12)]
    assert all(b > a for a, b in zip(stamps, stamps[1:], strict=False))


def test_missing_file_says_so(tmp_path) -> None:
    with pytest.raises(SourceError, match="not found"):
        VideoFileSource(tmp_path / "nope.mp4").open()


def test_text_file_is_not_a_video(tmp_path) -> None:
    bad = tmp_path / "notes.mp4"
    bad.write_text("hello")
    with pytest.raises(SourceError, match="not a readable video"):
        VideoFileSource(bad).open()


def test_unplugged_usb_camera_is_a_clear_error() -> None:
    with pytest.raises(SourceError, match="camera 7 not found"):
        open_source("7").open()


def test_open_source_picks_the_kind() -> None:
    assert isinstance(open_source("0"), LiveSource)
    assert isinstance(open_source("rtsp://u:secret@10.0.0.5/stream"), LiveSource)
    assert "secret" not in open_source("rtsp://u:secret@10.0.0.5/stream").name
    assert isinstance(open_source("clip.mp4"), VideoFileSource)


def test_live_source_backs_off_between_reconnects() -> None:
    now = [0.0]
    source = LiveSource(9, clock=lambda: now[0])
    attempts = []
    source._connect = lambda: attempts.append(now[0]) or False  # camera still unplugged
    for step in range(400):
        now[0] = step * 0.1
        assert source.read() is None
    gaps = [round(b - a, 1) for a, b in zip(attempts, attempts[1:], strict=False)]
    assert gaps[:4] == [0.5, 1.0, 2.0, 4.0]
    assert source.status == SourceStatus.RECONNECTING


def test_mpeg_program_stream_gives_every_frame() -> None:
    """Seeking back in a CAVIAR .mpg used to lose 54 of its 383 frames."""
    from tests.conftest import footage

    path = footage("shop", "EnterExitCrossingPaths1front.mpg")
    with av.open(str(path)) as container:
        expected = sum(1 for _ in container.decode(video=0))
    with VideoFileSource(path) as source:
        frames = 0
        while source.read() is not None:
            frames += 1
    assert frames == expected == 383
