"""Constant-velocity Kalman filter over a box's centre, width and height."""

from __future__ import annotations

import numpy as np

from shopguard.domain.geometry import Box

_POS_STD = 1.0 / 20  # noise relative to box height per frame, as in SORT/ByteTrack
_VEL_STD = 1.0 / 160
_REF_FPS = 10.0  # those per-frame figures, turned into per-second ones at this frame rate


class BoxKalman:
    """State: cx, cy, w, h and their velocities per second."""

    def __init__(self, box: Box) -> None:
        cx, cy = box.center
        self.x = np.array([cx, cy, box.width, box.height, 0, 0, 0, 0], dtype=np.float64)
        h = max(box.height, 1.0)
        std = np.array([2 * _POS_STD * h] * 4 + [10 * _VEL_STD * h * _REF_FPS] * 4)
        self.p = np.diag(std**2)

    def predict(self, dt_s: float) -> None:
        self.x, self.p = self._predicted(dt_s)

    def predicted_box(self, dt_s: float, coast_tau_s: float | None = None) -> Box:
        """The box `dt_s` seconds ahead (coasting first, if given), leaving the filter as it is."""
        x = self.x.copy()
        if coast_tau_s is not None:
            _fade(x, dt_s, coast_tau_s)
        return _box(self._predicted(dt_s, x)[0])

    def coast(self, dt_s: float, tau_s: float) -> None:
        """Unseen for `dt_s`: let the velocity fade with time constant `tau_s` and stop the size
        changing. A hidden person has often stopped or turned; a constant-velocity guess
        carried over seconds walks the box off where they are (OC-SORT's observation)."""
        _fade(self.x, dt_s, tau_s)

    def _predicted(self, dt_s: float, x: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        f = np.eye(8)
        for i in range(4):
            f[i, i + 4] = dt_s
        h = max(self.x[3], 1.0)
        steps = max(dt_s * _REF_FPS, 1e-3)
        q = np.diag(np.array([_POS_STD * h] * 4 + [_VEL_STD * h * _REF_FPS] * 4) ** 2 * steps)
        x = f @ (self.x if x is None else x)
        x[2] = max(x[2], 1.0)
        x[3] = max(x[3], 1.0)
        return x, f @ self.p @ f.T + q

    def update(self, box: Box) -> None:
        cx, cy = box.center
        z = np.array([cx, cy, box.width, box.height])
        hm = np.zeros((4, 8))
        hm[:, :4] = np.eye(4)
        h = max(box.height, 1.0)
        r = np.diag(np.array([_POS_STD * h] * 4) ** 2)
        s = hm @ self.p @ hm.T + r
        k = self.p @ hm.T @ np.linalg.inv(s)
        self.x = self.x + k @ (z - hm @ self.x)
        self.p = (np.eye(8) - k @ hm) @ self.p

    @property
    def box(self) -> Box:
        return _box(self.x)


def _fade(x: np.ndarray, dt_s: float, tau_s: float) -> None:
    x[4:6] *= np.exp(-max(dt_s, 0.0) / tau_s)
    x[6:8] = 0.0


def _box(x: np.ndarray) -> Box:
    cx, cy, w, h = (float(v) for v in x[:4])
    return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
