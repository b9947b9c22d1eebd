"""Redaction: blur the faces of everyone but the selected person(s). CenterFace finds faces; MoveNet's
head keypoints (or the top of its box) are a safety net for faces CenterFace misses. People are
followed by box overlap so one click on a person keeps that person untouched for the whole clip.
No Qt; one export thread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.domain.vision import KeypointName, Pose
from shopguard.evidence.faces import CenterFaceDetector, Face
from shopguard.vision.cv import cv2
from shopguard.vision.pose import MoveNetPoseEstimator

ANALYSE_FPS = 10.0  # frames between analysed ones take the regions of their analysed neighbours
HOLD_S = 0.25  # a region also covers this long before and after it was seen (detections flicker)
LINK_IOU = 0.3
LINK_GAP_S = 1.5
HEAD_KEYPOINT_SCORE = 0.3
HEAD_POINTS = (
    KeypointName.NOSE,
    KeypointName.LEFT_EYE,
    KeypointName.RIGHT_EYE,
    KeypointName.LEFT_EAR,
    KeypointName.RIGHT_EAR,
)
GROW = 0.3  # blur a little beyond the detected face
BLUR_CELLS = 6  # the face is reduced to about this many cells across before smoothing


@dataclass(frozen=True)
class KeepPoint:
    """A person to leave unblurred: the one under (x, y) (0..1 of the frame) at `at_s` seconds
    after the start of the exported range, on `camera_id` (None: any camera)."""

    at_s: float
    x: float
    y: float
    camera_id: str | None = None

    @classmethod
    def parse(cls, text: str) -> KeepPoint:
        """'S,X,Y' or 'CAMERA:S,X,Y'."""
        camera, _, rest = text.rpartition(":")
        at_s, x, y = (float(v) for v in rest.split(","))
        if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 and at_s >= 0.0):
            raise ValueError(text)
        return cls(at_s, x, y, camera or None)


@dataclass
class _Person:
    person_id: int
    box: Box
    last_s: float


@dataclass
class FrameFindings:
    at_s: float
    faces: list[Face]
    people: list[tuple[int, Pose]]  # (person id, pose)


@dataclass
class RedactionPlan:
    """Per analysed frame what was found; `regions(at_s)` answers which boxes to blur."""

    width: int
    height: int
    findings: list[FrameFindings] = field(default_factory=list)
    kept_people: set[int] = field(default_factory=set)

    def regions(self, at_s: float) -> list[Box]:
        boxes: list[Box] = []
        for found in self.findings:
            if abs(found.at_s - at_s) <= HOLD_S:
                boxes.extend(self._frame_regions(found))
        return boxes

    def _frame_regions(self, found: FrameFindings) -> list[Box]:
        kept_heads = [head_box(p) for pid, p in found.people if pid in self.kept_people]
        boxes = []
        for face in found.faces:
            if any(h is not None and _contains(h, face.box.center) for h in kept_heads):
                continue
            boxes.append(face.box)
        for pid, pose in found.people:
            if pid not in self.kept_people:
                head = head_box(pose)
                if head is not None:
                    boxes.append(head)
        return boxes

    def faces_blurred(self) -> int:
        return sum(len(self._frame_regions(f)) for f in self.findings)


class FaceRedactor:
    """Analyse a clip's frames (pass 1), then blur each frame with the plan (pass 2)."""

    def __init__(self, faces: CenterFaceDetector, pose: MoveNetPoseEstimator | None) -> None:
        self.faces = faces
        self.pose = pose

    def start(self, width: int, height: int) -> _Analysis:
        return _Analysis(self, width, height)


