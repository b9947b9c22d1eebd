"""Multi-person tracker with stable ids, ByteTrack-style two-stage association by IoU."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection, Track
from shopguard.vision.assignment import min_cost_assignment
from shopguard.vision.kalman import BoxKalman

HIGH_SCORE = 0.5  # confident detections; weaker ones only extend existing tracks
NEW_TRACK_SCORE = 0.6  # a new person must be seen clearly to start a track
MATCH_IOU = 0.2  # gates as in ByteTrack (match_thresh 0.8 on 1 - IoU)
LOW_MATCH_IOU = 0.5
TENTATIVE_MATCH_IOU = 0.3
BIRTH_OVERLAP = 0.6  # a new box mostly inside a tracked one is the same person seen twice
CONFIRM_HITS = 3
MAX_LOST_S = 2.0
SCORE_WINDOW = 9


class Tracker(Protocol):
    def update(self, detections: tuple[Detection, ...], ts: float) -> tuple[Track, ...]: ...

    def active(self) -> tuple[Track, ...]: ...


@dataclass
class _TrackState:
    kalman: BoxKalman
    first_box: Box
    score: float
    first_seen_s: float
    last_seen_s: float
    last_update_s: float
    hits: int = 1
    track_id: int = 0  # 0 until confirmed, so shown ids have no gaps from discarded tentatives
    lost_frames: int = 0
    recent_scores: list[float] = field(default_factory=list)

    @property
    def confirmed(self) -> bool:
        return self.track_id > 0

    def snapshot(self) -> Track:
        return Track(
            track_id=self.track_id,
            box=self.kalman.box,
            score=self.score,
            first_seen_s=self.first_seen_s,
            last_seen_s=self.last_seen_s,
            hits=self.hits,
            confirmed=self.confirmed,
            lost_frames=self.lost_frames,
            first_box=self.first_box,
        )


class ByteTracker:
    """Keeps tracks through short misses; a track becomes real after CONFIRM_HITS matches whose
    median score clears the high threshold, and once real it stays real until lost for MAX_LOST_S."""

    def __init__(self, max_lost_s: float = MAX_LOST_S, confirm_hits: int = CONFIRM_HITS) -> None:
        self.max_lost_s = max_lost_s
        self.confirm_hits = confirm_hits
        self._tracks: list[_TrackState] = []
        self._next_id = 1

    def update(self, detections: tuple[Detection, ...], ts: float) -> tuple[Track, ...]:
        for track in self._tracks:
            track.kalman.predict(max(ts - track.last_update_s, 0.0))
            track.last_update_s = ts
        high = [d for d in detections if d.score >= HIGH_SCORE]
        low = [d for d in detections if d.score < HIGH_SCORE]
        confirmed = [t for t in self._tracks if t.confirmed]
        tentative = [t for t in self._tracks if not t.confirmed]

        # Stage 1: confirmed tracks take the confident detections.
        pairs, free_tracks, free_high = _associate(confirmed, high, MATCH_IOU)
        self._apply(pairs, ts)
        # Stage 2: tracks still unmatched take the weak detections (a person half hidden).
        pairs, still_free, _ = _associate(free_tracks, low, LOW_MATCH_IOU)
        self._apply(pairs, ts)
        # Stage 3: tentative tracks take what is left of the confident detections.
        pairs, free_tentative, new_dets = _associate(tentative, free_high, TENTATIVE_MATCH_IOU)
        self._apply(pairs, ts)

        for track in still_free:
            track.lost_frames += 1
        for track in free_tentative:
            self._tracks.remove(track)  # a tentative track that misses once was noise
        self._tracks = [t for t in self._tracks if ts - t.last_seen_s <= self.max_lost_s]
        for det in new_dets:
            if det.score < NEW_TRACK_SCORE or self._overlaps_existing(det):
                continue
            self._tracks.append(
                _TrackState(
                    kalman=BoxKalman(det.box),
                    first_box=det.box,
                    score=det.score,
                    first_seen_s=ts,
                    last_seen_s=ts,
                    last_update_s=ts,
                    recent_scores=[det.score],
                )
            )
        self._confirm_ready()
        return self.active()

    def active(self) -> tuple[Track, ...]:
        """Confirmed tracks, including those briefly unseen (their predicted box)."""
        return tuple(t.snapshot() for t in self._tracks if t.confirmed)

    def _overlaps_existing(self, det: Detection) -> bool:
        area = det.box.area
        return area > 0 and any(
            track.kalman.box.intersection_area(det.box) / area >= BIRTH_OVERLAP for track in self._tracks
        )

    def _apply(self, pairs: list[tuple[_TrackState, Detection]], ts: float) -> None:
        for track, det in pairs:
            track.kalman.update(det.box)
            track.score = det.score
            track.last_seen_s = ts
            track.hits += 1
            track.lost_frames = 0
            track.recent_scores = (track.recent_scores + [det.score])[-SCORE_WINDOW:]

    def _confirm_ready(self) -> None:
        for track in self._tracks:
            if track.confirmed or track.hits < self.confirm_hits:
                continue
            if float(np.median(track.recent_scores)) >= HIGH_SCORE:
                track.track_id = self._next_id
                self._next_id += 1


def _associate(
    tracks: list[_TrackState], detections: list[Detection], min_iou: float
) -> tuple[list[tuple[_TrackState, Detection]], list[_TrackState], list[Detection]]:
    if not tracks or not detections:
        return [], list(tracks), list(detections)
    predicted = [t.kalman.box for t in tracks]
    cost = np.ones((len(tracks), len(detections)))
    for i, box in enumerate(predicted):
        for j, det in enumerate(detections):
            cost[i, j] = 1.0 - box.iou(det.box)
    rows, cols = min_cost_assignment(cost)
    pairs = []
    used_t: set[int] = set()
    used_d: set[int] = set()
    for i, j in zip(rows, cols, strict=True):
        if 1.0 - cost[i, j] >= min_iou:
            pairs.append((tracks[i], detections[j]))
            used_t.add(i)
            used_d.add(j)
    free_t = [t for i, t in enumerate(tracks) if i not in used_t]
    free_d = [d for j, d in enumerate(detections) if j not in used_d]
    return pairs, free_t, free_d
