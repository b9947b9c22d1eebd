"""Recording settings: per-camera mode and privacy masks, segment length, encoder, retention."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class RecordMode(StrEnum):
    ALWAYS = "always"  # continuous, day and night
    MOTION = "motion"  # only while something moves (plus pre- and post-roll)
    EVENTS = "events"  # only around alerts raised by the rules (plus pre- and post-roll)
    OFF = "off"


class PrivacyMask(_Strict):
    name: str = Field("", title="What it hides, e.g. neighbour's window / 가리는 곳", max_length=40)
    points: list[tuple[float, float]] = Field(title="Polygon, x and y from 0 to 1 / 좌표")

    @field_validator("points")
    @classmethod
    def _polygon(cls, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        if len(points) < 3:
            raise ValueError("a privacy mask needs at least 3 points")
        if any(not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0) for x, y in points):
            raise ValueError("points must lie inside the picture (0–1)")
        return points


class CameraRecording(_Strict):
    camera_id: str = Field(title="Camera id")
    mode: RecordMode = Field(RecordMode.ALWAYS, title="When to record / 녹화 방식")
    masks: list[PrivacyMask] = Field(default_factory=list, title="Privacy masks / 사생활 보호 가림")


class RecordingSettings(_Strict):
    enabled: bool = Field(True, title="Record cameras / 녹화 사용")
    default_mode: RecordMode = Field(RecordMode.ALWAYS, title="Mode for cameras not listed / 기본 녹화 방식")
    cameras: list[CameraRecording] = Field(default_factory=list, title="Per camera / 카메라별")
    segment_s: int = Field(60, title="Segment length in seconds / 파일 길이(초)", ge=2, le=900)
    max_fps: float = Field(15.0, title="Highest frame rate recorded / 최대 녹화 프레임", gt=0, le=60)
    crf: int = Field(26, title="H.264 quality (lower = better, bigger) / 화질", ge=14, le=40)
    preset: str = Field(
        "veryfast",
        title="x264 speed preset / 인코딩 속도",
        pattern=r"^(ultrafast|superfast|veryfast|faster|fast|medium)$",
    )
    preroll_s: float = Field(5.0, title="Seconds kept before motion/event / 사전 녹화(초)", ge=0, le=30)
    postroll_s: float = Field(10.0, title="Seconds kept after motion/event / 사후 녹화(초)", ge=0, le=300)
    retention_days: float = Field(30.0, title="Keep footage for days / 보관 기간(일)", gt=0, le=3650)
    budget_gb: float | None = Field(None, title="Footage may use at most GB / 최대 용량(GB)", gt=0)
    budget_percent: float = Field(
        90.0,
        title="Footage may use at most this % of the space it could have (its own + free) / 최대 비율(%)",
        gt=0,
        le=99,
    )
    reserve_free_mb: int = Field(
        500, title="Pause recording when free space drops below MB / 최소 여유 공간(MB)", ge=50
    )

    @field_validator("cameras")
    @classmethod
    def _unique(cls, cameras: list[CameraRecording]) -> list[CameraRecording]:
        ids = [c.camera_id for c in cameras]
        if len(set(ids)) != len(ids):
            raise ValueError("each camera may appear only once in recording.cameras")
        return cameras

    def for_camera(self, camera_id: str) -> CameraRecording:
        for camera in self.cameras:
            if camera.camera_id == camera_id:
                return camera
        return CameraRecording(camera_id=camera_id, mode=self.default_mode)
