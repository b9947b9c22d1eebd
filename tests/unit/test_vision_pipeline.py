"""Pipeline scheduling with fake models: the analysis rate cap, motion gating, close watch for falls."""

from __future__ import annotations

import numpy as np
import pytest

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Detection, Keypoint, Pose
from shopguard.vision.detector import DetectorOutput
from shopguard.vision.pipeline import CameraPipeline, PipelineSettings
from shopguard.vision.pose import PoseOutput

FRAME = np.zeros((480, 640, 3), np.uint8)


class FakeDetector:
    def __init__(self, box: Box | None) -> None:
        self.box = box
        self.calls = 0

    def detect(self, frame: np.ndarray) -> DetectorOutput:
        self.calls += 1
        found = (Detection(self.box, 0.9),) if self.box else ()
        return DetectorOutput(found, 1.0)


def skeleton(box: Box, tilt_flat: bool = False) -> Pose:
    cx = (box.x1 + box.x2) / 2
    points = [Keypoint(cx, box.y1 + 0.5 * box.height, 0.9)] * 17
    kp = list(points)
    if tilt_flat:  # shoulders beside the hips: lying
        kp[5] = kp[6] = Keypoint(box.x1, box.y2 - 5, 0.9)
        kp[11] = kp[12] = Keypoint(box.x2, box.y2 - 5, 0.9)
    else:
        kp[5] = kp[6] = Keypoint(cx, box.y1 + 0.2 * box.height, 0.9)
        kp[11] = kp[12] = Keypoint(cx, box.y1 + 0.55 * box.height, 0.9)
    return Pose(tuple(kp), box, 0.8)


class FakePose:
    def __init__(self, poses: tuple[Pose, ...]) -> None:
        self.poses = poses
        self.times: list[float] = []

    def estimate(self, frame: np.ndarray) -> PoseOutput:
        return PoseOutput(self.poses, 1.0)


def run(pipeline: CameraPipeline, pose: FakePose | None, seconds: float, fps: float = 20.0) -> list:
    results = []
    for i in range(int(seconds * fps)):
        ts = i / fps
        frame = FRAME.copy()
        frame[100:200, (i * 7) % 500 : (i * 7) % 500 + 60] = 255  # something moves all the time
        result = pipeline.process(frame, ts)
        if pose is not None and result.timings.pose_ms:
            pose.times.append(ts)
        results.append(result)
    return results


def test_analysis_rate_is_capped_and_skipped_frames_keep_tracks() -> None:
    detector = FakeDetector(Box(100, 100, 140, 200))
    # The fake finds its box wherever it looks, so regions are off: this is about the rate.
    pipeline = CameraPipeline(detector, settings=PipelineSettings(max_analysis_hz=4.0, regions=False))
    results = run(pipeline, None, seconds=5)
    analysed = [r for r in results if r.analysed]
    assert 19 <= len(analysed) <= 21  # 4 Hz over 5 s
    assert detector.calls == len(analysed)
    skipped = [r for r in results if not r.analysed]
    assert skipped and all(
        [t.track_id for t in r.tracks] == [t.track_id for t in results[results.index(r) - 1].tracks]
        for r in skipped[5:]
    )


class Walker:
    """Sees the person wherever it is shown them: a marker pixel at their top-left corner."""

    def detect(self, frame: np.ndarray) -> DetectorOutput:
        ys, xs = np.nonzero(frame[:, :, 2] == 7)
        if len(xs) == 0:
            return DetectorOutput((), 1.0)
        x, y = float(xs[0]), float(ys[0])
        return DetectorOutput((Detection(Box(x, y, x + 40, y + 100), 0.9),), 1.0)


def test_between_looks_tracks_move_on_as_predicted_not_frozen() -> None:
    pipeline = CameraPipeline(Walker(), settings=PipelineSettings(max_analysis_hz=4.0))
    last_seen = None
    checked = 0
    for i in range(60):  # 3 s at 20 fps, walking right at 60 px/s
        ts = i / 20
        frame = FRAME.copy()
        x = int(100 + 60 * ts)
        frame[200:300, x : x + 40] = 255
        frame[200, x, 2] = 7
        result = pipeline.process(frame, ts)
        if result.analysed:
            last_seen = result
        elif result.tracks and last_seen is not None and last_seen.tracks and ts > 1.5:
            shown = result.tracks[0].box.center[0]
            assert shown > last_seen.tracks[0].box.center[0] + 1  # moved on since the last look
            assert shown == pytest.approx(x + 20, abs=12)  # about where the person really is
            checked += 1
    assert checked >= 10


