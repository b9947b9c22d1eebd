"""Run the pipeline over a whole video file and summarise people and tracks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from shopguard.domain.vision import FrameResult
from shopguard.vision.pipeline import CameraPipeline
from shopguard.vision.sources import FrameSource


@dataclass
class TrackSummary:
    track_id: int
    first_s: float
    last_s: float
    max_confidence: float

    def as_dict(self) -> dict[str, float | int]:
        return {
            "id": self.track_id,
            "first_s": round(self.first_s, 3),
            "last_s": round(self.last_s, 3),
            "max_confidence": round(self.max_confidence, 3),
        }


@dataclass
class AnalysisResult:
    frames: int = 0
    duration_s: float = 0.0
    tracks: dict[int, TrackSummary] = field(default_factory=dict)
    max_simultaneous_tracks: int = 0
    results: list[FrameResult] = field(default_factory=list)

    def observe(self, result: FrameResult) -> None:
        self.frames += 1
        self.duration_s = result.ts
        visible = [t for t in result.tracks if t.lost_frames == 0]
        self.max_simultaneous_tracks = max(self.max_simultaneous_tracks, len(visible))
        for track in visible:
            summary = self.tracks.get(track.track_id)
            if summary is None:
                self.tracks[track.track_id] = TrackSummary(
                    track.track_id, track.first_seen_s, track.last_seen_s, track.score
                )
            else:
                summary.last_s = track.last_seen_s
                summary.max_confidence = max(summary.max_confidence, track.score)


def analyze_source(
    source: FrameSource,
    pipeline: CameraPipeline,
    keep_results: bool = False,
    on_result: Callable[[FrameResult], None] | None = None,
    on_frame: Callable[[FrameResult, np.ndarray], None] | None = None,
) -> AnalysisResult:
    """Read every frame of an opened source through the pipeline, as fast as possible."""
    analysis = AnalysisResult()
    while (frame := source.read()) is not None:
        result = pipeline.process(frame.image, frame.ts)
        analysis.observe(result)
        if keep_results:
            analysis.results.append(result)
        if on_result is not None:
            on_result(result)
        if on_frame is not None:  # the rules: they also look at the picture (tampering, snapshots)
            on_frame(result, frame.image)
    return analysis
