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

    def predicted_box(self, dt_s: float, coast_max_speed: float | None = None) -> Box:
        """The box `dt_s` seconds ahead (coasting first, at most at `coast_max_speed` heights a
        second, if given), leaving the filter as it is."""
        x = self.x.copy()
        if coast_max_speed is not None:
            _hold(x, coast_max_speed)
        return _box(self._predicted(dt_s, x)[0])

    def coast(self, max_speed_heights_s: float) -> None:
        """Unseen: the size stops changing and the speed is held to what a person can walk (a
        jumpy box at the last looks can leave an absurd velocity behind). The walking itself goes
        on: fading it as well lost more ids than it saved on TUD-Stadtmitte and vtest.avi."""
        _hold(self.x, max_speed_heights_s)

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


def _hold(x: np.ndarray, max_speed_heights_s: float) -> None:
    speed = float(np.hypot(x[4], x[5]))
    limit = max_speed_heights_s * max(x[3], 1.0)
    if speed > limit:
        x[4:6] *= limit / speed
    x[6:8] = 0.0


def _box(x: np.ndarray) -> Box:
    cx, cy, w, h = (float(v) for v in x[:4])
    return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
