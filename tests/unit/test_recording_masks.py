"""Privacy masks are burned into the recorded file: the pixels are black in the video itself."""

from __future__ import annotations

import av
import numpy as np

from shopguard.config.recording import CameraRecording, PrivacyMask, RecordingSettings
from shopguard.recording.masks import apply_privacy_masks, mask_for
from shopguard.recording.recorder import SegmentRecorder
from shopguard.recording.segments import SegmentIndex
from shopguard.vision.cv import cv2
from tests.conftest import footage

WINDOW = [(0.5, 0.0), (1.0, 0.0), (1.0, 0.5), (0.5, 0.5)]  # top-right quarter: the neighbour's window
STREET = [(0.0, 0.75), (0.4, 0.75), (0.2, 1.0)]  # a triangle at the bottom left


def test_apply_blacks_out_polygons_and_leaves_the_original_alone():
    image = np.full((480, 640, 3), 200, np.uint8)
    masked = apply_privacy_masks(image, [WINDOW, STREET])
    assert image.min() == 200  # the live frame the analysis uses is untouched
    assert masked[:240, 320:].max() == 0
    black = int((masked.max(axis=2) == 0).sum())
    assert abs(black - (320 * 240 + 0.5 * 256 * 120)) < 0.02 * black  # the two polygons' areas
    assert masked[470, 120].max() == 0 and masked[300, 600].min() == 200
    assert apply_privacy_masks(image, []) is image
    assert mask_for((480, 640), [WINDOW]) is mask_for((480, 640), [WINDOW])  # computed once per size


def test_masks_are_burned_into_the_recorded_file(db, tmp_path):
    capture = cv2.VideoCapture(str(footage("people", "vtest.avi")))
    frames = [capture.read()[1] for _ in range(20)]
    capture.release()
    root = tmp_path / "recordings"
    index = SegmentIndex(db, root)
    settings = RecordingSettings(max_fps=10)
    camera = CameraRecording(camera_id="cam1", masks=[PrivacyMask(name="이웃집 창문", points=WINDOW)])
    recorder = SegmentRecorder("cam1", root, settings, camera, on_segment=index.add)
    recorder.start()
    for i, image in enumerate(frames):
        recorder.push(image, 1_780_000_000 + i / 10, wait=True)
    recorder.stop()

    (segment,) = index.list("cam1")
    with av.open(str(segment.path)) as container:
        decoded = [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]
    assert len(decoded) == 20
    hidden = (slice(4, 284), slice(388, 764))  # inside the mask, a few pixels in from its edge
    for picture, original in zip(decoded, frames, strict=True):
        assert original[hidden].mean() > 60  # there was something to hide
        assert picture[hidden].max() <= 12  # black in the file (H.264 may leave ±few levels)
        assert cv2.PSNR(picture[300:, :380], original[300:, :380]) > 30  # the rest is the real picture
