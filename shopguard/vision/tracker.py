"""Multi-person tracker with stable ids: ByteTrack-style two-stage association by IoU with a Kalman
prediction, confirmation by evidence over time, and lost tracks re-found by position and colour."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection, Track
from shopguard.vision import appearance
from shopguard.vision.assignment import min_cost_assignment
from shopguard.vision.kalman import BoxKalman

HIGH_SCORE = 0.5  # confident detections; weaker ones only extend existing tracks
NEW_TRACK_SCORE = 0.6  # a new person must be seen clearly to start a track
MATCH_IOU = 0.2  # gates as in ByteTrack (match_thresh 0.8 on 1 - IoU)
LOW_MATCH_IOU = 0.5
TENTATIVE_MATCH_IOU = 0.3
BIRTH_OVERLAP = 0.6  # a new box mostly inside a tracked one is the same person seen twice
# Confirmation is evidence over time, so it means the same at 4 and at 12.5 analysed frames a
# second: two matches at least CONFIRM_S apart (a person stands where they stood 0.2 s ago; a
# reflection or a coat on a hook that flickers into a detection rarely holds that long). At 4 Hz
# that is the second look, 0.25 s after the first; at 12.5 Hz the fourth, 0.24 s after.
CONFIRM_HITS = 2
CONFIRM_S = 0.2
TENTATIVE_LOST_S = 0.5  # a tentative track may miss a look or two before it counts as noise
MAX_LOST_S = 2.0  # a lost track is matched by overlap with its predicted box this long
SHOW_LOST_S = 0.5  # ... and shown (predicted, dashed) this long: two looks at 4 Hz
IN_PICTURE = 0.5  # a lost box with less of itself inside the picture walked out: not shown
REFIND_S = 5.0  # ... and kept this long to be re-found by position and colour
# Walking is ≈ 0.8 body heights a second; with margin, the fastest a lost box may coast and the
# reach within which a lost person may come back.
WALK_HEIGHTS_PER_S = 1.5
# Re-finding: Bhattacharyya distance of torso colours (0.35 accepts 68 % of same-person pairs and
# 1.4 % of other-person pairs on TUD-Stadtmitte GT boxes, fitted there; 78 % and 1.0 % on
# TUD-Campus, held out), within walking reach and of about the same size (perspective changes it
# slowly).
REFIND_MAX_DISTANCE = 0.35
REFIND_MIN_REACH_HEIGHTS = 0.5
REFIND_SIZE_RATIO = 1.5
# Two people crossing: a pairing whose torso colours are further apart than this is ruled out
# (the 99th percentile of same-person distances: 0.54 on TUD-Stadtmitte GT boxes, fitted there;
# 0.56 on TUD-Campus, held out).
APPEARANCE_VETO = 0.55
APPEARANCE_WEIGHT = 0.2  # each clear look moves the colour model this much
CLEAR_OVERLAP = 0.2  # a box this much covered by another is a mix of two people: not learnt
SCORE_WINDOW = 9


class Tracker(Protocol):
    def update(
        self, detections: tuple[Detection, ...], ts: float, frame: np.ndarray | None = None
    ) -> tuple[Track, ...]: ...

    def active(self) -> tuple[Track, ...]: ...

    def predicted(self, ts: float) -> tuple[Track, ...]: ...


@dataclass
class _TrackState:
    kalman: BoxKalman
    first_box: Box
    last_box: Box  # where it was last seen (the filtered box at the last match)
    score: float
    first_seen_s: float
    last_seen_s: float
    last_update_s: float
    hits: int = 1
    track_id: int = 0  # 0 until confirmed, so shown ids have no gaps from discarded tentatives
    lost_frames: int = 0
    recent_scores: list[float] = field(default_factory=list)
    colours: np.ndarray | None = None  # torso HSV histogram, learnt from clear looks

    @property
    def confirmed(self) -> bool:
        return self.track_id > 0

    def snapshot(self, box: Box | None = None, shown: bool = True) -> Track:
        return Track(
            track_id=self.track_id,
            box=box or self.kalman.box,
            score=self.score,
            first_seen_s=self.first_seen_s,
            last_seen_s=self.last_seen_s,
            hits=self.hits,
            confirmed=self.confirmed,
            lost_frames=self.lost_frames,
            first_box=self.first_box,
            shown=shown,
        )


class ByteTracker:
    """Keeps tracks through short misses; a track becomes real after `confirm_hits` matches over at
    least `confirm_s` whose median score clears the high threshold, and once real it stays real:
    shown while lost for SHOW_LOST_S, matched by overlap for `max_lost_s`, re-found by colour for
    REFIND_S."""

    def __init__(
        self, max_lost_s: float = MAX_LOST_S, confirm_hits: int = CONFIRM_HITS, confirm_s: float = CONFIRM_S
    ) -> None:
        self.max_lost_s = max_lost_s
        self.confirm_hits = confirm_hits
        self.confirm_s = confirm_s
        self._tracks: list[_TrackState] = []
        self._next_id = 1
        self._ts = 0.0
        self._picture: Box | None = None  # known once a frame has been given
        self._first_look = True

    def update(
        self, detections: tuple[Detection, ...], ts: float, frame: np.ndarray | None = None
    ) -> tuple[Track, ...]:
        """Match the detections of an analysed frame; `frame` (BGR) lets tracks learn colours."""
        for track in self._tracks:
            dt = max(ts - track.last_update_s, 0.0)
            if track.lost_frames:
                track.kalman.coast(WALK_HEIGHTS_PER_S)
            track.kalman.predict(dt)
            track.last_update_s = ts
        self._ts = ts
        if frame is not None:
            self._picture = Box(0, 0, frame.shape[1], frame.shape[0])
        looks_of = {id(d): look for d, look in zip(detections, _looks(frame, detections), strict=True)}
        high = [d for d in detections if d.score >= HIGH_SCORE]
        low = [d for d in detections if d.score < HIGH_SCORE]
        recent = [t for t in self._tracks if t.confirmed and self._recent(t, ts)]
        hidden = [t for t in self._tracks if t.confirmed and not self._recent(t, ts)]
        tentative = [t for t in self._tracks if not t.confirmed]

        # Stage 1: confirmed tracks take the confident detections.
        pairs, free_tracks, free_high = _associate(recent, high, MATCH_IOU, looks_of)
        matched = self._apply(pairs, ts)
        # Stage 2: tracks still unmatched take the weak detections (a person half hidden).
        pairs, still_free, _ = _associate(free_tracks, low, LOW_MATCH_IOU, looks_of)
        matched += self._apply(pairs, ts)
        # Stage 3: tentative tracks take what is left of the confident detections.
        pairs, _, new_dets = _associate(tentative, free_high, TENTATIVE_MATCH_IOU)
        matched += self._apply(pairs, ts)
        # Stage 4: what is still left may be a lost person coming back (behind a shelf, out of
        # the picture for a moment): position and colour, not overlap.
        new_dets = [d for d in new_dets if not self._overlaps_existing(d, ts)]
        refound, new_dets = self._refind(still_free + hidden, new_dets, looks_of, ts)
        matched += refound

        for track in self._tracks:
            if track.last_seen_s < ts and track.confirmed:
                track.lost_frames += 1
        self._tracks = [t for t in self._tracks if self._keep(t, ts)]
        for det in new_dets:
            if det.score >= NEW_TRACK_SCORE:
                self._tracks.append(_new_track(det, ts))
                matched.append((self._tracks[-1], det))
        self._learn_colours(matched, detections, looks_of)
        self._confirm_ready(ts, self._first_look)
        self._first_look = False
        return self.active()

    def active(self) -> tuple[Track, ...]:
        """Confirmed tracks, including those unseen for up to `max_lost_s` (their predicted box,
        `shown` only for SHOW_LOST_S and while mostly inside the picture)."""
        return tuple(
            t.snapshot(shown=self._displayed(t, self._ts, t.kalman.box))
            for t in self._tracks
            if t.confirmed and self._recent(t, self._ts)
        )

    def predicted(self, ts: float) -> tuple[Track, ...]:
        """The confirmed tracks with boxes predicted to `ts` (a frame between analysed ones),
        leaving the tracker as it is."""
        out = []
        for track in self._tracks:
            if not track.confirmed or not self._recent(track, ts):
                continue
            dt = max(ts - track.last_update_s, 0.0)
            coast = WALK_HEIGHTS_PER_S if track.lost_frames else None
            box = track.kalman.predicted_box(dt, coast)
            out.append(track.snapshot(box, shown=self._displayed(track, ts, box)))
        return tuple(out)

    def _recent(self, track: _TrackState, ts: float) -> bool:
        return ts - track.last_seen_s <= self.max_lost_s

    def _displayed(self, track: _TrackState, ts: float, box: Box) -> bool:
        if not track.lost_frames:
            return True  # seen at the last analysed frame
        if self._picture is not None and box.intersection_area(self._picture) < IN_PICTURE * box.area:
            return False
        return ts - track.last_seen_s <= min(SHOW_LOST_S, self.max_lost_s)

    def _keep(self, track: _TrackState, ts: float) -> bool:
        unseen = ts - track.last_seen_s
        if not track.confirmed:
            return unseen <= TENTATIVE_LOST_S
        return unseen <= (REFIND_S if track.colours is not None else self.max_lost_s)

    def _overlaps_existing(self, det: Detection, ts: float) -> bool:
        area = det.box.area
        return area > 0 and any(
            track.kalman.box.intersection_area(det.box) / area >= BIRTH_OVERLAP
            for track in self._tracks
            if not track.confirmed or self._recent(track, ts)
        )

    def _apply(self, pairs: list[tuple[_TrackState, Detection]], ts: float) -> list:
        for track, det in pairs:
            track.kalman.update(det.box)
            _seen(track, det, ts)
        return list(pairs)

    def _refind(
        self,
        lost: list[_TrackState],
        dets: list[Detection],
        looks_of: dict[int, np.ndarray | None],
        ts: float,
    ) -> tuple[list[tuple[_TrackState, Detection]], list[Detection]]:
        lost = [t for t in lost if t.colours is not None]
        looks = [looks_of[id(d)] for d in dets]
        if not lost or not any(look is not None for look in looks):
            return [], dets
        cost = np.ones((len(lost), len(dets)))
        for i, track in enumerate(lost):
            for j, (det, look) in enumerate(zip(dets, looks, strict=True)):
                if look is not None and _within_reach(track, det.box, ts):
                    cost[i, j] = appearance.distance(track.colours, look)  # type: ignore[arg-type]
        rows, cols = min_cost_assignment(cost)
        pairs = [
            (lost[i], dets[j]) for i, j in zip(rows, cols, strict=True) if cost[i, j] <= REFIND_MAX_DISTANCE
        ]
        for track, det in pairs:
            track.kalman = BoxKalman(det.box)  # the old prediction is stale: start from here
            _seen(track, det, ts)
        taken = {id(det) for _, det in pairs}
        return pairs, [d for d in dets if id(d) not in taken]

    def _learn_colours(
        self,
        matched: list[tuple[_TrackState, Detection]],
        detections: tuple[Detection, ...],
        looks_of: dict[int, np.ndarray | None],
    ) -> None:
        boxes = [d.box for d in detections]
        for track, det in matched:
            look = looks_of[id(det)]
            if look is not None and det.score >= HIGH_SCORE and _clear(det.box, boxes):
                track.colours = appearance.blend(track.colours, look, APPEARANCE_WEIGHT)

    def _confirm_ready(self, ts: float, first_look: bool) -> None:
        """On the camera's first look there is no history that a detection could be noise against,
        so clear people already in the picture are real at once (ByteTrack activates the first
        frame's tracks the same way); later newcomers wait for a second look."""
        for track in self._tracks:
            if track.confirmed:
                continue
            if first_look and track.score >= NEW_TRACK_SCORE:
                track.track_id = self._next_id
                self._next_id += 1
                continue
            if track.hits < self.confirm_hits or ts - track.first_seen_s < self.confirm_s - 1e-6:
                continue
            if float(np.median(track.recent_scores)) >= HIGH_SCORE:
                track.track_id = self._next_id
                self._next_id += 1


def _new_track(det: Detection, ts: float) -> _TrackState:
    return _TrackState(
        kalman=BoxKalman(det.box),
        first_box=det.box,
        last_box=det.box,
        score=det.score,
        first_seen_s=ts,
        last_seen_s=ts,
        last_update_s=ts,
        recent_scores=[det.score],
    )


def _seen(track: _TrackState, det: Detection, ts: float) -> None:
    track.score = det.score
    track.last_seen_s = ts
    track.last_box = track.kalman.box
    track.hits += 1
    track.lost_frames = 0
    track.recent_scores = (track.recent_scores + [det.score])[-SCORE_WINDOW:]


def _looks(frame: np.ndarray | None, dets: tuple[Detection, ...]) -> list[np.ndarray | None]:
    if frame is None:
        return [None] * len(dets)
    return [appearance.torso_histogram(frame, d.box) for d in dets]


def _within_reach(track: _TrackState, box: Box, ts: float) -> bool:
    last = track.last_box
    ratio = box.height / max(last.height, 1.0)
    if not 1.0 / REFIND_SIZE_RATIO <= ratio <= REFIND_SIZE_RATIO:
        return False
    reach = (REFIND_MIN_REACH_HEIGHTS + WALK_HEIGHTS_PER_S * (ts - track.last_seen_s)) * last.height
    (ax, ay), (bx, by) = last.center, box.center
    return math.hypot(ax - bx, ay - by) <= reach


def _clear(box: Box, others: list[Box]) -> bool:
    area = box.area
    return area > 0 and all(
        other is box or box.intersection_area(other) / area <= CLEAR_OVERLAP for other in others
    )


def _veto_by_colour(
    cost: np.ndarray, tracks: list[_TrackState], looks: list[np.ndarray | None], min_iou: float
) -> None:
    """Where overlap is ambiguous (two people crossing: a track near two boxes, or a box near two
    tracks), a pairing whose colours clearly differ is ruled out. A lone overlap is trusted:
    colours of small or badly lit people are noisy."""
    near = cost <= 1.0 - min_iou
    ambiguous = (near.sum(axis=1, keepdims=True) > 1) | (near.sum(axis=0, keepdims=True) > 1)
    for i, j in zip(*np.nonzero(near & ambiguous), strict=True):
        colours, look = tracks[i].colours, looks[j]
        if colours is not None and look is not None and appearance.distance(colours, look) > APPEARANCE_VETO:
            cost[i, j] = 1.0


def _associate(
    tracks: list[_TrackState],
    detections: list[Detection],
    min_iou: float,
    looks: dict[int, np.ndarray | None] | None = None,
) -> tuple[list[tuple[_TrackState, Detection]], list[_TrackState], list[Detection]]:
    if not tracks or not detections:
        return [], list(tracks), list(detections)
    predicted = [t.kalman.box for t in tracks]
    cost = np.ones((len(tracks), len(detections)))
    for i, box in enumerate(predicted):
        for j, det in enumerate(detections):
            cost[i, j] = 1.0 - box.iou(det.box)
    if looks is not None:
        _veto_by_colour(cost, tracks, [looks.get(id(d)) for d in detections], min_iou)
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
