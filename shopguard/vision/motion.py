"""Frigate-style motion detector: grey, downscaled, running-average background, contours."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.vision.cv import cv2

DEFAULT_WIDTH_PX = 160
DEFAULT_THRESHOLD = 25
DEFAULT_MIN_AREA_FRACTION = 0.0015
DEFAULT_ALPHA = 0.05
RECALIBRATE_FRACTION = 0.7  # most of the picture changed at once: lights switched, camera bumped


@dataclass(frozen=True, slots=True)
class MotionResult:
    moving: bool
    area_fraction: float
    boxes: tuple[Box, ...]
    recalibrated: bool = False


class MotionDetector:
    """Keeps a running-average background; `detect` compares one frame with it."""

    def __init__(
        self,
        width_px: int = DEFAULT_WIDTH_PX,
        threshold: int = DEFAULT_THRESHOLD,
        min_area_fraction: float = DEFAULT_MIN_AREA_FRACTION,
        alpha: float = DEFAULT_ALPHA,
    ) -> None:
        self.width_px = width_px
        self.threshold = threshold
        self.min_area_fraction = min_area_fraction
        self.alpha = alpha
        self._background: np.ndarray | None = None
        self._kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))

    def reset(self) -> None:
        self._background = None

    def detect(self, frame: np.ndarray) -> MotionResult:
        height, width = frame.shape[:2]
        scale = self.width_px / float(width)
        small = cv2.resize(
            frame, (self.width_px, max(1, round(height * scale))), interpolation=cv2.INTER_LINEAR
        )
        grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
        grey = cv2.GaussianBlur(grey, (5, 5), 0)
        if self._background is None or self._background.shape != grey.shape:
            self._background = grey.astype(np.float32)
            return MotionResult(False, 0.0, ())
        delta = cv2.absdiff(grey, cv2.convertScaleAbs(self._background))
        _, mask = cv2.threshold(delta, self.threshold, 255, cv2.THRESH_BINARY)
        mask = cv2.dilate(mask, self._kernel, iterations=2)
        changed = float(np.count_nonzero(mask)) / mask.size
        if changed > RECALIBRATE_FRACTION:
            self._background = grey.astype(np.float32)
            return MotionResult(True, changed, (), recalibrated=True)
        cv2.accumulateWeighted(grey, self._background, self.alpha)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        min_area = self.min_area_fraction * mask.size
        boxes = []
        for contour in contours:
            if cv2.contourArea(contour) < min_area:
                continue
            x, y, w, h = cv2.boundingRect(contour)
            boxes.append(Box(x / scale, y / scale, (x + w) / scale, (y + h) / scale))
        return MotionResult(bool(boxes), changed, tuple(boxes))
