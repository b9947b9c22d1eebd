"""Person detector interface and the SSDLite-MobileNetV2 implementation (ONNX, NMS in the graph)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection
from shopguard.vision.cv import cv2
from shopguard.vision.model_files import ModelSpec, model_spec, open_session

SSD_INPUT_PX = 300  # the graph resizes to 300x300 inside; resizing first with INTER_LINEAR scores higher
PERSON_CLASS_ID = 1
DEFAULT_SCORE_THRESHOLD = 0.35
MIN_BOX_PX = 8


@dataclass(frozen=True, slots=True)
class DetectorOutput:
    detections: tuple[Detection, ...]
    model_ms: float


class Detector(Protocol):
    def detect(self, frame_bgr: np.ndarray) -> DetectorOutput: ...

    def detect_many(self, frames_bgr: list[np.ndarray]) -> list[DetectorOutput]:
        """One output per frame, the same as detect() on each; model_ms is each frame's share."""
        ...


class SsdLitePersonDetector:
    """SSDLite person detector; one instance is shared by all cameras, calls are serialised."""

    def __init__(
        self,
        spec: ModelSpec | None = None,
        score_threshold: float = DEFAULT_SCORE_THRESHOLD,
        threads: int = 2,
        batched: bool = False,
    ) -> None:
        self.spec = spec or model_spec("person")
        self.score_threshold = score_threshold
        self._session = open_session(self.spec, threads)
        self._input = self._session.get_inputs()[0].name
        outputs = [o.name for o in self._session.get_outputs()]
        self._boxes = _output_named(outputs, "boxes")
        self._scores = _output_named(outputs, "scores")
        self._classes = _output_named(outputs, "classes")
        self._lock = threading.Lock()
        # The graph takes a batch, but batching bought nothing measurable here (6 crops, 2 threads, CPU
        # ms per crop looped vs batched: 10.5 vs 12.6, then 12.4 vs 11.9): the graph's own pre- and
        # post-processing loop over the batch. So one run per crop unless asked.
        self.batched = batched and _accepts_batch(self._session.get_inputs()[0].shape)
        self.detect(np.zeros((SSD_INPUT_PX, SSD_INPUT_PX, 3), np.uint8))  # warm-up

    def detect(self, frame_bgr: np.ndarray) -> DetectorOutput:
        return self.detect_many([frame_bgr])[0]

    def detect_many(self, frames_bgr: list[np.ndarray]) -> list[DetectorOutput]:
        if not frames_bgr:
            return []
        inputs = [_model_input(frame) for frame in frames_bgr]
        names = [self._boxes, self._scores, self._classes]
        with self._lock:
            start = time.perf_counter()
            if self.batched:
                boxes, scores, classes = self._session.run(names, {self._input: np.stack(inputs)})
            else:
                rows = [self._session.run(names, {self._input: one[np.newaxis]}) for one in inputs]
                boxes, scores, classes = (np.concatenate(part) for part in zip(*rows, strict=True))
            model_ms = (time.perf_counter() - start) * 1000.0 / len(inputs)
        return [
            DetectorOutput(self._decode(frame.shape[:2], boxes[i], scores[i], classes[i]), model_ms)
            for i, frame in enumerate(frames_bgr)
        ]

    def _decode(
        self, shape: tuple[int, ...], boxes: np.ndarray, scores: np.ndarray, classes: np.ndarray
    ) -> tuple[Detection, ...]:
        height, width = shape
        found = []
        for (ymin, xmin, ymax, xmax), score, cls in zip(boxes, scores, classes, strict=True):
            if score < self.score_threshold:
                break  # scores come sorted, highest first
            if int(cls) != PERSON_CLASS_ID:
                continue
            box = Box(xmin * width, ymin * height, xmax * width, ymax * height).clipped(width, height)
            if box.width >= MIN_BOX_PX and box.height >= MIN_BOX_PX:
                found.append(Detection(box=box, score=float(score)))
        return tuple(found)


def _model_input(frame_bgr: np.ndarray) -> np.ndarray:
    """RGB uint8 at 300x300 (a crop already at the model's size is only recoloured)."""
    if frame_bgr.shape[:2] != (SSD_INPUT_PX, SSD_INPUT_PX):
        frame_bgr = cv2.resize(frame_bgr, (SSD_INPUT_PX, SSD_INPUT_PX), interpolation=cv2.INTER_LINEAR)
    return cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2RGB)


def _accepts_batch(shape: list[object]) -> bool:
    """A symbolic or unknown first dimension takes any batch; a fixed 1 does not."""
    first = shape[0] if shape else 1
    return not isinstance(first, int) or first > 1


def _output_named(names: list[str], fragment: str) -> str:
    for name in names:
        if fragment in name:
            return name
    raise KeyError(f"model has no output containing {fragment!r}: {names}")
