"""Detection regions, Frigate's way: square crops around what moves and around the people already
followed, each sized so that the person in it has the size the model finds best. The whole frame is
squeezed into the detector's 300×300 input, so a far person shrinks below its smallest anchor; a crop
shows them at (or above) native resolution, and the cost follows what moves, not the picture size.

Sizes come from the detector, not from any clip: SSD's anchors span 0.2–0.95 of its input side, so a
region is made about twice the person's long side (the person fills half of it, the middle of that
range, with room to walk in any direction until the next look), never so big that they fall under the
smallest anchor, and never so small that the crop is enlarged more than the model can use."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection
from shopguard.vision.detector import Detector, DetectorOutput
from shopguard.vision.focus import merge_detections, same_person
from shopguard.vision.pose import MoveNetPoseEstimator, pose_person

TARGET_FILL = 0.5  # the person's long side as a share of their region: the middle of SSD's anchor scales
MIN_FILL = 0.2  # SSD's smallest anchor scale: below this share of a region a person is not found in it
MAX_ENLARGE = 2.5  # a crop enlarged more than this only blurs: people this small stay undetectable
# Each region costs one model run, as the whole frame does. Six regions were measured here to find
# about a third more people than the whole frame on an elevated street view (DESIGN.md: 62 → 82 %);
# beyond that the cost of a busy camera outgrows a 4-camera shop PC.
MAX_REGIONS = 3
EDGE_PX = 2.0  # a box this close to a crop's side was cut by it


@dataclass(frozen=True, slots=True)
class Target:
    """Where people may be, and how big they would be there: a track's predicted box is one person
    (its long side), a moving blob may be several people side by side, each about as tall as the
    blob (people stand upright; the blob's width is how many)."""

    box: Box
    person_px: float

    @classmethod
    def person(cls, box: Box) -> Target:
        return cls(box, max(box.width, box.height))

    @classmethod
    def motion(cls, box: Box) -> Target:
        return cls(box, box.height)

    @property
    def size(self) -> float:
        return max(self.box.width, self.box.height)

    def pieces(self, side: float) -> list[Target]:
        """The target cut along its long side into overlapping pieces that each fit in a region of
        `side` with their walking room; neighbours overlap by one person, so every person lies
        whole in one piece."""
        room = side - self.person_px
        long = self.size
        if long <= side - room / 2 or room <= 0:
            return [self]
        step = max(side - room / 2 - self.person_px, 1.0)
        count = int(np.ceil((long - self.person_px) / step))
        piece = long - step * (count - 1) if count > 1 else long
        out = []
        for i in range(count):
            start = i * step
            if self.box.width >= self.box.height:
                box = Box(self.box.x1 + start, self.box.y1, self.box.x1 + start + piece, self.box.y2)
            else:
                box = Box(self.box.x1, self.box.y1 + start, self.box.x2, self.box.y1 + start + piece)
            out.append(Target(box, self.person_px))
        return out


@dataclass
class _Cluster:
    union: Box
    side: float
    max_side: float
    room: float  # the walking room a lone member gets around itself, kept around the whole group
    separate_area: float  # what the members' own regions would cover, added up


def region_side(size: float, model_px: int, short_side: int) -> tuple[float, float]:
    """(side wanted, largest side still usable) in pixels for a person `size` pixels tall or wide."""
    smallest = model_px / MAX_ENLARGE
    wanted = min(max(size / TARGET_FILL, smallest), short_side)
    return wanted, max(wanted, min(size / MIN_FILL, short_side))


def plan_regions(targets: list[Target], width: int, height: int, model_px: int) -> list[Box]:
    """Square regions in pixels, inside the picture, covering every target. Targets close together
    share a region when that region is no bigger than their own regions added up (one model run
    instead of several, over no more pixels, so nobody shrinks by more than √2) and each of them
    stays above the model's smallest anchor in it; the biggest targets are placed first so that
    small ones join them rather than the other way round."""
    short_side = min(width, height)
    clusters: list[_Cluster] = []
    pieces = []
    for target in targets:
        if target.person_px > 0:
            pieces += target.pieces(region_side(target.person_px, model_px, short_side)[0])
    for target in sorted(pieces, key=lambda t: t.person_px, reverse=True):
        wanted, usable = region_side(target.person_px, model_px, short_side)
        room = max(wanted - target.size, 0.0)
        for cluster in clusters:
            union = _union(cluster.union, target.box)
            side = max(cluster.side, wanted, max(union.width, union.height) + max(cluster.room, room))
            separate = cluster.separate_area + wanted * wanted
            if side <= min(cluster.max_side, usable, short_side) and side * side <= separate:
                cluster.union, cluster.side = union, side
                cluster.max_side = min(cluster.max_side, usable)
                cluster.room = max(cluster.room, room)
                cluster.separate_area = separate
                break
        else:
            clusters.append(_Cluster(target.box, wanted, usable, room, wanted * wanted))
    return [square_around(c.union, c.side, width, height) for c in clusters]


def worth_looking(regions: list[Box], width: int, height: int) -> tuple[list[Box], bool]:
    """(regions to run, whether the whole frame must be looked at instead of the rest). A region as
    tall as the picture shows its people no bigger than the whole frame does, so one whole-frame look
    serves them all; past MAX_REGIONS, the smallest regions (the people the whole frame shrinks
    most) are kept and the whole frame covers the others."""
    short_side = min(width, height)
    small = sorted((r for r in regions if r.width < short_side - 1), key=lambda r: r.width)
    return small[:MAX_REGIONS], len(small) < len(regions) or len(small) > MAX_REGIONS


def _union(a: Box, b: Box) -> Box:
    return Box(min(a.x1, b.x1), min(a.y1, b.y1), max(a.x2, b.x2), max(a.y2, b.y2))


def square_around(around: Box, side: float, width: int, height: int) -> Box:
    """A square of `side` centred on `around`, moved (not cut) to lie inside the picture."""
    side = min(side, width, height)
    cx, cy = around.center
    left = min(max(cx - side / 2, 0.0), width - side)
    top = min(max(cy - side / 2, 0.0), height - side)
    return Box(left, top, left + side, top + side)


@dataclass(frozen=True, slots=True)
class RegionOutput:
    detections: tuple[Detection, ...]
    model_ms: float
    regions: tuple[Box, ...]  # the crops looked at, in pixels
    whole: bool  # the whole frame was looked at too

    @property
    def runs(self) -> int:
        """Detector runs this look cost."""
        return len(self.regions) + int(self.whole)


class RegionDetector:
    """Runs the person detector on the regions planned around the targets of one frame, and on the
    whole frame when asked; boxes come back in frame pixels, one per person. A person cut by a
    region's inner edge is only kept where no look saw them whole."""

    def __init__(self, detector: Detector, model_px: int, pose: MoveNetPoseEstimator | None = None) -> None:
        self.detector = detector
        self.model_px = model_px
        self.pose = pose

    def detect(
        self, frame_bgr: np.ndarray, targets: list[Target], whole: bool, pose_near: list[Box] | None = None
    ) -> RegionOutput:
        """`pose_near`: regions touching these areas (a door's threshold while people cross it) get
        a MoveNet look as well; its skeletons count as people (MoveNet finds dark-clothed people on a
        dark floor that SSDLite misses, CAVIAR: 0.2–0.4 where SSDLite finds nothing)."""
        height, width = frame_bgr.shape[:2]
        planned = plan_regions(targets, width, height, self.model_px)
        regions, need_whole = worth_looking(planned, width, height)
        whole = whole or need_whole
        full: list[Detection] = []
        cut: list[Detection] = []
        model_ms = 0.0
        if whole:
            out = self.detector.detect(frame_bgr)
            full += out.detections
            model_ms += out.model_ms
        crops = [frame_bgr[round(r.y1) : round(r.y2), round(r.x1) : round(r.x2)] for r in regions]
        for region, crop, out in zip(regions, crops, detect_each(self.detector, crops), strict=True):
            model_ms += out.model_ms
            seen = list(out.detections)
            at_door = pose_near and any(region.intersection_area(a) > 0 for a in pose_near)
            if self.pose is not None and at_door:
                poses = self.pose.estimate(crop)
                model_ms += poses.model_ms
                seen += [pose_person(p) for p in poses.poses]
            for det in seen:
                moved = Detection(det.box.shifted(region.x1, region.y1), det.score)
                (cut if _touches_inner_edge(moved.box, region, width, height) else full).append(moved)
        kept = list(merge_detections(full))
        kept += [d for d in merge_detections(cut) if not any(same_person(d.box, k.box) for k in kept)]
        return RegionOutput(tuple(kept), model_ms, tuple(regions), whole)


def detect_each(detector: Detector, crops: list[np.ndarray]) -> list[DetectorOutput]:
    """One detector output per crop (batched where the detector can)."""
    batch = getattr(detector, "detect_many", None)
    if batch is not None:
        return list(batch(crops))
    return [detector.detect(crop) for crop in crops]


def _touches_inner_edge(box: Box, region: Box, width: int, height: int) -> bool:
    """A box reaching a side of its region that is not a side of the picture: the person goes on
    beyond the crop."""
    return (
        (box.x1 <= region.x1 + EDGE_PX and region.x1 > 0)
        or (box.y1 <= region.y1 + EDGE_PX and region.y1 > 0)
        or (box.x2 >= region.x2 - EDGE_PX and region.x2 < width)
        or (box.y2 >= region.y2 - EDGE_PX and region.y2 < height)
    )
