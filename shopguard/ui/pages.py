"""Discover the owner's-window pages and screenshot factories defined in shopguard.ui.views."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from shopguard.context import AppContext
from shopguard.ui import views as views_pkg


@dataclass(frozen=True)
class PageSpec:
    key: str
    title_ko: str
    title_en: str
    order: int
    factory: Callable[[AppContext], QWidget]

    def title(self, language: str = "ko") -> str:
        return self.title_ko if language == "ko" else self.title_en


def _view_modules() -> list:
    return [
        importlib.import_module(f"{views_pkg.__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(views_pkg.__path__), key=lambda i: i.name)
    ]


def discover_pages() -> list[PageSpec]:
    pages = [m.PAGE for m in _view_modules() if isinstance(getattr(m, "PAGE", None), PageSpec)]
    return sorted(pages, key=lambda p: p.order)


def discover_screenshots() -> dict[str, Callable[[], QWidget]]:
    found: dict[str, Callable[[], QWidget]] = {}
    for module in _view_modules():
        found.update(getattr(module, "SCREENSHOTS", {}))
    return found
