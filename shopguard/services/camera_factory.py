"""CameraFactory: builds one CameraWorker per configured camera with everything plugged in — the
frame source, the vision pipeline, the rules engine (zones, schedules, QR grants, sales), privacy
masks and the recorder's sink. Called on the GUI thread by the composition root and the window."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from shopguard.config.settings import DEMO_CAMERA_SOURCE, AppSettings, CameraSettings
from shopguard.paths import DataPaths, resource_path
from shopguard.recording.masks import apply_privacy_masks
from shopguard.rules.engine import RulesEngine
from shopguard.services.camera_worker import Analyser, CameraWorker, Finisher, Ticker
from shopguard.services.demo import DEMO_CLIP
from shopguard.vision.factory import SharedModels, build_pipeline
from shopguard.vision.sources import FrameSource, VideoFileSource, open_source


def camera_source(camera: CameraSettings) -> FrameSource:
    if camera.source == DEMO_CAMERA_SOURCE:
        return VideoFileSource(resource_path(*DEMO_CLIP), loop=True)
    return open_source(camera.source, loop=True)


@dataclass
class CameraFactory:
    paths: DataPaths
    settings: AppSettings
    models: SharedModels | None
    rules_db: sqlite_utils.Database | None = None  # a connection of its own: read from camera threads
    recording: Any = None  # shopguard.recording.service.RecordingService, when recording is on

    def __call__(self, camera: CameraSettings) -> CameraWorker:
        source = camera_source(camera)
        zones = self.zones_of(camera.id)
        pipeline = build_pipeline(self.models, zones) if self.models is not None else None
        worker = CameraWorker(camera.id, source, pipeline)
        polygons = self._masks(camera.id)
        if polygons:
            worker.frame_filters.append(lambda image: apply_privacy_masks(image, polygons))
        if self.recording is not None:
            worker.frame_sinks.append(self.recording.sink(camera.id))
        if pipeline is not None:
            worker.set_analysers(*self.rules_for(camera, isinstance(source, VideoFileSource)))
        return worker

    def zones_of(self, camera_id: str) -> list:
        return next((list(e.zones) for e in self.settings.zones if e.camera_id == camera_id), [])

    def _masks(self, camera_id: str) -> list[list[tuple[float, float]]]:
        for entry in self.settings.recording.cameras:
            if entry.camera_id == camera_id:
                return [list(mask.points) for mask in entry.masks]
        return []

    def rules_for(
        self, camera: CameraSettings, is_file: bool
    ) -> tuple[list[Analyser], list[Ticker], list[Finisher]]:
        """A fresh RulesEngine for the camera's current zones. A file's timestamps start at 0, so
        its events are placed at the wall clock of the moment the camera started."""
        zones = self.zones_of(camera.id)
        grants = sales = None
        if self.rules_db is not None:
            from shopguard.access.entry_log import EntryLog
            from shopguard.sales.sale_source import StoredSaleTimes

            grants, sales = EntryLog(self.rules_db), StoredSaleTimes(self.rules_db)
        offset = time.time() if is_file else 0.0
        engine = RulesEngine(
            camera.id,
            list(zones),
            list(self.settings.schedules),
            grants=grants,
            sales=sales,
            snapshot_dir=self.paths.snapshots,
            timezone=self.settings.shop.timezone,
            epoch_offset_s=offset,
        )
        return [engine.process], [lambda epoch_s: engine.tick(epoch_s - offset)], [engine.finish]

    def refresh_rules(self, workers: dict[str, CameraWorker], settings: AppSettings) -> None:
        """New zones or schedules were saved: give every running camera a new rules engine and a
        new pipeline (door lines decide its close-ups); the old engine's open incidents are ended."""
        self.settings = settings
        cameras = {camera.id: camera for camera in settings.cameras}
        for camera_id, worker in workers.items():
            camera = cameras.get(camera_id) or CameraSettings(id=camera_id, name=camera_id, source="demo")
            if worker.pipeline is not None and self.models is not None:
                worker.set_analysers(
                    *self.rules_for(camera, isinstance(worker.source, VideoFileSource)),
                    pipeline=build_pipeline(self.models, self.zones_of(camera_id)),
                )