class FarPeople:
    """Finds its person only when shown a crop: SSDLite with people too small in the whole frame."""

    def __init__(self) -> None:
        self.shapes: list[tuple[int, int]] = []

    def detect(self, frame: np.ndarray) -> DetectorOutput:
        h, w = frame.shape[:2]
        self.shapes.append((w, h))
        ys, xs = np.nonzero(frame[:, :, 0] == 255)
        if w >= 400 or len(xs) == 0:
            return DetectorOutput((), 1.0)
        box = Box(float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1))
        return DetectorOutput((Detection(box, 0.9),), 1.0)


def test_a_small_moving_person_is_found_in_a_region_around_the_motion() -> None:
    detector = FarPeople()
    pipeline = CameraPipeline(detector, settings=PipelineSettings(max_analysis_hz=0))
    results = []
    for i in range(40):
        frame = FRAME.copy()
        x = 100 + 4 * i
        frame[300:340, x : x + 14] = 255  # 40 px tall: too small for the whole frame
        results.append(pipeline.process(frame, i / 10))
    assert any(w < 400 for w, _ in detector.shapes)
    assert [t.track_id for t in results[-1].tracks] == [1]
    assert results[-1].tracks[0].box.center[0] == pytest.approx(100 + 4 * 39 + 7, abs=6)


def test_without_regions_every_look_is_the_whole_frame() -> None:
    detector = FarPeople()
    pipeline = CameraPipeline(detector, settings=PipelineSettings(max_analysis_hz=0, regions=False))
    for i in range(20):
        frame = FRAME.copy()
        frame[300:340, 100 + 4 * i : 114 + 4 * i] = 255
        pipeline.process(frame, i / 10)
    assert detector.shapes and all(shape == (640, 480) for shape in detector.shapes)


def test_still_empty_scene_is_rechecked_rarely() -> None:
    detector = FakeDetector(None)
    pipeline = CameraPipeline(detector, settings=PipelineSettings(max_analysis_hz=0))
    for i in range(200):  # 10 s of a still picture at 20 fps
        pipeline.process(FRAME, i / 20)
    assert detector.calls <= 3


def test_tiny_upright_people_get_one_pose_every_two_seconds() -> None:
    box = Box(100, 100, 125, 160)  # 60 px of 480: too small to judge a fall even enlarged
    pose = FakePose((skeleton(box),))
    pipeline = CameraPipeline(FakeDetector(box), pose=pose)
    run(pipeline, pose, seconds=10)
    assert 5 <= len(pose.times) <= 7


class CropAwarePose(FakePose):
    """Records the size of every picture it is shown."""

    def __init__(self, poses: tuple[Pose, ...]) -> None:
        super().__init__(poses)
        self.shapes: list[tuple[int, int]] = []

    def estimate(self, frame: np.ndarray) -> PoseOutput:
        self.shapes.append(frame.shape[:2])
        return super().estimate(frame)


def test_small_people_get_a_pose_close_up_twice_a_second() -> None:
    box = Box(100, 100, 130, 190)  # 90 px of 480 (19 %): unreadable whole, readable enlarged
    # The close-up is a 150 px square centred on them (40..190, 70..220): there they stand at 60, 30.
    pose = CropAwarePose((skeleton(Box(60, 30, 90, 120)),))
    pipeline = CameraPipeline(FakeDetector(box), pose=pose, settings=PipelineSettings(regions=False))
    results = run(pipeline, pose, seconds=10)
    crops = [shape for shape in pose.shapes if shape != (480, 640)]
    assert 17 <= len(crops) <= 21  # 2 Hz over ~10 s, one person
    assert all(h == w and h == pytest.approx(90 / 0.6, abs=2) for h, w in crops)
    read = [p for r in results for p in r.poses if p.box == box]
    assert len(read) >= 15  # the close-up's skeleton, back in frame pixels


