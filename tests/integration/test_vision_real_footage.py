"""The real models on real footage: people are found where annotated and tracked over time."""

from __future__ import annotations

import json

import cv2
import pytest

from shopguard.domain.geometry import Box
from shopguard.vision.analysis import analyze_source
from shopguard.vision.factory import SharedModels, build_pipeline
from shopguard.vision.sources import VideoFileSource
from tests.conftest import footage


def _coco_people() -> list[tuple[str, list[dict]]]:
    data = json.loads(footage("images", "test_coco.json").read_text())
    files = {img["id"]: img["file_name"] for img in data["images"]}
    by_image: dict[str, list[dict]] = {}
    for ann in data["annotations"]:
        if ann.get("category_id") == 1 and not ann.get("iscrowd"):
            by_image.setdefault(files[ann["image_id"]], []).append(ann)
    return sorted(by_image.items())


def _clearly_visible(ann: dict, image_area: float) -> bool:
    """Big enough and mostly in view: at least 2 % of the picture and 8 keypoints labelled."""
    return ann["area"] >= 0.02 * image_area and ann.get("num_keypoints", 0) >= 8


def test_detector_boxes_match_annotated_people(models: SharedModels) -> None:
    matched = total = 0
    for name, anns in _coco_people():
        image = cv2.imread(str(footage("images", name)))
        height, width = image.shape[:2]
        boxes = [d.box for d in models.detector.detect(image).detections]
        for ann in anns:
            if not _clearly_visible(ann, width * height):
                continue
            x, y, w, h = ann["bbox"]
            truth = Box(x, y, x + w, y + h)
            total += 1
            matched += any(truth.iou(b) >= 0.5 for b in boxes)
    assert total >= 4, "the COCO sample should hold several clearly visible people"
    # Measured: 6 of 9; the misses are three skiers tangled in poles in 000000197388.jpg.
    assert matched / total > 0.5, f"only {matched}/{total} annotated people found with IoU ≥ 0.5"


def test_pose_keypoints_land_on_annotated_joints(models: SharedModels) -> None:
    close = checked = 0
    for name, anns in _coco_people():
        image = cv2.imread(str(footage("images", name)))
        height, width = image.shape[:2]
        poses = models.pose.estimate(image).poses
        for ann in anns:
            if not _clearly_visible(ann, width * height) or not poses:
                continue
            x, y, w, h = ann["bbox"]
            truth = Box(x, y, x + w, y + h)
            pose = max(poses, key=lambda p: truth.iou(p.box))
            if truth.iou(pose.box) < 0.3:
                continue
            kps = ann["keypoints"]
            for k in range(17):
                kx, ky, visible = kps[3 * k : 3 * k + 3]
                if visible != 2 or pose.keypoints[k].score < 0.3:
                    continue
                checked += 1
                err = ((pose.keypoints[k].x - kx) ** 2 + (pose.keypoints[k].y - ky) ** 2) ** 0.5
                close += err <= 0.1 * max(w, h)
    assert checked >= 20
    assert close / checked >= 0.75, f"{close}/{checked} keypoints within 10 % of the person size"


@pytest.fixture(scope="module")
def vtest_analysis(models: SharedModels):
    pipeline = build_pipeline(SharedModels(models.detector, None))
    with VideoFileSource(footage("people", "vtest.avi")) as source:
        return analyze_source(source, pipeline)


def test_vtest_tracks_several_people_at_once(vtest_analysis) -> None:
    assert vtest_analysis.frames == 795
    assert vtest_analysis.max_simultaneous_tracks >= 4
    lasting = [t for t in vtest_analysis.tracks.values() if t.last_s - t.first_s >= 3.0]
    assert len(lasting) >= 5, f"only {len(lasting)} people followed for ≥ 3 s"


def test_vtest_ids_are_stable_not_shredded(vtest_analysis) -> None:
    """Pedestrians cross the square in 5–20 s: most tracked time must sit in long tracks."""
    durations = [t.last_s - t.first_s for t in vtest_analysis.tracks.values()]
    long_time = sum(d for d in durations if d >= 3.0)
    assert long_time / sum(durations) >= 0.8


def test_demo_clip_people_one_at_a_time(models: SharedModels) -> None:
    """The demo room: people come one by one, so at most one confirmed track is visible at a time."""
    pipeline = build_pipeline(SharedModels(models.detector, None))
    with VideoFileSource(footage("people", "one-by-one-person-detection.mp4")) as source:
        analysis = analyze_source(source, pipeline)
    assert analysis.max_simultaneous_tracks == 1
    assert len([t for t in analysis.tracks.values() if t.last_s - t.first_s >= 5]) >= 3


def test_demo_clip_each_visitor_followed_with_pose(models: SharedModels) -> None:
    """Seen from above and behind, SSDLite misses most of the six visitors; MoveNet finds them and
    its readable skeletons feed the tracker: each visitor (12–28 s at the table) is one long track."""
    with VideoFileSource(footage("people", "one-by-one-person-detection.mp4")) as source:
        analysis = analyze_source(source, build_pipeline(models))
    long_tracks = [t for t in analysis.tracks.values() if t.last_s - t.first_s >= 10]
    assert analysis.max_simultaneous_tracks == 1
    assert len(long_tracks) == 6 and len(analysis.tracks) <= 8
