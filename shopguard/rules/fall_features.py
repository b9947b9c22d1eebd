"""The few body points the fall logic reads from one MoveNet skeleton, and what standing looks like."""

from __future__ import annotations

import math
from dataclasses import dataclass

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Keypoint, Pose
from shopguard.domain.vision import KeypointName as K

MIN_KEYPOINT_SCORE = 0.15
UPRIGHT_DEG = 30.0
# Standing, the hip-to-ankle span in the picture is 1.45 torso lengths from the high corner camera
# and only 1.05 from the chest-height one close by (it looks down on the feet); MoveNet's hips sit
# low. Sitting on a chair seen from the front can pass this; the yardstick then only makes a later
# drop look smaller, never bigger.
STANDING_LEGS_RATIO = 0.8
# When a table, shelf or walker hides the legs, an upright torso over a hidden lower body is
# taken as standing with the feet where an average body has them.
HIDDEN_LEGS_RATIO = 1.6


@dataclass(frozen=True, slots=True)
class BodyPoints:
    """Image points of one skeleton (pixels, y down). `feet_y` None: the ankles are not seen."""

    shoulder_x: float
    shoulder_y: float
    hip_x: float
    hip_y: float
    feet_y: float | None
    legs_hidden: bool  # neither knees nor ankles seen: something covers the lower body
    box: Box

    @property
    def torso_px(self) -> float:
        return math.hypot(self.hip_x - self.shoulder_x, self.hip_y - self.shoulder_y)

    @property
    def torso_deg(self) -> float:
        """0 upright, 90 flat, 180 upside down (head towards a high camera, below the hips)."""
        return math.degrees(math.atan2(abs(self.hip_x - self.shoulder_x), self.hip_y - self.shoulder_y))


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a standing person's feet and shoulders were: the yardstick for how far they went down."""

    feet_y: float
    shoulder_y: float
    ts: float

    @property
    def height_px(self) -> float:
        return self.feet_y - self.shoulder_y


def body_points(pose: Pose) -> BodyPoints | None:
    """None when neither shoulder or neither hip is seen: nothing can be judged."""
    kp = pose.keypoints
    shoulders = _seen(kp[K.LEFT_SHOULDER], kp[K.RIGHT_SHOULDER])
    hips = _seen(kp[K.LEFT_HIP], kp[K.RIGHT_HIP])
    if not shoulders or not hips:
        return None
    ankles = _seen(kp[K.LEFT_ANKLE], kp[K.RIGHT_ANKLE])
    knees = _seen(kp[K.LEFT_KNEE], kp[K.RIGHT_KNEE])
    return BodyPoints(
        shoulder_x=_mean(p.x for p in shoulders),
        shoulder_y=_mean(p.y for p in shoulders),
        hip_x=_mean(p.x for p in hips),
        hip_y=_mean(p.y for p in hips),
        feet_y=_mean(p.y for p in ankles) if ankles else None,
        legs_hidden=not ankles and not knees,
        box=pose.box,
    )


def standing(points: BodyPoints, ts: float) -> Standing | None:
    """The yardstick when this skeleton stands upright, else None."""
    if points.torso_deg > UPRIGHT_DEG or points.torso_px <= 0:
        return None
    if points.feet_y is not None:
        if points.feet_y - points.hip_y < STANDING_LEGS_RATIO * points.torso_px:
            return None
        feet_y = points.feet_y
    elif points.legs_hidden:
        feet_y = points.hip_y + HIDDEN_LEGS_RATIO * points.torso_px
    else:
        return None  # knees seen, ankles not: kneeling or sitting as likely as standing
    return Standing(feet_y, points.shoulder_y, ts)


def _seen(*points: Keypoint) -> list[Keypoint]:
    return [p for p in points if p.score >= MIN_KEYPOINT_SCORE]


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)
