"""The models an export may need, loaded on first use and then kept (person boxes for annotated
stills, CenterFace and MoveNet for redaction). Thread-safe; no Qt."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from shopguard.evidence.faces import CenterFaceDetector

ANNOTATE_MIN_SCORE = 0.35  # the app's default person threshold


class ExportModels:
    def __init__(self, threads: int = 2) -> None:
        self.threads = threads
        self._lock = threading.Lock()
        self._loaded: dict[str, Any] = {}

    def _get(self, key: str, make: Any) -> Any:
        with self._lock:
            if key not in self._loaded:
                self._loaded[key] = make()
            return self._loaded[key]

    def faces(self) -> CenterFaceDetector:
        return self._get("face", lambda: CenterFaceDetector(threads=self.threads))

    def pose(self) -> Any:
        from shopguard.vision.pose import MoveNetPoseEstimator

        return self._get("pose", lambda: MoveNetPoseEstimator(threads=self.threads))

    def person_boxes(self, image: np.ndarray) -> list[tuple[float, float, float, float]]:
        """People found by the person detector, for the annotated copies of stills."""
        from shopguard.vision.detector import SsdLitePersonDetector

        detector = self._get(
            "person", lambda: SsdLitePersonDetector(score_threshold=ANNOTATE_MIN_SCORE, threads=self.threads)
        )
        return [(d.box.x1, d.box.y1, d.box.x2, d.box.y2) for d in detector.detect(image).detections]
