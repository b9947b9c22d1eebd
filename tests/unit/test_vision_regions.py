"""Detection regions: sized from the person and the model, merged only when that costs no pixels,
cut into pieces along wide blobs, run on crops whose boxes come back in frame pixels."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection, Pose
from shopguard.vision.detector import DetectorOutput
from shopguard.vision.perspective import MIN_SAMPLES, PersonScale
from shopguard.vision.pose import PERSON_SCORE_OFFSET, PoseOutput
from shopguard.vision.regions import (
    MAX_ENLARGE,
    MAX_REGIONS,
    MIN_FILL,
    TARGET_FILL,
    RegionDetector,
    Target,
    plan_regions,
    worth_looking,
)

W, H, MODEL = 768, 576, 300


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner.x1 >= outer.x1 - 1e-6
        and inner.y1 >= outer.y1 - 1e-6
        and inner.x2 <= outer.x2 + 1e-6
        and inner.y2 <= outer.y2 + 1e-6
    )


def test_a_lone_person_gets_a_square_twice_their_height_centred_on_them() -> None:
    person = Box(300, 200, 330, 280)  # 80 px tall
    (region,) = plan_regions([Target.person(person)], W, H, MODEL)
    assert region.width == pytest.approx(80 / TARGET_FILL) and region.height == pytest.approx(region.width)
    assert region.center == pytest.approx(person.center)


def test_a_tiny_person_is_not_enlarged_past_what_the_model_can_use() -> None:
    (region,) = plan_regions([Target.person(Box(300, 200, 305, 215))], W, H, MODEL)
    assert region.width == pytest.approx(MODEL / MAX_ENLARGE)


def test_a_region_at_the_edge_is_moved_inside_the_picture_not_cut() -> None:
    (region,) = plan_regions([Target.person(Box(740, 500, 768, 576))], W, H, MODEL)
    assert region.x2 == pytest.approx(W) and region.y2 == pytest.approx(H)
    assert region.width == pytest.approx(region.height)


def test_two_people_side_by_side_share_one_region() -> None:
    a, b = Box(300, 200, 330, 280), Box(335, 205, 365, 285)
    regions = plan_regions([Target.person(a), Target.person(b)], W, H, MODEL)
    assert len(regions) == 1 and _inside(a, regions[0]) and _inside(b, regions[0])
    assert 80 / regions[0].width >= MIN_FILL


def test_people_far_apart_get_their_own_regions() -> None:
    a, b = Box(50, 50, 80, 130), Box(600, 400, 630, 480)
    regions = plan_regions([Target.person(a), Target.person(b)], W, H, MODEL)
    assert len(regions) == 2
    assert any(_inside(a, r) for r in regions) and any(_inside(b, r) for r in regions)


def test_merging_never_costs_more_pixels_than_the_separate_regions() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        targets = []
        for _ in range(int(rng.integers(1, 8))):
            x, y, h = rng.uniform(0, W - 60), rng.uniform(0, H - 150), rng.uniform(30, 150)
            targets.append(Target.person(Box(x, y, x + h / 2.5, y + h)))
        regions = plan_regions(targets, W, H, MODEL)
        separate = sum(min(max(t.size / TARGET_FILL, MODEL / MAX_ENLARGE), H) ** 2 for t in targets)
        assert sum(r.area for r in regions) <= separate + 1e-6
        for target in targets:  # everyone lies whole inside a region where the model can find them
            assert any(_inside(target.box, r) and target.size / r.width >= MIN_FILL for r in regions)


def test_a_wide_blob_of_walkers_is_cut_into_pieces_each_person_whole_in_one() -> None:
    blob = Target(Box(100, 300, 500, 380), person_px=80)  # five people of 80 px side by side
    pieces = blob.pieces(80 / TARGET_FILL)
    assert len(pieces) > 1
    for x in range(100, 500 - 32, 8):  # a 32 px wide person anywhere along the blob
        person = Box(x, 300, x + 32, 380)
        assert any(_inside(person, p.box) for p in pieces)


def test_a_region_as_tall_as_the_picture_is_left_to_the_whole_frame_look() -> None:
    regions, whole = worth_looking([Box(0, 0, H, H), Box(10, 10, 130, 130)], W, H)
    assert regions == [Box(10, 10, 130, 130)] and whole


def test_too_many_regions_keep_the_smallest_and_add_the_whole_frame() -> None:
    many = [Box(i * 60, 0, i * 60 + 50 + i, 50 + i) for i in range(MAX_REGIONS + 2)]
    regions, whole = worth_looking(many, W, H)
    assert len(regions) == MAX_REGIONS and whole
    assert max(r.width for r in regions) < min(r.width for r in many if r not in regions)


class CropDetector:
    """Finds a person only in small pictures (a crop), as SSDLite does with far people."""

    def __init__(self) -> None:
        self.box = Box(10, 10, 30, 60)
        self.shapes: list[tuple[int, int]] = []

    def detect(self, frame: np.ndarray) -> DetectorOutput:
        h, w = frame.shape[:2]
        self.shapes.append((w, h))
        return DetectorOutput((Detection(self.box, 0.8),) if w < 400 else (), 2.0)


class CropPose:
    def __init__(self, box: Box, score: float) -> None:
        self.pose = Pose(keypoints=(), box=box, score=score)

    def estimate(self, frame: np.ndarray) -> PoseOutput:
        return PoseOutput((self.pose,), 3.0)


FRAME = np.zeros((H, W, 3), np.uint8)
WALKER = Box(300, 200, 330, 280)


def test_people_found_in_a_crop_come_back_in_frame_pixels() -> None:
    detector = CropDetector()
    out = RegionDetector(detector, MODEL).detect(FRAME, [Target.person(WALKER)], whole=False)
    (region,) = out.regions
    (det,) = out.detections
    assert det.box == Box(region.x1 + 10, region.y1 + 10, region.x1 + 30, region.y1 + 60)
    assert out.runs == 1 and out.model_ms == 2.0
    crop_w, crop_h = detector.shapes[0]
    assert abs(crop_w - crop_h) <= 1  # square: the model's square input keeps people's proportions


def test_the_whole_frame_look_and_the_crops_add_up() -> None:
    out = RegionDetector(CropDetector(), MODEL).detect(FRAME, [Target.person(WALKER)], whole=True)
    assert out.whole and out.runs == 2 and out.model_ms == 4.0


def test_a_person_cut_by_a_crop_edge_gives_way_to_the_whole_view() -> None:
    class Both:
        def detect(self, frame: np.ndarray) -> DetectorOutput:
            h, w = frame.shape[:2]
            if w < 400:  # in the crop the person runs off its right edge
                return DetectorOutput((Detection(Box(w - 40, 20, w, 100), 0.9),), 1.0)
            return DetectorOutput((Detection(Box(340, 180, 420, 300), 0.5),), 1.0)

    out = RegionDetector(Both(), MODEL).detect(FRAME, [Target.person(WALKER)], whole=True)
    assert [d.box for d in out.detections] == [Box(340, 180, 420, 300)]


def test_skeletons_count_as_people_only_in_regions_at_the_door() -> None:
    pose = CropPose(Box(100, 20, 120, 80), 0.25)
    looks = RegionDetector(CropDetector(), MODEL, pose)
    door = Box(280, 190, 360, 300)
    near = looks.detect(FRAME, [Target.person(WALKER)], whole=False, pose_near=[door])
    skeletons = [d for d in near.detections if d.score == pytest.approx(0.25 + PERSON_SCORE_OFFSET)]
    assert len(skeletons) == 1 and near.model_ms == 2.0 + 3.0
    far = looks.detect(FRAME, [Target.person(WALKER)], whole=False, pose_near=[Box(0, 0, 20, 20)])
    assert len(far.detections) == 1 and far.model_ms == 2.0


def test_person_scale_learns_a_floor_seen_from_above() -> None:
    scale = PersonScale()
    assert scale.height_at(400) is None  # nothing assumed before people were seen
    for i in range(MIN_SAMPLES):  # a pinhole camera over a floor: height grows with the foot's y
        foot = 200 + 25 * i
        height = 0.4 * foot - 20
        scale.observe(Box(100, foot - height, 100 + height / 2.5, foot), H)
    assert scale.height_at(300) == pytest.approx(100, rel=0.02)
    assert scale.height_at(500) == pytest.approx(180, rel=0.02)


def test_person_scale_ignores_people_bending_or_cut_by_the_bottom_edge() -> None:
    scale = PersonScale()
    for i in range(MIN_SAMPLES * 2):
        scale.observe(Box(100, 300, 200, 300 + i % 5), H)  # wide boxes: bending, lying
        scale.observe(Box(100, H - 100, 130, H), H)  # feet below the picture
    assert scale.height_at(300) is None
