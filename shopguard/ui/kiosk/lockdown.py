"""LockdownFilter: an application-wide event filter that keeps customers inside the kiosk.

Swallows Escape, Alt+F4 and other window/app shortcuts, the context menu (right-click, menu key,
long-press menus), wheel zoom, and multi-touch gestures. The owner reaches the PIN screen with
Ctrl+Alt+Shift+K on a keyboard, or by holding the top-left corner for OWNER_HOLD_S. GUI thread only.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

OWNER_HOLD_S = 5.0
CORNER_MM = 15.0
_SWALLOWED_KEYS = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_Menu,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_F1,
    Qt.Key.Key_F4,
    Qt.Key.Key_F11,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
}
_MODIFIED_KEYS = {Qt.Key.Key_W, Qt.Key.Key_Q, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_0}
_BLOCKED_TYPES = {
    QEvent.Type.ContextMenu,
    QEvent.Type.Wheel,
    QEvent.Type.Gesture,
    QEvent.Type.GestureOverride,
    QEvent.Type.NativeGesture,
}
_OWNER_MODS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)


class LockdownFilter(QObject):
    owner_requested = Signal()
    blocked = Signal(str)  # what was swallowed (tests, the log)
    activity = Signal()  # a customer touched, clicked or typed (restarts the idle time)

    def __init__(self, window: QWidget, corner_px: int, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.corner_px = corner_px
        self.clock = clock
        self._corner_down: float | None = None

    def _mine(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and (obj is self.window or self.window.isAncestorOf(obj))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in _BLOCKED_TYPES:
            self.blocked.emit(kind.name)
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return self._key(event)  # type: ignore[arg-type]
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            if len(event.points()) > 1:
                self.blocked.emit("multi-touch")
                return True
            if kind == QEvent.Type.TouchBegin:
                self.activity.emit()
            return False
        if kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ) and self._mine(obj):
            return self._mouse(obj, event)  # type: ignore[arg-type]
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        mods = event.modifiers()
        if key == Qt.Key.Key_K and (mods & _OWNER_MODS) == _OWNER_MODS:
            if event.type() == QEvent.Type.KeyPress:
                self.owner_requested.emit()
            return True
        alt_or_ctrl = mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
        if (
            key in _SWALLOWED_KEYS
            or (alt_or_ctrl and key in _MODIFIED_KEYS)
            or mods & Qt.KeyboardModifier.AltModifier
        ):
            if event.type() == QEvent.Type.KeyPress:
                self.blocked.emit(f"key {key.name}")
            return True
        if event.type() == QEvent.Type.KeyPress:
            self.activity.emit()
        return False

    def _mouse(self, obj: QObject, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            self.blocked.emit("mouse button")
            return True
        assert isinstance(obj, QWidget)
        at = (
            obj.mapTo(self.window, event.position().toPoint())
            if obj is not self.window
            else event.position().toPoint()
        )
        in_corner = at.x() <= self.corner_px and at.y() <= self.corner_px
        if event.type() == QEvent.Type.MouseButtonPress:
            self.activity.emit()
            self._corner_down = self.clock() if in_corner else None
        elif event.type() == QEvent.Type.MouseButtonRelease and self._corner_down is not None:
            held = self.clock() - self._corner_down
            self._corner_down = None
            if in_corner and held >= OWNER_HOLD_S:
                self.owner_requested.emit()
                return True
        return False
