"""Does a picture still show the background's view at all? ORB features, Lowe's ratio test and a
RANSAC similarity: the scene found unmoved (people in front), found shifted (knocked), or not found."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from shopguard.vision.cv import cv2

FEATURES = 500
RATIO = 0.75  # Lowe's ratio test: the best match must be clearly better than the second best
RANSAC_PX = 3.0  # at the 320 px working size
MIN_INLIERS = 12  # fewer agreeing matches than this is chance
# Moving by more than this share of the width, or turning by more than this, is a moved camera
# (a picture 1 px off at 320 px is the same view).
SAME_SHIFT_SHARE = 0.03
SAME_ANGLE_DEG = 2.0


class View(StrEnum):
    SAME = "same"  # the background's view, where it was: whatever hides the rest is in front
    SHIFTED = "shifted"  # the background's view, elsewhere in the picture: the camera was knocked
    UNKNOWN = "unknown"  # the background's view is not in the picture


@dataclass(frozen=True, slots=True)
class ViewMatch:
    view: View
    inliers: int
    shift_share: float  # of the picture width
    angle_deg: float


def match_view(reference: np.ndarray, grey: np.ndarray) -> ViewMatch:
    """Where `reference` (a grey picture) lies in `grey` (same size)."""
    orb = cv2.ORB_create(nfeatures=FEATURES)
    ref_points, ref_desc = orb.detectAndCompute(reference, None)
    points, desc = orb.detectAndCompute(grey, None)
    if ref_desc is None or desc is None or len(ref_points) < MIN_INLIERS or len(points) < MIN_INLIERS:
        return ViewMatch(View.UNKNOWN, 0, 0.0, 0.0)
    pairs = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(ref_desc, desc, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < RATIO * p[1].distance]
    if len(good) < MIN_INLIERS:
        return ViewMatch(View.UNKNOWN, len(good), 0.0, 0.0)
    src = np.float32([ref_points[m.queryIdx].pt for m in good])
    dst = np.float32([points[m.trainIdx].pt for m in good])
    matrix, inlier_mask = cv2.estimateAffinePartial2D(
        src, dst, method=cv2.RANSAC, ransacReprojThreshold=RANSAC_PX
    )
    inliers = int(inlier_mask.sum()) if inlier_mask is not None else 0
    if matrix is None or inliers < MIN_INLIERS:
        return ViewMatch(View.UNKNOWN, inliers, 0.0, 0.0)
    height, width = reference.shape[:2]
    centre = np.float32([width / 2, height / 2])
    shift = float(np.linalg.norm(matrix[:, :2] @ centre + matrix[:, 2] - centre)) / width
    angle = float(np.degrees(np.arctan2(matrix[1, 0], matrix[0, 0])))
    same = shift <= SAME_SHIFT_SHARE and abs(angle) <= SAME_ANGLE_DEG
    return ViewMatch(View.SAME if same else View.SHIFTED, inliers, shift, angle)