class TwoDetector:
    def detect(self, frame: np.ndarray) -> DetectorOutput:
        return DetectorOutput(
            (Detection(Box(100, 100, 130, 190), 0.9), Detection(Box(400, 100, 432, 196), 0.9)), 1.0
        )


def test_two_small_people_get_their_close_ups_in_turn() -> None:
    pose = CropAwarePose(())
    pipeline = CameraPipeline(TwoDetector(), pose=pose, settings=PipelineSettings(regions=False))
    run(pipeline, pose, seconds=6)
    crops = [h for h, _ in pose.shapes if (h, _) != (480, 640)]
    sizes = {round(90 / 0.6), round(96 / 0.6)}
    assert set(crops) == sizes  # both people, not only the bigger one
    assert abs(crops.count(150) - crops.count(160)) <= 1  # taken in turn


def test_without_close_ups_small_people_get_one_pose_every_two_seconds() -> None:
    box = Box(100, 100, 130, 190)
    pose = FakePose((skeleton(box),))
    settings = PipelineSettings(regions=False, pose_close_ups=False)
    pipeline = CameraPipeline(FakeDetector(box), pose=pose, settings=settings)
    run(pipeline, pose, seconds=10)
    assert 5 <= len(pose.times) <= 7


def test_a_big_person_is_watched_closely() -> None:
    box = Box(200, 60, 320, 420)  # 360 px of 480: the skeleton is readable
    pose = FakePose((skeleton(box),))
    pipeline = CameraPipeline(FakeDetector(box), pose=pose)
    run(pipeline, pose, seconds=5)
    assert len(pose.times) >= 30  # ≥ 6 Hz (8 Hz on a 20 fps stream lands every 3rd frame)


def test_a_tilted_torso_starts_close_watch() -> None:
    box = Box(100, 300, 260, 380)  # a person lying: wide box, short
    pose = FakePose((skeleton(box, tilt_flat=True),))
    pipeline = CameraPipeline(FakeDetector(None), pose=pose)
    run(pipeline, pose, seconds=5)
    assert len(pose.times) >= 30


def test_a_readable_skeleton_is_tracked_when_the_box_detector_misses_it() -> None:
    box = Box(200, 60, 320, 420)
    pose = FakePose((Pose(skeleton(box).keypoints, box, 0.45),))  # MoveNet sure, SSDLite blind
    pipeline = CameraPipeline(FakeDetector(None), pose=pose)
    results = run(pipeline, pose, seconds=3)
    assert [t.track_id for t in results[-1].tracks] == [1]


def test_small_or_unsure_skeletons_do_not_make_tracks() -> None:
    small = Box(100, 100, 130, 180)
    pose = FakePose(
        (
            Pose(skeleton(small).keypoints, small, 0.9),
            Pose(skeleton(small).keypoints, Box(300, 60, 420, 420), 0.2),
        )
    )
    pipeline = CameraPipeline(FakeDetector(None), pose=pose)
    results = run(pipeline, pose, seconds=3)
    assert results[-1].tracks == ()


DOOR_REGION = Box(300, 200, 460, 360)


def _analysed_per_second(
    pipeline: CameraPipeline, x_of_mover, seconds: float = 4, fps: float = 25.0
) -> float:
    analysed = 0
    for i in range(int(seconds * fps)):
        frame = FRAME.copy()
        x = x_of_mover(i)
        frame[240:320, x : x + 30] = 255  # a person-sized patch moving sideways
        analysed += pipeline.process(frame, i / fps).analysed
    return analysed / seconds


def test_door_watch_looks_more_often_while_something_moves_at_the_door() -> None:
    def pipeline() -> CameraPipeline:
        return CameraPipeline(FakeDetector(None), door_areas=lambda w, h: [DOOR_REGION])

    away = _analysed_per_second(pipeline(), lambda i: 20 + (i * 3) % 200)  # left of the door
    at_door = _analysed_per_second(pipeline(), lambda i: 310 + (i * 3) % 120)
    assert away <= 4.5
    assert at_door >= 10


def test_without_door_regions_the_rate_stays_capped() -> None:
    pipeline = CameraPipeline(FakeDetector(None))
    assert _analysed_per_second(pipeline, lambda i: 310 + (i * 3) % 120) <= 4.5
