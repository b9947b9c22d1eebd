"""How tall a person is at each height of the picture, learnt from the people the camera has seen.

A fixed camera over a flat floor sees a standing person's height in pixels grow about linearly with
how low their feet are in the picture (a pinhole camera over a ground plane). Fitting that line to
the confident detections tells a moving blob's region how big the people in it will be, whatever the
camera's height, lens or resolution; until enough people were seen, nothing is assumed."""

from __future__ import annotations

from collections import deque

import numpy as np

from shopguard.domain.geometry import Box

MIN_SAMPLES = 12
MAX_SAMPLES = 400
MIN_SPREAD_FRACTION = 0.1  # feet spread over less than this share of the picture: a level, not a line
MIN_TALL_RATIO = 1.3  # only upright people (taller than wide) tell the standing height


class PersonScale:
    """Online fit of person height against foot position; fed with confident boxes, asked per blob."""

    def __init__(self) -> None:
        self._samples: deque[tuple[float, float]] = deque(maxlen=MAX_SAMPLES)
        self._fit: tuple[float, float] | None = None
        self._frame_h = 0
        self._dirty = False

    def observe(self, box: Box, frame_h: int) -> None:
        if frame_h != self._frame_h:
            self._samples.clear()
            self._fit, self._frame_h = None, frame_h
        if box.height < MIN_TALL_RATIO * box.width or box.y2 >= frame_h - 1:
            return  # bending, lying, or feet cut by the picture's edge
        self._samples.append((box.y2, box.height))
        self._dirty = True

    def height_at(self, foot_y: float) -> float | None:
        """Expected standing height in pixels of a person whose feet are at `foot_y`; None while
        too few people were seen."""
        if self._dirty:
            self._fit = self._refit()
            self._dirty = False
        if self._fit is None:
            return None
        slope, intercept = self._fit
        low = min(h for _, h in self._samples)
        high = max(h for _, h in self._samples)
        # Outside the range seen the line is extrapolated, but never beyond half / twice what was seen.
        return float(min(max(slope * foot_y + intercept, low / 2), high * 2))

    def _refit(self) -> tuple[float, float] | None:
        if len(self._samples) < MIN_SAMPLES:
            return None
        y = np.array([s[0] for s in self._samples])
        h = np.array([s[1] for s in self._samples])
        if np.ptp(y) < MIN_SPREAD_FRACTION * self._frame_h:
            return 0.0, float(np.median(h))
        # Least squares, then once more without the worst quarter (people partly hidden, children).
        slope, intercept = np.polyfit(y, h, 1)
        residual = np.abs(h - (slope * y + intercept))
        keep = residual <= np.quantile(residual, 0.75)
        if keep.sum() >= MIN_SAMPLES // 2:
            slope, intercept = np.polyfit(y[keep], h[keep], 1)
        if slope < 0:  # feet lower, person smaller: not a floor seen from above; use the level
            return 0.0, float(np.median(h))
        return float(slope), float(intercept)
