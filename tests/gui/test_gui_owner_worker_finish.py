"""A camera's open incidents end when its rules are replaced (zones saved) or it stops (removed):
the end reaches the alerts like any other event, on the worker's analysis thread."""

from __future__ import annotations

import numpy as np

from shopguard.services.camera_worker import CameraWorker
from tests.fakes.sources import FakeFrameSource


class Rules:
    """Stands in for a RulesEngine: records where finish ran and returns one END per call."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.finished_on: list[str] = []

    def process(self, result, image) -> list:  # noqa: ANN001
        return []

    def finish(self) -> list:
        import threading

        self.finished_on.append(threading.current_thread().name)
        return [f"end of {self.name}"]


class Pipeline:
    def process(self, frame: np.ndarray, ts: float):  # noqa: ANN201
        return None


def _worker() -> CameraWorker:
    frames = [np.zeros((48, 64, 3), np.uint8)] * 10_000
    return CameraWorker("till", FakeFrameSource(frames, fps=50.0), Pipeline(), realtime=False)


def _raised(worker: CameraWorker) -> list:
    seen: list = []
    worker.events_raised.connect(lambda raised: seen.extend(raised.events))
    return seen


def test_saving_new_zones_ends_the_old_rules_incidents_on_the_analysis_thread(qtbot) -> None:
    worker = _worker()
    seen = _raised(worker)
    old, new = Rules("old"), Rules("new")
    worker.set_analysers([old.process], finishers=[old.finish])
    worker.start()
    try:
        worker.set_analysers([new.process], finishers=[new.finish])
        qtbot.waitUntil(lambda: "end of old" in seen, timeout=5000)
        assert old.finished_on == ["analysis-till"] and new.finished_on == []
    finally:
        worker.stop()


def test_a_stopped_camera_ends_its_open_incidents(qtbot) -> None:
    worker = _worker()
    seen = _raised(worker)
    rules = Rules("current")
    worker.set_analysers([rules.process], finishers=[rules.finish])
    worker.start()
    worker.stop()
    qtbot.waitUntil(lambda: seen == ["end of current"], timeout=5000)
    assert rules.finished_on == ["analysis-till"]
