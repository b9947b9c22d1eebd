"""Build the shared models and per-camera pipelines from settings (models load once per process)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shopguard.config.settings import DetectionSettings
from shopguard.config.zones import Zone
from shopguard.vision.detector import SsdLitePersonDetector
from shopguard.vision.focus import DoorAreas, door_lines
from shopguard.vision.pipeline import CameraPipeline, PipelineSettings
from shopguard.vision.pose import MoveNetPoseEstimator


@dataclass
class SharedModels:
    detector: SsdLitePersonDetector
    pose: MoveNetPoseEstimator | None


def load_models(settings: DetectionSettings | None = None, pose: bool | None = None) -> SharedModels:
    settings = settings or DetectionSettings()
    want_pose = settings.pose if pose is None else pose
    detector = SsdLitePersonDetector(score_threshold=settings.person_score, threads=settings.threads)
    estimator = MoveNetPoseEstimator(threads=settings.threads) if want_pose else None
    return SharedModels(detector=detector, pose=estimator)


def build_pipeline(
    models: SharedModels, zones: Iterable[Zone] = (), settings: PipelineSettings | None = None
) -> CameraPipeline:
    """A camera's pipeline; door lines among its zones get door watch while something moves
    around them (the regions around what moves there give the close-up look)."""
    doors = door_lines(zones)
    return CameraPipeline(
        detector=models.detector,
        pose=models.pose,
        settings=settings or PipelineSettings(run_pose=models.pose is not None),
        door_areas=DoorAreas(doors).around if doors else None,
    )
