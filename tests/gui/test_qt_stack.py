"""The Qt binding itself must not leak references: PySide6 6.12.0 on CPython 3.11 dropped one
reference to None per call of a void method, and the app aborted ('none_dealloc') after minutes."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_void_qt_calls_keep_none_alive(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.updateGeometry()
    assert sys.getrefcount(None) - before > -100
