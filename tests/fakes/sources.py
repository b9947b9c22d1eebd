"""In-memory frame sources for tests."""

from __future__ import annotations

import numpy as np

from shopguard.vision.sources import Frame, FrameSource, SourceStatus


class FakeFrameSource(FrameSource):
    """Serves given images at a fixed rate; None after the last one (like the end of a file)."""

    def __init__(self, images: list[np.ndarray], fps: float = 10.0, name: str = "fake") -> None:
        self.images = images
        self.name = name
        self._fps = fps
        self._index = 0
        self._status = SourceStatus.OFFLINE

    def open(self) -> None:
        self._status = SourceStatus.LIVE

    def read(self) -> Frame | None:
        if self._index >= len(self.images):
            self._status = SourceStatus.ENDED
            return None
        frame = Frame(self.images[self._index], self._index / self._fps, self._index)
        self._index += 1
        return frame

    def close(self) -> None:
        pass

    @property
    def fps(self) -> float:
        return self._fps

    @property
    def status(self) -> SourceStatus:
        return self._status
