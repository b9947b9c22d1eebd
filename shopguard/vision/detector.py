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


class SsdLitePersonDetector:
    """SSDLite person detector; one instance is shared by all cameras, calls are serialised."""

    def __init__(
        self,
        spec: ModelSpec | None = None,
        score_threshold: float = DEFAULT_SCORE_THRESHOLD,
        threads: int = 2,
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
        self.detect(np.zeros((SSD_INPUT_PX, SSD_INPUT_PX, 3), np.uint8))  # warm-up

    def detect(self, frame_bgr: np.ndarray) -> DetectorOutput:
        height, width = frame_bgr.shape[:2]
        resized = cv2.resize(frame_bgr, (SSD_INPUT_PX, SSD_INPUT_PX), interpolation=cv2.INTER_LINEAR)
        rgb = cv2.cvtColor(resized, cv2.COLOR_BGR2RGB)[np.newaxis]
        with self._lock:
            start = time.perf_counter()
            boxes, scores, classes = self._session.run(
                [self._boxes, self._scores, self._classes], {self._input: rgb}
            )
            model_ms = (time.perf_counter() - start) * 1000.0
        found = []
        for (ymin, xmin, ymax, xmax), score, cls in zip(boxes[0], scores[0], classes[0], strict=True):
            if score < self.score_threshold:
                break  # scores come sorted, highest first
            if int(cls) != PERSON_CLASS_ID:
                continue
            box = Box(xmin * width, ymin * height, xmax * width, ymax * height).clipped(width, height)
            if box.width >= MIN_BOX_PX and box.height >= MIN_BOX_PX:
                found.append(Detection(box=box, score=float(score)))
        return DetectorOutput(tuple(found), model_ms)


def _output_named(names: list[str], fragment: str) -> str:
    for name in names:
        if fragment in name:
            return name
    raise KeyError(f"model has no output containing {fragment!r}: {names}")
