"""How the owner's window announces alerts: which severities chime, volume, the high-severity banner."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class SoundFor(StrEnum):
    CRITICAL = "critical"  # only someone-may-need-help-now alerts
    WARNING = "warning"  # warnings and critical ones
    NONE = "none"


class NotificationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    sound_for: SoundFor = Field(SoundFor.WARNING, title="Chime for alerts of / 알림음")
    volume: float = Field(0.8, title="Chime volume 0–1 / 알림음 크기", ge=0.0, le=1.0)
    banner: bool = Field(True, title="Banner across the window for critical alerts / 긴급 알림 띠")
