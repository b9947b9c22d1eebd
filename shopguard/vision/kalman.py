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
        f = np.eye(8)
        for i in range(4):
            f[i, i + 4] = dt_s
        h = max(self.x[3], 1.0)
        steps = max(dt_s * _REF_FPS, 1e-3)
        q = np.diag(np.array([_POS_STD * h] * 4 + [_VEL_STD * h * _REF_FPS] * 4) ** 2 * steps)
        self.x = f @ self.x
        self.x[2] = max(self.x[2], 1.0)
        self.x[3] = max(self.x[3], 1.0)
        self.p = f @ self.p @ f.T + q

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
        cx, cy, w, h = (float(v) for v in self.x[:4])
        return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
