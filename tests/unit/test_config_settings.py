"""Settings: defaults, round trip, and plain messages for malformed files."""

from __future__ import annotations

import json

import pytest

from shopguard.config.loader import load_settings, save_settings
from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.errors import ConfigError


def test_missing_file_gives_defaults(tmp_path) -> None:
    settings = load_settings(tmp_path / "config.json")
    assert settings.shop.timezone == "Asia/Seoul" and settings.language == "ko"


def test_round_trip(tmp_path) -> None:
    path = tmp_path / "config.json"
    settings = AppSettings(cameras=[CameraSettings(id="door", name="출입문", source="0")])
    save_settings(settings, path)
    assert load_settings(path) == settings


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("{not json", "cannot read"),
        (json.dumps({"shop": {"timezone": "Mars/Base"}}), "shop.timezone"),
        (json.dumps({"surprise": 1}), "surprise"),
        (json.dumps({"cameras": [{"id": "a", "name": "A", "source": "0"}] * 2}), "unique"),
        (json.dumps({"detection": {"person_score": 3}}), "detection.person_score"),
    ],
)
def test_malformed_settings_name_the_problem(tmp_path, content: str, where: str) -> None:
    path = tmp_path / "config.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert where in str(info.value)
    assert info.value.ko and info.value.en
