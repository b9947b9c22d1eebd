"""NanoDet person detector for the detector comparison only (a measured candidate, not shipped)."""

# NanoDet (COCO, 416x416, anchor-free, GFL box distributions) with our own decoding and NMS. The app
# does not ship it: models/README.md, "Person detector comparison". Rebuild the .onnx outside models/
# with `bash models/convert_candidates.sh --out DIR`, then pass DIR/person_nanodet.onnx here.

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from shopguard.domain.geometry import Box  # noqa: E402
from shopguard.domain.vision import Detection  # noqa: E402
from shopguard.errors import ModelFileError  # noqa: E402
from shopguard.vision.cv import cv2  # noqa: E402
from shopguard.vision.detector import MIN_BOX_PX, DetectorOutput  # noqa: E402
from shopguard.vision.model_files import ModelSpec, open_session  # noqa: E402

CANDIDATE_FILE = "person_nanodet.onnx"
CANDIDATES_ENV = "SHOPGUARD_CANDIDATES_DIR"
REBUILD_HINT = "bash models/convert_candidates.sh --out DIR"
NANODET_INPUT_PX = 416
STRIDES_PX = (8, 16, 32)
COCO_CLASSES = 80
PERSON_COLUMN = 0  # COCO's first class
REG_BINS = 11  # distances are distributions over 0..10 strides (GFL, reg_max = 10)
# Precision >= 0.9 on TUD-Stadtmitte; held out: TUD-Campus, half-size mosaics, COCO (models/README.md).
DEFAULT_SCORE_THRESHOLD = 0.5
NMS_IOU = 0.6
# ImageNet statistics in BGR order, the normalisation NanoDet was trained with.
MEAN_BGR = np.array([103.53, 116.28, 123.675], np.float32)
STD_BGR = np.array([57.375, 57.12, 58.395], np.float32)


def default_candidate() -> Path:
    """Where convert_candidates.sh puts the file by default: $SHOPGUARD_CANDIDATES_DIR or the temp dir."""
    folder = os.environ.get(CANDIDATES_ENV) or Path(tempfile.gettempdir()) / "shopguard-candidates"
    return Path(folder) / CANDIDATE_FILE


def candidate_spec(path: Path) -> ModelSpec:
    """A spec for a rebuilt candidate file; tf2onnx is not byte-reproducible, so there is no checksum."""
    if not path.is_file():
        raise ModelFileError(
            f"비교용 NanoDet 모델이 없습니다: {path} — 앱에는 포함되지 않으므로 "
            f"`{REBUILD_HINT}`로 다시 만드세요",
            f"NanoDet candidate not found: {path} — it is not shipped; rebuild it with `{REBUILD_HINT}` "
            f"and pass DIR/{CANDIDATE_FILE}",
        )
    return ModelSpec(key="person_nanodet", path=path, sha256="", entry={})


@dataclass(frozen=True, slots=True)
class _Level:
    stride: int
    cells: int  # cells per side of the square feature map
    scores: str  # output name [1, cells², 80], sigmoid probabilities
    distances: str  # output name [1, cells², 4 * REG_BINS], logits per side (left, top, right, bottom)


class NanoDetPersonDetector:
    """NanoDet on the whole frame fitted into 416x416; the same detect/detect_many as SSDLite."""

    def __init__(
        self, path: Path, score_threshold: float = DEFAULT_SCORE_THRESHOLD, threads: int = 2
    ) -> None:
        self.spec = candidate_spec(path)
        self.score_threshold = score_threshold
        self._session = open_session(self.spec, threads)
        self._input = self._session.get_inputs()[0].name
        # The graph declares symbolic output shapes: pair the outputs by what one run returns.
        names = [o.name for o in self._session.get_outputs()]
        blank, _ = model_input(np.zeros((NANODET_INPUT_PX, NANODET_INPUT_PX, 3), np.uint8))
        shapes = {
            n: a.shape for n, a in zip(names, self._session.run(names, {self._input: blank}), strict=True)
        }
        self._levels = levels(shapes)
        self._lock = threading.Lock()

    def detect(self, frame_bgr: np.ndarray) -> DetectorOutput:
        blob, scale = model_input(frame_bgr)
        names = [name for level in self._levels for name in (level.scores, level.distances)]
        with self._lock:
            start = time.perf_counter()
            raw = self._session.run(names, {self._input: blob})
            model_ms = (time.perf_counter() - start) * 1000.0
        by_name = dict(zip(names, raw, strict=True))
        found = decode(self._levels, frame_bgr.shape[:2], scale, by_name, self.score_threshold)
        return DetectorOutput(found, model_ms)

    def detect_many(self, frames_bgr: list[np.ndarray]) -> list[DetectorOutput]:
        # The graph's input is fixed at batch 1 (its outputs are reshaped with constant sizes).
        return [self.detect(frame) for frame in frames_bgr]


