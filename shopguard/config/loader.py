"""Read and write config.json: atomic saves, plain messages for malformed files."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from shopguard.config.settings import AppSettings
from shopguard.errors import ConfigError


def load_settings(path: Path) -> AppSettings:
    """Settings from `path`; defaults when the file does not exist yet."""
    if not path.exists():
        return AppSettings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(
            f"설정 파일을 읽을 수 없습니다: {path}",
            f"cannot read settings file {path}: {exc.__class__.__name__}",
        ) from None
    try:
        return AppSettings.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ConfigError(
            f"설정 파일 {path.name}의 '{where}' 값이 잘못되었습니다: {first['msg']}",
            f"setting '{where}' in {path.name} is invalid: {first['msg']}",
        ) from None


def save_settings(settings: AppSettings, path: Path) -> None:
    """Write atomically: a crash mid-save leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(settings.model_dump_json(indent=2), encoding="utf-8")
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
