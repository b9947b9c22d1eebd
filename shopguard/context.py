"""AppContext: what every service and view is handed by the composition root (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from shopguard.config.settings import AppSettings
from shopguard.paths import DataPaths


@dataclass
class AppContext:
    paths: DataPaths
    settings: AppSettings
    db: sqlite_utils.Database
    actor: str = "owner"  # who is logged in; the security issue replaces this with real users
    services: dict[str, Any] = field(default_factory=dict)  # named long-lived services, e.g. "door"
