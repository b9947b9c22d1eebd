"""The scripts under models/ (not a package) loaded as modules, for the tests of the comparison tooling."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from shopguard.paths import resource_path


@contextmanager
def models_script(name: str) -> Iterator[ModuleType]:
    """models/NAME.py imported under NAME for the duration (scripts there import each other so)."""
    path = resource_path("models", f"{name}.py")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[name]
