"""Face detector for redaction: CenterFace on the whole frame (any thread; serialised with a lock)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.vision.cv import cv2
from shopguard.vision.model_files import ModelSpec, model_spec, open_session

STRIDE_PX = 32
GRID_PX = 4  # every output cell covers 4x4 input pixels
DEFAULT_SCORE = 0.4  # a little under the usual 0.5: for blurring, a missed face costs more than a false one
NMS_IOU = 0.3
DEFAULT_LONG_SIDE_PX = 640


@dataclass(frozen=True, slots=True)
class Face:
    box: Box
    score: float


class CenterFaceDetector:
    """CenterFace: RGB float 0..255 NCHW in, heatmap/scale/offset on a stride-4 grid out."""

    def __init__(
        self,
        spec: ModelSpec | None = None,
        score_threshold: float = DEFAULT_SCORE,
        long_side_px: int = DEFAULT_LONG_SIDE_PX,
        threads: int = 2,
    ) -> None:
        self.spec = spec or model_spec("face")
        self.score_threshold = score_threshold
        self.long_side_px = long_side_px
        self._session = open_session(self.spec, threads)
        self._input = self.spec.input_name()
        self._lock = threading.Lock()

    def detect(self, frame_bgr: np.ndarray) -> list[Face]:
        height, width = frame_bgr.shape[:2]
        scale = min(1.0, self.long_side_px / max(width, height))
        in_w = _round_up(width * scale)
        in_h = _round_up(height * scale)
        # Stretch to the padded size (keeps every pixel in view); undo per axis afterwards.
        resized = cv2.resize(frame_bgr, (in_w, in_h), interpolation=cv2.INTER_LINEAR)
        blob = cv2.cvtColor(resized, cv2.COLOR_BGR2RGB).astype(np.float32).transpose(2, 0, 1)[np.newaxis]
        with self._lock:
            heatmap, box_scale, offset, _ = self._session.run(None, {self._input: blob})
        sx, sy = width / in_w, height / in_h
        return _decode(heatmap[0, 0], box_scale[0], offset[0], self.score_threshold, sx, sy, width, height)


def _decode(
    heatmap: np.ndarray,
    box_scale: np.ndarray,
    offset: np.ndarray,
    threshold: float,
    sx: float,
    sy: float,
    width: int,
    height: int,
) -> list[Face]:
    rows, cols = np.where(heatmap > threshold)
    if rows.size == 0:
        return []
    scores = heatmap[rows, cols]
    face_h = np.exp(box_scale[0, rows, cols]) * GRID_PX
    face_w = np.exp(box_scale[1, rows, cols]) * GRID_PX
    cy = (rows + offset[0, rows, cols] + 0.5) * GRID_PX
    cx = (cols + offset[1, rows, cols] + 0.5) * GRID_PX
    boxes = np.stack([cx - face_w / 2, cy - face_h / 2, cx + face_w / 2, cy + face_h / 2], axis=1)
    keep = _nms(boxes, scores, NMS_IOU)
    faces = []
    for i in keep:
        x1, y1, x2, y2 = boxes[i]
        box = Box(float(x1 * sx), float(y1 * sy), float(x2 * sx), float(y2 * sy)).clipped(width, height)
        if box.width > 1 and box.height > 1:
            faces.append(Face(box, float(scores[i])))
    return faces


def _nms(boxes: np.ndarray, scores: np.ndarray, iou: float) -> list[int]:
    order = list(np.argsort(-scores))
    keep: list[int] = []
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    while order:
        best = order.pop(0)
        keep.append(int(best))
        if not order:
            break
        rest = np.array(order)
        x1 = np.maximum(boxes[best, 0], boxes[rest, 0])
        y1 = np.maximum(boxes[best, 1], boxes[rest, 1])
        x2 = np.minimum(boxes[best, 2], boxes[rest, 2])
        y2 = np.minimum(boxes[best, 3], boxes[rest, 3])
        inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
        overlap = inter / (areas[best] + areas[rest] - inter + 1e-9)
        order = [int(j) for j, o in zip(rest, overlap, strict=True) if o <= iou]
    return keep


def _round_up(value: float) -> int:
    return max(STRIDE_PX, int(np.ceil(value / STRIDE_PX)) * STRIDE_PX)
