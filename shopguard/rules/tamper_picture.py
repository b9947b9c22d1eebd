"""Picture statistics for the tampering checks: per grid cell, structure, sharpness and an edge map."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shopguard.vision.cv import cv2

GRID_COLS, GRID_ROWS = 8, 6
# Fixed working sizes (the aspect ratio is squashed, which is harmless: every picture is only ever
# compared with the same camera's own background). Cells are 40, 20 and 10 px square in them.
FINE_SIZE = (320, 240)  # sharpness: the finest detail a 640 px camera shows, without its sensor noise
MATCH_SIZE = (160, 120)  # edge positions: where the scene's edges are
COARSE_SIZE = (80, 60)  # structure: shelves, doors, people; a blurred hand or cloth has none at this scale
# Contrast is measured in units of the picture's mean brightness, so lights dimmed to 20 % or an
# exposure swing (a gain) leave the numbers alone, while a lit hand or a milky bag (bright, with
# little contrast) reads as what it is. Below this mean (a black picture) there is no contrast to
# speak of, and sensor noise must not be read as structure.
MEAN_FLOOR = 12.0
EDGE_BLUR_SIGMA = 1.0
CLIPPED_GREY = 250  # edges a pixel off still count as the same edge when matching


@dataclass(frozen=True, slots=True)
class Picture:
    """One sample's numbers. Cell arrays are GRID_ROWS × GRID_COLS; `edges` is MATCH_SIZE."""

    mean: float  # grey level 0–255
    structure: np.ndarray  # mean coarse gradient per cell, in units of the mean brightness
    fine: np.ndarray  # mean |Laplacian| per cell at FINE_SIZE, same units
    edges: np.ndarray  # gradient magnitude at MATCH_SIZE, same units
    coarse: np.ndarray  # COARSE_SIZE picture, same units (what changed since the last sample)
    grey: np.ndarray  # FINE_SIZE uint8, for feature matching
    clipped: float  # share of pixels at the top of the range (a white-out)


def cell_means(values: np.ndarray) -> np.ndarray:
    """Mean of each grid cell of a picture whose size is a multiple of the grid."""
    h, w = values.shape
    return values.reshape(GRID_ROWS, h // GRID_ROWS, GRID_COLS, w // GRID_COLS).mean(axis=(1, 3))


def cell_blocks(values: np.ndarray) -> np.ndarray:
    """The picture as one row of pixels per cell: (GRID_ROWS * GRID_COLS, pixels per cell)."""
    h, w = values.shape
    blocks = values.reshape(GRID_ROWS, h // GRID_ROWS, GRID_COLS, w // GRID_COLS).transpose(0, 2, 1, 3)
    return blocks.reshape(GRID_ROWS * GRID_COLS, -1)


def _magnitude(image: np.ndarray) -> np.ndarray:
    gx = cv2.Sobel(image, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(image, cv2.CV_32F, 0, 1, ksize=3)
    return cv2.magnitude(gx, gy)


def measure(frame_bgr: np.ndarray) -> Picture:
    """The numbers of one frame (any size, colour or grey)."""
    grey8 = frame_bgr if frame_bgr.ndim == 2 else cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2GRAY)
    fine8 = cv2.resize(grey8, FINE_SIZE, interpolation=cv2.INTER_AREA)
    fine = fine8.astype(np.float32)
    mean = float(fine.mean())
    scale = 1.0 / max(mean, MEAN_FLOOR)
    laplacian = np.abs(cv2.Laplacian(fine, cv2.CV_32F, ksize=3))
    match = cv2.resize(fine, MATCH_SIZE, interpolation=cv2.INTER_AREA)
    edges = _magnitude(cv2.GaussianBlur(match, (0, 0), EDGE_BLUR_SIGMA))
    coarse = cv2.resize(match, COARSE_SIZE, interpolation=cv2.INTER_AREA)
    return Picture(
        mean=mean,
        structure=cell_means(_magnitude(coarse)) * scale,
        fine=cell_means(laplacian) * scale,
        edges=edges * scale,
        coarse=coarse * scale,
        grey=fine8,
        clipped=float(np.count_nonzero(fine8 >= CLIPPED_GREY)) / fine8.size,
    )
