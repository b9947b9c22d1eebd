"""Demo data for screenshots and docs: the bundled demo clip analysed at a few moments, a shop with
four cameras and zones, and a scratch database with sample alerts (clearly demo, never shipped as real)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.config.zones import CameraZones, RuleKind, Schedule, TimeRange, Zone, ZoneKind
from shopguard.errors import ShopGuardError
from shopguard.paths import DataPaths, resource_path
from shopguard.services.alert_store import AlertStatus, AlertStore
from shopguard.services.alerts import AlertService
from shopguard.services.camera_health import CameraHealth
from shopguard.services.camera_worker import CameraView
from shopguard.storage.database import open_database
from shopguard.vision.cv import cv2
from shopguard.vision.sources import SourceStatus, VideoFileSource

DEMO_CLIP = ("assets", "demo", "one-by-one-person-detection.mp4")
DEMO_MOMENT_S = 80.0  # a moment of the demo clip with a person clearly in view
DEMO_CAMERAS = (
    ("door", "출입문 Door", 80.0),
    ("shelf", "진열대 Shelves", 40.0),
    ("counter", "계산대 Counter", 110.0),
    ("storage", "창고 Storage", 20.0),
)
DEMO_ALERTS = (  # camera, type, severity, minutes ago, status, note
    ("door", "fall", "critical", 2, AlertStatus.OPEN, ""),
    ("storage", "intrusion", "warning", 35, AlertStatus.OPEN, ""),
    ("shelf", "loiter", "warning", 80, AlertStatus.ACKNOWLEDGED, "단골 손님 / a regular"),
    ("door", "tailgate", "warning", 140, AlertStatus.DISMISSED, "가족 / family"),
    ("counter", "unpaid_exit", "review", 200, AlertStatus.OPEN, ""),
    ("storage", "tamper_covered", "warning", 300, AlertStatus.ACKNOWLEDGED, ""),
)


def demo_view(moment_s: float = DEMO_MOMENT_S, warmup_s: float = 2.0, models=None) -> CameraView:
    """The demo clip analysed up to `moment_s`, so tracks have their ids as they would live."""
    from shopguard.vision.factory import build_pipeline, load_models

    pipeline = build_pipeline(models or load_models(pose=False))
    result = image = None
    with VideoFileSource(resource_path(*DEMO_CLIP)) as source:
        fps = source.fps
        while (frame := source.read()) is not None:
            if frame.ts < moment_s - warmup_s:
                continue
            result = pipeline.process(frame.image, frame.ts)
            image = frame.image
            if frame.ts >= moment_s:
                break
    if image is None:
        raise ShopGuardError("데모 영상을 읽을 수 없습니다", "cannot read the demo clip")
    return CameraView(image, result, time.time(), fps, 0, SourceStatus.LIVE, CameraHealth.LIVE)


def demo_frame(moment_s: float):
    cap = cv2.VideoCapture(str(resource_path(*DEMO_CLIP)), cv2.CAP_FFMPEG)
    try:
        cap.set(cv2.CAP_PROP_POS_MSEC, moment_s * 1000)
        ok, image = cap.read()
    finally:
        cap.release()
    if not ok:
        raise ShopGuardError("데모 영상을 읽을 수 없습니다", "cannot read the demo clip")
    return image


def write_demo_clip(path, start_s: float, seconds: float = 4.0):
    """A few seconds of the demo clip re-encoded as H.264, as the recorder would cut an event clip."""
    import av

    path.parent.mkdir(parents=True, exist_ok=True)
    cap = cv2.VideoCapture(str(resource_path(*DEMO_CLIP)), cv2.CAP_FFMPEG)
    cap.set(cv2.CAP_PROP_POS_MSEC, start_s * 1000)
    fps = 10
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.pix_fmt = "yuv420p"
        for index in range(int(seconds * fps)):
            ok, image = cap.read()
            if not ok:
                break
            if index == 0:
                stream.height, stream.width = image.shape[:2]
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    cap.release()
    return path


def demo_settings() -> AppSettings:
    settings = AppSettings()
    settings.shop.name = "행복 무인아이스크림 역삼점"
    settings.shop.address = "서울특별시 강남구 테헤란로 123"
    settings.cameras = [CameraSettings(id=i, name=n, source="demo") for i, n, _ in DEMO_CAMERAS]
    settings.schedules = [
        Schedule(name="영업시간", ranges=[TimeRange(start=clock(7), end=clock(23))]),
        Schedule(name="주말 심야", ranges=[TimeRange(start=clock(23), end=clock(2), days=[4, 5])]),
    ]
    settings.zones = [
        CameraZones(
            camera_id="door",
            zones=[
                Zone(
                    id="entrance",
                    name="출입문",
                    kind=ZoneKind.LINE,
                    points=[(0.30, 0.88), (0.72, 0.88)],
                    rules=[RuleKind.DOOR],
                    inside_left=True,
                ),
                Zone(
                    id="stock",
                    name="창고 앞",
                    points=[(0.04, 0.30), (0.24, 0.30), (0.24, 0.80), (0.04, 0.80)],
                    rules=[RuleKind.INTRUSION],
                    schedule="영업시간",
                ),
                Zone(
                    id="freezer",
                    name="냉동고",
                    points=[(0.62, 0.22), (0.95, 0.22), (0.95, 0.62), (0.62, 0.62)],
                    rules=[RuleKind.PRODUCT, RuleKind.LOITER],
                ),
            ],
        )
    ]
    return settings


@dataclass
class DemoScene:
    settings: AppSettings
    paths: DataPaths
    store: AlertStore
    alerts: AlertService
    camera_names: dict[str, str]

    @property
    def db(self):
        return self.store.db


def demo_scene() -> DemoScene:
    """A scratch shop in a temporary folder (removed at exit; the owner's data is never touched) with
    sample alerts whose snapshots and clip come from the demo clip."""
    root = Path(tempfile.mkdtemp(prefix="shopguard-demo-"))
    atexit.register(shutil.rmtree, root, True)
    paths = DataPaths(root).ensure()
    db = open_database(paths.database)
    store = AlertStore(db)
    now = datetime.now(UTC).replace(microsecond=0)
    moments = {camera_id: moment for camera_id, _, moment in DEMO_CAMERAS}
    for index, (camera_id, kind, severity, minutes, status, note) in enumerate(reversed(DEMO_ALERTS)):
        snapshot = paths.snapshots / f"demo-{index}.jpg"
        cv2.imwrite(str(snapshot), demo_frame(moments[camera_id] + index * 3))
        start = (now - timedelta(minutes=minutes)).isoformat(timespec="milliseconds")
        alert = store.insert(
            camera_id, kind, severity, start, track_ids=(index + 1,), snapshot_path=str(snapshot)
        )
        if status != AlertStatus.OPEN:
            store.close(alert.id, status, note, "demo")
    newest = store.list()[0]
    clip = write_demo_clip(paths.media / "clips" / "demo-clip.mp4", moments[newest.camera_id])
    db.execute("UPDATE events SET clip_path = ? WHERE id = ?", [str(clip), newest.id])
    settings = demo_settings()
    service = AlertService(store, paths.snapshots, settings.notifications)
    names = {camera.id: camera.name for camera in settings.cameras}
    return DemoScene(settings, paths, store, service, names)