class _Analysis:
    def __init__(self, redactor: FaceRedactor, width: int, height: int) -> None:
        self.redactor = redactor
        self.plan = RedactionPlan(width, height)
        self._people: list[_Person] = []
        self._next_id = 1
        self._last_s: float | None = None

    def wants(self, at_s: float) -> bool:
        return self._last_s is None or at_s - self._last_s >= 1.0 / ANALYSE_FPS - 1e-6

    def add(self, image: np.ndarray, at_s: float) -> None:
        self._last_s = at_s
        faces = self.redactor.faces.detect(image)
        poses = self.redactor.pose.estimate(image).poses if self.redactor.pose is not None else ()
        self.plan.findings.append(FrameFindings(at_s, faces, self._link(poses, at_s)))

    def _link(self, poses: Sequence[Pose], at_s: float) -> list[tuple[int, Pose]]:
        live = [p for p in self._people if at_s - p.last_s <= LINK_GAP_S]
        linked: list[tuple[int, Pose]] = []
        for pose in sorted(poses, key=lambda p: -p.score):
            best = max(live, key=lambda p: p.box.iou(pose.box), default=None)
            if best is not None and best.box.iou(pose.box) >= LINK_IOU:
                live.remove(best)
                best.box, best.last_s = pose.box, at_s
                linked.append((best.person_id, pose))
            else:
                person = _Person(self._next_id, pose.box, at_s)
                self._next_id += 1
                self._people.append(person)
                linked.append((person.person_id, pose))
        return linked

    def keep(self, points: Sequence[KeepPoint]) -> RedactionPlan:
        """Mark the person under each point (nearest analysed frame) as kept; returns the plan."""
        for point in points:
            if not self.plan.findings:
                break
            found = min(self.plan.findings, key=lambda f: abs(f.at_s - point.at_s))
            px, py = point.x * self.plan.width, point.y * self.plan.height
            under = [(pid, pose) for pid, pose in found.people if _contains(pose.box, (px, py))]
            if under:
                pid, _ = min(under, key=lambda item: item[1].box.area)
                self.plan.kept_people.add(pid)
        return self.plan


def head_box(pose: Pose) -> Box | None:
    """The head from the face keypoints, sized by their spread and the shoulders; else the top of
    the person's box (someone seen from behind still has a head)."""
    points = [pose.keypoints[k] for k in HEAD_POINTS if pose.keypoints[k].score >= HEAD_KEYPOINT_SCORE]
    box = pose.box
    if points:
        xs = [p.x for p in points]
        ys = [p.y for p in points]
        spread = max(max(xs) - min(xs), max(ys) - min(ys))
        left, right = pose.keypoints[KeypointName.LEFT_SHOULDER], pose.keypoints[KeypointName.RIGHT_SHOULDER]
        shoulders = abs(left.x - right.x) if min(left.score, right.score) >= HEAD_KEYPOINT_SCORE else 0.0
        size = max(spread * 1.8, shoulders * 0.6, box.width * 0.25, 8.0)
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        return Box(cx - size / 2, cy - size * 0.6, cx + size / 2, cy + size * 0.5)
    if box.height <= 0 or box.width <= 0:
        return None
    size = min(box.width, box.height * 0.25)
    cx = (box.x1 + box.x2) / 2
    return Box(cx - size / 2, box.y1, cx + size / 2, box.y1 + size)


def blur_regions(image: np.ndarray, boxes: Sequence[Box]) -> np.ndarray:
    """A copy with each box (grown by GROW) turned into an unrecognisable smooth oval."""
    out = image.copy()
    height, width = out.shape[:2]
    for box in boxes:
        gx, gy = box.width * GROW / 2, box.height * GROW / 2
        x1, y1 = max(0, int(box.x1 - gx)), max(0, int(box.y1 - gy))
        x2, y2 = min(width, int(np.ceil(box.x2 + gx))), min(height, int(np.ceil(box.y2 + gy)))
        if x2 - x1 < 2 or y2 - y1 < 2:
            continue
        roi = out[y1:y2, x1:x2]
        small = cv2.resize(roi, (BLUR_CELLS, BLUR_CELLS), interpolation=cv2.INTER_AREA)
        smooth = cv2.resize(small, (x2 - x1, y2 - y1), interpolation=cv2.INTER_LINEAR)
        k = max(3, ((min(x2 - x1, y2 - y1) // 3) | 1))
        smooth = cv2.GaussianBlur(smooth, (k, k), 0)
        mask = np.zeros((y2 - y1, x2 - x1), np.uint8)
        cv2.ellipse(
            mask, ((x2 - x1) // 2, (y2 - y1) // 2), ((x2 - x1) // 2, (y2 - y1) // 2), 0, 0, 360, 255, -1
        )
        roi[mask > 0] = smooth[mask > 0]
    return out


def _contains(box: Box, point: tuple[float, float]) -> bool:
    return box.x1 <= point[0] <= box.x2 and box.y1 <= point[1] <= box.y2
