"""Zones, lines and schedules per camera, in relative 0–1 picture coordinates (survive resolution
changes). The zone editor writes them, the rules read them."""

from __future__ import annotations

from datetime import time
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ZoneKind(StrEnum):
    AREA = "area"  # a polygon
    LINE = "line"  # a door line: two points and the side that counts as "inside"


class RuleKind(StrEnum):
    INTRUSION = "intrusion"  # a person in the zone outside its schedule
    LOITER = "loiter"  # a person dwelling in the zone longer than loiter_s
    DOOR = "door"  # count crossings of a line; feeds tailgating and unpaid exit
    PRODUCT = "product"  # a shelf area: a visit counts towards the unpaid-exit review
    FALL = "fall"  # watch this area for falls (falls are checked everywhere when no zone asks)


class TimeRange(_Strict):
    start: time = Field(title="From / 시작")
    end: time = Field(title="Until / 끝 (earlier than start = past midnight)")
    days: list[int] = Field(default_factory=lambda: list(range(7)), title="Weekdays 0=Mon … 6=Sun / 요일")

    @field_validator("days")
    @classmethod
    def _weekdays(cls, days: list[int]) -> list[int]:
        if not days or any(d < 0 or d > 6 for d in days):
            raise ValueError("days must be weekday numbers 0 (Mon) … 6 (Sun)")
        return sorted(set(days))


class Schedule(_Strict):
    """When something is 'open' (allowed); outside every range it is 'closed'."""

    name: str = Field(title="Schedule name / 일정 이름", min_length=1, max_length=40)
    ranges: list[TimeRange] = Field(default_factory=list, title="Open hours / 운영 시간")


class Zone(_Strict):
    id: str = Field(title="Zone id", pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")
    name: str = Field(title="Zone name / 구역 이름", min_length=1, max_length=40)
    kind: ZoneKind = Field(ZoneKind.AREA, title="Area or line / 영역 또는 선")
    points: list[tuple[float, float]] = Field(title="Points, x and y from 0 to 1 / 좌표")
    rules: list[RuleKind] = Field(default_factory=list, title="Rules / 규칙")
    schedule: str | None = Field(None, title="Schedule name (None = always) / 일정")
    loiter_s: float = Field(60.0, title="Loitering after seconds / 배회 기준(초)", gt=0, le=3600)
    inside_left: bool = Field(
        True, title="For a line: the side to the left of point 1 → point 2 is inside / 안쪽 방향"
    )

    @field_validator("points")
    @classmethod
    def _relative(cls, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        if any(not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0) for x, y in points):
            raise ValueError("points must lie inside the picture (0–1)")
        return points

    @model_validator(mode="after")
    def _shape(self) -> Zone:
        if self.kind == ZoneKind.LINE and len(self.points) != 2:
            raise ValueError("a line needs exactly 2 points")
        if self.kind == ZoneKind.AREA and len(self.points) < 3:
            raise ValueError("an area needs at least 3 points")
        return self


class CameraZones(_Strict):
    camera_id: str = Field(title="Camera id")
    zones: list[Zone] = Field(default_factory=list, title="Zones / 구역")
