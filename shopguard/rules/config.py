"""The `--rules FILE.json` format: the same `schedules` and `zones` as the app's settings file."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shopguard.config.zones import CameraZones, Schedule
from shopguard.errors import ConfigError


class RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schedules: list[Schedule] = Field(default_factory=list, title="Schedules / 운영 일정")
    zones: list[CameraZones] = Field(default_factory=list, title="Zones per camera / 카메라별 구역")

    def for_camera(self, camera_id: str | None) -> CameraZones:
        """That camera's zones; with no id, the only (or first) camera in the file."""
        if camera_id is None:
            return self.zones[0] if self.zones else CameraZones(camera_id="file", zones=[])
        for entry in self.zones:
            if entry.camera_id == camera_id:
                return entry
        raise ConfigError(
            f"규칙 파일에 카메라 '{camera_id}'의 구역이 없습니다",
            f"the rules file has no zones for camera '{camera_id}'",
        )


def load_rules_file(path: Path) -> RulesFile:
    try:
        return RulesFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ConfigError(f"규칙 파일이 없습니다: {path}", f"rules file not found: {path}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"규칙 파일이 JSON 형식이 아닙니다: {path} ({exc.lineno}행)",
            f"rules file is not valid JSON: {path} (line {exc.lineno}: {exc.msg})",
        ) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"규칙 파일 오류: {where}: {first['msg']}", f"rules file error at {where}: {first['msg']}"
        ) from None
