"""Posture of one skeleton against that person's own standing yardstick: upright, low, or down.

Why heights relative to where the feet were, not the torso angle alone: from a high camera a
standing person's shoulders are far above their feet in the picture and a lying person's are not,
whatever the direction they lie in; lying with the head towards the camera the torso even looks
upright-ish or upside down, and lying along the line of sight it is foreshortened to a few pixels.
The angle still helps: a torso more than LYING_DEG from vertical at half the standing height is on
the floor. The hips tell lying from bending over: bent at the waist (picking something up, seen
from above the torso even looks upside down) the hips stay at standing height.

A body lying straight away from a camera tilted down by θ keeps the standing shape in the picture
(shoulders above hips above feet), its length showing as sin θ where a standing body shows cos θ:
from a shallow camera (θ ≤ 25°) it is much shorter than the person stood a moment ago, and is
read as down. Where the line is drawn: from θ ≈ 25° up, a fall straight away from the camera
(within about θ of the line of sight) is not seen by geometry alone; from a steep ceiling camera
(θ ≥ 60°) a deep squat leaning towards the camera reads like lying (heights are squeezed by cos θ,
the lean shows as sin θ). tests/unit/test_rules_fall.py checks 10° and 40°."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shopguard.rules.fall_features import BodyPoints, Standing, standing

# Shoulders at or below this fraction of their standing height above the feet: on the floor.
# Sitting on a chair leaves them at about 0.6-0.7, kneeling 0.7, crouching or sitting on the floor
# 0.4-0.5 (body proportions); lying puts them at about 0 (beside the feet) or below the feet
# (fallen towards a high camera).
DOWN_REL = 0.3
TILTED_DOWN_REL = 0.5
LYING_DEG = 60.0
UPRIGHT_REL = 0.75  # at least this high (and not standing by the strict test): upright anyway
# Hips above the standing feet, in the same standing heights: 0.5-0.6 standing (both UP-Fall
# cameras), about 0 lying (0-0.12 on the UP-Fall falls); bent over they stay at 0.5-0.6, on all
# fours about 0.3 (hips at knee height).
HIP_DOWN_REL = 0.25
# A skeleton that passes the standing test at under this share of the height the person stood at
# a moment ago (REF_FRESH_S) is a body lying along the line of sight (foreshortened), not standing.
SHRUNK_FRACTION = 0.7
REF_FRESH_S = 2.0


class Posture(StrEnum):
    UPRIGHT = "upright"
    LOW = "low"  # sitting, kneeling, crouching, bending: not on the floor
    DOWN = "down"
    UNJUDGED = "unjudged"  # never seen standing: no yardstick


@dataclass(frozen=True, slots=True)
class PostureReading:
    posture: Posture
    standing: Standing | None  # this skeleton's own yardstick when it stands upright
    shoulder_rel: float | None  # shoulders above the standing feet, in standing heights
    torso_deg: float
    hip_rel: float | None = None


def read_posture(points: BodyPoints, ref: Standing | None, ts: float) -> PostureReading:
    """`ref`: the person's standing yardstick (None: not seen standing yet)."""
    own = standing(points, ts)
    fresh = ref is not None and ts - ref.ts <= REF_FRESH_S
    if own is not None and fresh and own.height_px < SHRUNK_FRACTION * ref.height_px:
        own = None
    if own is not None:
        rel = None if ref is None else _rel(points.shoulder_y, ref)
        return PostureReading(Posture.UPRIGHT, own, rel, points.torso_deg)
    if ref is None:
        return PostureReading(Posture.UNJUDGED, None, None, points.torso_deg)
    rel = _rel(points.shoulder_y, ref)
    hip_rel = _rel(points.hip_y, ref)
    low_torso = rel <= DOWN_REL or (points.torso_deg >= LYING_DEG and rel <= TILTED_DOWN_REL)
    if low_torso and hip_rel <= HIP_DOWN_REL:
        posture = Posture.DOWN
    elif rel >= UPRIGHT_REL:
        posture = Posture.UPRIGHT
    else:
        posture = Posture.LOW
    return PostureReading(posture, None, rel, points.torso_deg, hip_rel)


def _rel(y: float, ref: Standing) -> float:
    """How high `y` is above the standing feet, in standing shoulder heights."""
    return (ref.feet_y - y) / max(ref.height_px, 1.0)