def decode(
    levels_: tuple[_Level, ...],
    shape: tuple[int, ...],
    scale: float,
    raw: dict[str, np.ndarray],
    score_threshold: float,
) -> tuple[Detection, ...]:
    """Person boxes in frame pixels from the raw per-stride outputs, after NMS."""
    height, width = shape[:2]
    boxes: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    for level in levels_:
        person = raw[level.scores][0, :, PERSON_COLUMN]
        keep = np.flatnonzero(person >= score_threshold)
        if keep.size == 0:
            continue
        logits = raw[level.distances][0, keep].reshape(-1, 4, REG_BINS)
        weights = np.exp(logits - logits.max(axis=2, keepdims=True))
        weights /= weights.sum(axis=2, keepdims=True)
        sides = (weights * np.arange(REG_BINS, dtype=np.float32)).sum(axis=2) * level.stride
        # Cell centres, row-major over the feature map, half a stride into each cell.
        cx = (keep % level.cells + 0.5) * level.stride
        cy = (keep // level.cells + 0.5) * level.stride
        boxes.append(np.stack([cx - sides[:, 0], cy - sides[:, 1], cx + sides[:, 2], cy + sides[:, 3]], 1))
        scores.append(person[keep])
    if not boxes:
        return ()
    all_boxes = np.concatenate(boxes) / np.float32(scale)
    all_scores = np.concatenate(scores)
    found = []
    for index in nms(all_boxes, all_scores):
        x1, y1, x2, y2 = (float(v) for v in all_boxes[index])
        box = Box(x1, y1, x2, y2).clipped(width, height)
        if box.width >= MIN_BOX_PX and box.height >= MIN_BOX_PX:
            found.append(Detection(box=box, score=float(all_scores[index])))
    return tuple(found)


def model_input(frame_bgr: np.ndarray) -> tuple[np.ndarray, float]:
    """Float NCHW, BGR, ImageNet-normalised; the frame scaled to fit 416x416 keeping its shape.

    NanoDet was trained on images resized with their aspect ratio kept and padded (unlike SSDLite,
    trained squeezed); measured here, squeezing a 4:3 frame lost recall (models/README.md).
    """
    height, width = frame_bgr.shape[:2]
    scale = NANODET_INPUT_PX / max(height, width)
    new_w, new_h = max(1, round(width * scale)), max(1, round(height * scale))
    canvas = np.zeros((NANODET_INPUT_PX, NANODET_INPUT_PX, 3), np.uint8)
    canvas[:new_h, :new_w] = cv2.resize(frame_bgr, (new_w, new_h), interpolation=cv2.INTER_LINEAR)
    normalised = (canvas.astype(np.float32) - MEAN_BGR) / STD_BGR
    return np.ascontiguousarray(normalised.transpose(2, 0, 1)[np.newaxis]), scale


def levels(shapes: dict[str, tuple[int, ...]]) -> tuple[_Level, ...]:
    """Pair each stride's score and distance outputs by their shapes (the names carry no meaning)."""
    out = []
    for stride in STRIDES_PX:
        cells = NANODET_INPUT_PX // stride
        scores = [n for n, shape in shapes.items() if tuple(shape[1:]) == (cells * cells, COCO_CLASSES)]
        distances = [n for n, shape in shapes.items() if tuple(shape[1:]) == (cells * cells, 4 * REG_BINS)]
        if len(scores) != 1 or len(distances) != 1:
            raise ModelFileError(
                f"NanoDet 모델의 출력이 예상과 다릅니다: {sorted(shapes.values())} — `{REBUILD_HINT}`",
                f"model outputs {sorted(shapes.values())} are not NanoDet's — rebuild with `{REBUILD_HINT}`",
            )
        out.append(_Level(stride, cells, scores[0], distances[0]))
    return tuple(out)


def nms(boxes: np.ndarray, scores: np.ndarray) -> list[int]:
    """Indices kept by greedy non-maximum suppression, highest score first."""
    order = list(np.argsort(-scores))
    kept: list[int] = []
    areas = (boxes[:, 2] - boxes[:, 0]).clip(0) * (boxes[:, 3] - boxes[:, 1]).clip(0)
    while order:
        best = order.pop(0)
        kept.append(int(best))
        if not order:
            break
        rest = np.array(order)
        ix = (np.minimum(boxes[rest, 2], boxes[best, 2]) - np.maximum(boxes[rest, 0], boxes[best, 0])).clip(0)
        iy = (np.minimum(boxes[rest, 3], boxes[best, 3]) - np.maximum(boxes[rest, 1], boxes[best, 1])).clip(0)
        inter = ix * iy
        iou = inter / np.maximum(areas[rest] + areas[best] - inter, 1e-6)
        order = [int(i) for i, overlap in zip(rest, iou, strict=True) if overlap < NMS_IOU]
    return kept
