"""The GUI/core split is enforced: core packages never import Qt."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT_ROOT

CORE = (
    "vision",
    "rules",
    "recording",
    "access",
    "sales",
    "evidence",
    "storage",
    "config",
    "domain",
    "security",
)


def test_core_packages_do_not_import_qt() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import shopguard\n"
        f"for name in {CORE!r}:\n"
        "    try:\n"
        "        pkg = importlib.import_module('shopguard.' + name)\n"
        "    except ModuleNotFoundError:\n"
        "        continue\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "", f"Qt imported by a core module: {out.stdout}"
