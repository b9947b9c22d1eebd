"""The composition of one camera: rules engine, privacy masks and recorder sink are plugged in, and
saving new zones gives the running camera a new rules engine."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from shopguard.config.recording import CameraRecording, PrivacyMask
from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.config.zones import CameraZones, RuleKind, Zone, ZoneKind
from shopguard.paths import DataPaths
from shopguard.rules.engine import RulesEngine
from shopguard.services.camera_factory import CameraFactory
from shopguard.vision.factory import SharedModels


class FakeRecording:
    def __init__(self) -> None:
        self.frames: list[tuple[str, object]] = []

    def sink(self, camera_id: str):
        return lambda frame: self.frames.append((camera_id, frame))


def test_a_camera_gets_rules_masks_and_the_recorder(qapp, private_data_dir: Path) -> None:
    settings = AppSettings(cameras=[CameraSettings(id="front", name="Front", source="demo")])
    settings.recording.cameras = [
        CameraRecording(camera_id="front", masks=[PrivacyMask(points=[(0, 0), (0.5, 0), (0.5, 1), (0, 1)])])
    ]
    recording = FakeRecording()
    factory = CameraFactory(
        DataPaths(private_data_dir).ensure(), settings, SharedModels(None, None), None, recording
    )
    worker = factory(settings.cameras[0])

    (analyse,) = worker.analysers
    assert isinstance(analyse.__self__, RulesEngine) and analyse.__self__.camera_id == "front"
    assert len(worker.tickers) == 1
    (mask,) = worker.frame_filters
    masked = mask(np.full((10, 20, 3), 200, np.uint8))
    assert masked[:, :10].max() == 0 and masked[:, 11:].min() == 200  # left half hidden (edge inclusive)
    (sink,) = worker.frame_sinks
    sink("frame")
    assert recording.frames == [("front", "frame")]

    settings.zones = [
        CameraZones(
            camera_id="front",
            zones=[
                Zone(
                    id="z", name="Shelf", points=[(0.1, 0.1), (0.9, 0.1), (0.9, 0.9)], rules=[RuleKind.LOITER]
                )
            ],
        )
    ]
    old_pipeline = worker.pipeline
    factory.refresh_rules({"front": worker}, settings)
    engine = worker.analysers[0].__self__
    assert engine is not analyse.__self__
    assert any(type(rule).__name__ == "LoiterRule" for rule in engine.rules)
    assert worker.finishers == [engine.finish]
    assert worker._retired == [analyse.__self__.finish]  # the old engine's incidents get ended
    assert worker.pipeline is not old_pipeline


def test_a_door_line_saved_later_gives_the_running_camera_its_door_watch(
    qapp, private_data_dir: Path
) -> None:
    settings = AppSettings(cameras=[CameraSettings(id="front", name="Front", source="demo")])
    factory = CameraFactory(DataPaths(private_data_dir).ensure(), settings, SharedModels(None, None), None)
    worker = factory(settings.cameras[0])
    assert worker.pipeline.door_areas is None
    door = Zone(id="d", name="문", kind=ZoneKind.LINE, points=[(0.3, 0.6), (0.6, 0.6)], rules=[RuleKind.DOOR])
    settings.zones = [CameraZones(camera_id="front", zones=[door])]
    factory.refresh_rules({"front": worker}, settings)
    assert worker.pipeline.door_areas is not None
    (area,) = worker.pipeline.door_areas(640, 480)  # the floor around the new line, in pixels
    assert area.x1 < 0.3 * 640 and area.x2 > 0.6 * 640
