"""Settings for QR entry passes and the door station: camera, reader spot, hours, relay, voice."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

HOURS_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$"


class AccessSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    door_camera: str = Field(
        "0", title="Door camera: USB index, rtsp:// URL or video file / 출입문 카메라", min_length=1
    )
    reader_region: tuple[float, float, float, float] = Field(
        (0.0, 0.0, 1.0, 1.0),
        title="Where customers hold the QR code: x0, y0, x1, y1 from 0 to 1 / QR 인식 영역",
    )
    adult_only_hours: list[str] = Field(
        default_factory=lambda: ["22:00-09:00"],
        title="Hours when only adult passes may enter, HH:MM-HH:MM (past midnight allowed) / 성인 전용 시간",
    )
    passback_s: float = Field(
        60.0, title="A pass just used cannot enter again for (seconds) / 재사용 금지 시간(초)", ge=0, le=3600
    )
    unlock_s: float = Field(5.0, title="Door stays unlocked for (seconds) / 문 열림 시간(초)", gt=0, le=60)
    relay_port: str = Field(
        "", title="Serial port of the door relay, e.g. COM3 or /dev/ttyUSB0 (empty = log only) / 릴레이 포트"
    )
    relay_baud: int = Field(9600, title="Relay baud rate / 릴레이 통신 속도", ge=1200, le=115200)
    relay_on_hex: str = Field(
        "A00101A2",
        title="Bytes that switch the relay on, hex / 릴레이 켜기 명령",
        pattern=r"^([0-9A-Fa-f]{2})+$",
    )
    relay_off_hex: str = Field(
        "A00100A1",
        title="Bytes that switch the relay off, hex / 릴레이 끄기 명령",
        pattern=r"^([0-9A-Fa-f]{2})+$",
    )
    voice: bool = Field(True, title="Speak the result at the door / 음성 안내")
    voice_volume: float = Field(0.8, title="Voice volume 0–1 / 음량", ge=0.0, le=1.0)
    default_days: int = Field(30, title="New passes are valid for (days) / 기본 유효 기간(일)", ge=1, le=3650)

    @field_validator("adult_only_hours")
    @classmethod
    def _hours(cls, values: list[str]) -> list[str]:
        import re

        for value in values:
            if not re.match(HOURS_PATTERN, value):
                raise ValueError(f"hours must look like 22:00-09:00, got {value!r}")
        return values

    @field_validator("reader_region")
    @classmethod
    def _region(cls, region: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = region
        if not (0.0 <= x0 < x1 <= 1.0 and 0.0 <= y0 < y1 <= 1.0):
            raise ValueError("reader_region must be x0 < x1 and y0 < y1, all between 0 and 1")
        return region
