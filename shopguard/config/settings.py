"""The top-level settings model and its parts for the shop, cameras and detection."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shopguard.config.access import AccessSettings
from shopguard.config.kiosk import KioskSettings
from shopguard.config.notifications import NotificationSettings
from shopguard.config.privacy import PrivacySettings
from shopguard.config.recording import RecordingSettings
from shopguard.config.sales import SalesSettings
from shopguard.config.zones import CameraZones, Schedule

SCHEMA_VERSION = 1
DEMO_CAMERA_SOURCE = "demo"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ShopSettings(_Strict):
    name: str = Field("우리 무인점포", title="Shop name / 상호", max_length=80)
    address: str = Field("", title="Address / 주소", max_length=200)
    timezone: str = Field("Asia/Seoul", title="Time zone / 시간대")
    manager_contact: str = Field("", title="CCTV manager contact / 관리책임자 연락처", max_length=80)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. Asia/Seoul)") from None
        return value


class CameraSettings(_Strict):
    id: str = Field(title="Camera id", pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")
    name: str = Field(title="Camera name / 카메라 이름", min_length=1, max_length=40)
    source: str = Field(
        title="Source: USB index, rtsp:// URL, video file path or 'demo' / 영상 소스",
        min_length=1,
    )
    enabled: bool = Field(True, title="Enabled / 사용")


class DetectionSettings(_Strict):
    person_score: float = Field(0.35, title="Person score threshold", ge=0.05, le=0.95)
    pose: bool = Field(True, title="Run pose estimation (needed for falls and for door close-ups)")
    threads: int = Field(2, title="Inference threads", ge=1, le=16)


class AppSettings(_Strict):
    schema_version: int = Field(SCHEMA_VERSION, title="Settings format version")
    language: str = Field("ko", title="Language / 언어", pattern=r"^(ko|en)$")
    shop: ShopSettings = Field(default_factory=ShopSettings, title="Shop / 점포")
    cameras: list[CameraSettings] = Field(default_factory=list, title="Cameras / 카메라")
    detection: DetectionSettings = Field(default_factory=DetectionSettings, title="Detection")
    schedules: list[Schedule] = Field(default_factory=list, title="Schedules / 운영 일정")
    zones: list[CameraZones] = Field(default_factory=list, title="Zones per camera / 카메라별 구역")
    notifications: NotificationSettings = Field(default_factory=NotificationSettings, title="Alerts / 알림")
    access: AccessSettings = Field(default_factory=AccessSettings, title="QR entry and door / QR 출입")
    recording: RecordingSettings = Field(default_factory=RecordingSettings, title="Recording / 녹화")
    privacy: PrivacySettings = Field(default_factory=PrivacySettings, title="CCTV notice / CCTV 안내판")
    sales: SalesSettings = Field(default_factory=SalesSettings, title="Sales and receipts / 판매·영수증")
    kiosk: KioskSettings = Field(default_factory=KioskSettings, title="Kiosk for customers / 고객용 키오스크")

    @field_validator("cameras")
    @classmethod
    def _unique_ids(cls, cameras: list[CameraSettings]) -> list[CameraSettings]:
        ids = [c.id for c in cameras]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"camera ids must be unique: {', '.join(duplicates)}")
        return cameras
