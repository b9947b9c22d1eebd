"""Where things live: the user's data dir (platformdirs or --data-dir) and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "ShopGuard"
DATA_DIR_ENV = "SHOPGUARD_DATA_DIR"


def project_root() -> Path:
    """The folder holding `assets/` and `models/` (the repo, or PyInstaller's bundle dir)."""
    frozen_dir = getattr(sys, "_MEIPASS", None)
    if frozen_dir:
        return Path(frozen_dir)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. resource_path("models", "MANIFEST.json")."""
    return project_root().joinpath(*parts)


def shared_footage_dir() -> Path:
    """The third-party test footage beside the project (../shared/data): benchmarks and
    `shopguard evaluate` read it; it is not part of the project."""
    return project_root().parent / "shared" / "data"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data dir: explicit override, then $SHOPGUARD_DATA_DIR, then the platform default."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


class DataPaths:
    """Named places inside one data dir."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def database(self) -> Path:
        return self.root / "shopguard.sqlite3"

    @property
    def config(self) -> Path:
        return self.root / "config.json"

    @property
    def media(self) -> Path:
        return self.root / "media"

    @property
    def recordings(self) -> Path:
        return self.media / "recordings"

    @property
    def snapshots(self) -> Path:
        return self.media / "snapshots"

    @property
    def exports(self) -> Path:
        return self.media / "exports"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def ensure(self) -> DataPaths:
        for folder in (self.media, self.recordings, self.snapshots, self.exports, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
        return self
