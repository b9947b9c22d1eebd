"""The background a camera's pictures are compared with: it follows the scene (light, day and night,
things moved on the shelves) and says, per grid cell, what still matches it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shopguard.rules.tamper_picture import Picture, cell_blocks

LEARN_S = 2.0  # the first pictures are averaged; no judgement before this
FOLLOW_TAU_S = 30.0  # a healthy picture pulls the background this fast (time constant)
FOREGROUND_SLOWER = 8.0  # cells that do not match (someone standing there) follow this much slower
KEYFRAME_EVERY_S = 10.0  # the picture kept for feature matching is this fresh
# A cell takes part when the background has some structure there: at least this share of its
# median cell (a blank wall or ceiling has nothing to lose or to match).
STRUCTURED_SHARE = 0.5
MATCH_NCC = 0.5  # a cell's edges match the background's when their correlation reaches this
# A cell still has structure when its contrast reaches this share of the background's typical
# (median) structured cell: a new view has structure of its own, a hand or a bag has almost none.
KEPT_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class Comparison:
    """One picture against the background. Shares are of the background's structured cells."""

    cells: int  # structured cells in the background
    matched: float  # share whose edges are where the background's are
    kept: float  # share of all cells with structure of their own (whatever it shows)
    sharpness: float  # fine detail per structure against the background's, median over matched cells
    contrast: float  # structure against the background's, median over matched cells (a veil lowers it)
    detail: float  # fine detail anywhere against the background's: an in-focus view has it, a cover not
    matched_detail: float  # the same over matched cells only (a veil lies over them; a growing smear not)
    brightness: float  # mean grey against the background's
    change: float  # mean absolute change since the previous sample, in units of the mean brightness
    clipped: float  # share of the picture at the top of the range
    matched_cells: np.ndarray  # per cell (for `Background.follow`)


def correlation(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Zero-mean normalised correlation per row (one row per cell)."""
    a = a - a.mean(axis=1, keepdims=True)
    b = b - b.mean(axis=1, keepdims=True)
    return (a * b).sum(axis=1) / np.sqrt((a * a).sum(axis=1) * (b * b).sum(axis=1) + 1e-12)


def _sharp(picture: Picture) -> np.ndarray:
    # Fine detail per unit of coarse structure: blur lowers it, a dimmer or hazier picture does not.
    return picture.fine / np.maximum(picture.structure, 1e-4)


class Background:
    """Running averages of a camera's healthy pictures. `compare` remembers the picture (for the
    change since the last sample); only `follow` changes the background."""

    def __init__(self) -> None:
        self.edges: np.ndarray | None = None
        self.structure: np.ndarray | None = None
        self.sharp: np.ndarray | None = None
        self.fine: np.ndarray | None = None
        self.mean = 0.0
        self.keyframe: np.ndarray | None = None
        self._keyframe_s = 0.0
        self._learned_s = 0.0
        self._samples = 0
        self._last_s: float | None = None
        self._previous: Picture | None = None

    @property
    def ready(self) -> bool:
        return self.edges is not None and self._learned_s >= LEARN_S

    def reset(self) -> None:
        self.__init__()

    def compare(self, picture: Picture) -> Comparison | None:
        """None until the background has been learnt."""
        previous, self._previous = self._previous, picture
        if not self.ready or self.edges is None or self.structure is None or self.sharp is None:
            return None
        assert self.fine is not None
        structured = self.structure >= STRUCTURED_SHARE * float(np.median(self.structure))
        typical = float(np.median(self.structure[structured])) if structured.any() else 0.0
        ncc = correlation(cell_blocks(picture.edges), cell_blocks(self.edges)).reshape(structured.shape)
        matched = structured & (ncc >= MATCH_NCC)
        sharp = _sharp(picture) / np.maximum(self.sharp, 1e-6)
        contrast = picture.structure / np.maximum(self.structure, 1e-6)
        fine_typical = float(np.median(self.fine))
        fine = picture.fine / np.maximum(self.fine, 1e-6)
        change = 0.0 if previous is None else float(np.abs(picture.coarse - previous.coarse).mean())
        cells = int(structured.sum())
        return Comparison(
            cells=cells,
            matched=float(matched.sum()) / max(cells, 1),
            kept=float(np.mean(picture.structure >= KEPT_SHARE * typical)) if typical > 0 else 0.0,
            sharpness=float(np.median(sharp[matched])) if matched.any() else 1.0,
            contrast=float(np.median(contrast[matched])) if matched.any() else 1.0,
            detail=float(np.median(picture.fine)) / fine_typical if fine_typical > 0 else 0.0,
            matched_detail=float(np.median(fine[matched])) if matched.any() else 1.0,
            brightness=picture.mean / max(self.mean, 1.0),
            change=change,
            clipped=picture.clipped,
            matched_cells=ncc >= MATCH_NCC,
        )

    def follow(self, picture: Picture, ts: float, matched: np.ndarray | None = None) -> None:
        """Pull the background towards a picture judged healthy (`matched`: cells that matched)."""
        dt = 0.0 if self._last_s is None else max(0.0, ts - self._last_s)
        self._last_s = ts
        sharp = _sharp(picture)
        if self.edges is None or self.structure is None or self.sharp is None or self.fine is None:
            self.edges, self.structure, self.sharp = picture.edges.copy(), picture.structure.copy(), sharp
            self.fine = picture.fine.copy()
            self.mean = picture.mean
            self.keyframe, self._keyframe_s = picture.grey.copy(), ts
            self._samples = 1
            return
        self._samples += 1
        if self._learned_s < LEARN_S:
            self._learned_s += dt
            rate = np.full(self.structure.shape, 1.0 / self._samples, np.float32)
        else:
            rate = np.full(self.structure.shape, min(1.0, dt / FOLLOW_TAU_S), np.float32)
            if matched is not None:
                rate = np.where(matched, rate, rate / FOREGROUND_SLOWER)
        self.structure += rate * (picture.structure - self.structure)
        self.sharp += rate * (sharp - self.sharp)
        self.fine += rate * (picture.fine - self.fine)
        self.mean += float(rate.mean()) * (picture.mean - self.mean)
        h, w = self.edges.shape
        rows, cols = rate.shape
        per_pixel = np.repeat(np.repeat(rate, h // rows, axis=0), w // cols, axis=1)
        self.edges += per_pixel * (picture.edges - self.edges)
        if ts - self._keyframe_s >= KEYFRAME_EVERY_S or ts < self._keyframe_s:
            self.keyframe, self._keyframe_s = picture.grey.copy(), ts
