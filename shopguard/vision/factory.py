"""Build the shared models and per-camera pipelines from settings (models load once per process)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shopguard.config.settings import DetectionSettings
from shopguard.config.zones import Zone
from shopguard.vision.detector import SsdLitePersonDetector
from shopguard.vision.focus import FocusedDetector, door_focus_regions
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


def build_pipeline(models: SharedModels, zones: Iterable[Zone] = ()) -> CameraPipeline:
    """A camera's pipeline; door lines among its zones get a close-up look (focus regions)."""
    regions = door_focus_regions(zones)
    detector = FocusedDetector(models.detector, regions) if regions else models.detector
    return CameraPipeline(
        detector=detector,
        pose=models.pose,
        settings=PipelineSettings(run_pose=models.pose is not None),
    )
