"""Import OpenCV once with its own console logging silenced (errors reach the user as messages)."""

from __future__ import annotations

import contextlib
import os

os.environ.setdefault("OPENCV_LOG_LEVEL", "OFF")
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
os.environ.setdefault("OPENCV_VIDEOIO_DEBUG", "0")

import cv2  # noqa: E402

cv2.setNumThreads(1)  # one camera per thread; OpenCV's own pool would fight onnxruntime for 2 cores
with contextlib.suppress(AttributeError):  # older builds lack the logging module
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)

__all__ = ["cv2"]
