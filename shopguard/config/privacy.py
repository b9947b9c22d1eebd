"""Privacy (PIPA) settings: what the CCTV notice at the door says beyond the shop's name and contact."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class PrivacySettings(_Strict):
    purpose: str = Field(
        "범죄 예방 및 시설 안전, 화재 예방",
        title="Why the cameras are there / 설치 목적",
        min_length=1,
        max_length=120,
    )
    areas: str = Field(
        "",
        title="Where they film (empty = the camera names) / 설치 장소 및 촬영 범위",
        max_length=200,
    )
    hours: str = Field("24시간 연속 촬영", title="When they film / 촬영 시간", min_length=1, max_length=80)
    retention_days: int | None = Field(
        None,
        title="Days footage is kept (empty = the recording settings) / 보관 기간(일)",
        ge=1,
        le=3650,
    )
    manager_name: str = Field(
        "",
        title="Person in charge of the cameras (name or title) / 관리책임자",
        max_length=40,
    )
