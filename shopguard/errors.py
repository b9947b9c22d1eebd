"""Known environment errors, separated from bugs, each with a plain message in Korean and English."""

from __future__ import annotations


class ShopGuardError(Exception):
    """An error a user can fix; `str()` gives the one-line bilingual message."""

    def __init__(self, ko: str, en: str) -> None:
        super().__init__(f"{ko} / {en}")
        self.ko = ko
        self.en = en


class ModelFileError(ShopGuardError):
    """A model file is missing, unreadable or does not match its MANIFEST checksum."""


class SourceError(ShopGuardError):
    """A camera or video file cannot be opened or read."""


class ConfigError(ShopGuardError):
    """The settings file is malformed."""


class StorageError(ShopGuardError):
    """The database or media folder cannot be used (locked, corrupt, disk full)."""
