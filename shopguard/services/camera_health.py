"""Camera health decisions (pure, no Qt, any thread): is the picture covered, has the feed gone quiet."""

from __future__ import annotations

from enum import Enum

import numpy as np

from shopguard.vision.cv import cv2

OFFLINE_AFTER_S = 3.0  # no frame for this long: the camera counts as offline (shown within 5 s)
COVERED_AFTER_S = 2.0  # a featureless picture for this long: covered, blinded or pointed at a wall
COVERED_STD = 6.0  # grey-level standard deviation below which a downscaled picture has no content
PROBE_SIZE = (32, 18)


class CameraHealth(Enum):
    LIVE = "live"
    RECONNECTING = "reconnecting"
    OFFLINE = "offline"
    COVERED = "covered"
    ENDED = "ended"


def featureless(image: np.ndarray) -> bool:
    """True when the picture is (nearly) one flat colour: a hand, tape or a cloth over the lens."""
    small = cv2.resize(image, PROBE_SIZE, interpolation=cv2.INTER_AREA)
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    return float(grey.std()) < COVERED_STD


class CoverageMonitor:
    """Debounces `featureless` over time so one dark frame (a light flicker) is not an alarm."""

    def __init__(self, after_s: float = COVERED_AFTER_S) -> None:
        self.after_s = after_s
        self._since: float | None = None

    def update(self, flat: bool, now_s: float) -> bool:
        if not flat:
            self._since = None
            return False
        if self._since is None:
            self._since = now_s
        return now_s - self._since >= self.after_s
