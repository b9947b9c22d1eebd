"""ScannerFilter: tells a USB barcode scanner (a keyboard typing a code and Enter within milliseconds)
from a person typing, anywhere inside one widget tree. GUI thread only.

Printable keys are held back briefly; a fast burst ending in Enter becomes `scanned(code)` and never
reaches the focused field. Anything slower is typing: the held keys are replayed, in order, to the
widget they were meant for, so search fields and spin boxes work as usual.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

MAX_GAP_S = 0.05  # scanners send a character every 2–20 ms; people rarely type two in under 50 ms
MIN_CODE_LENGTH = 4
HOLD_MS = 60  # how long a key may be held back before it counts as typing
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_NO_TEXT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@dataclass(frozen=True)
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScannerFilter(QObject):
    scanned = Signal(str)

    def __init__(self, root: QWidget, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(root)
        self.root = root
        self.clock = clock
        self._held: list[_HeldKey] = []
        self._last_s = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOLD_MS)
        self._timer.timeout.connect(self.flush)
        # Qt drops a destroyed filter by itself: it goes with `root`, its parent.
        QApplication.instance().installEventFilter(self)

    def _mine(self, obj: QObject) -> bool:
        return (
            isinstance(obj, QWidget)
            and self.root.isVisible()
            and (obj is self.root or self.root.isAncestorOf(obj))
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if self._replaying or event.type() != QEvent.Type.KeyPress or not self._mine(obj):
            return False
        assert isinstance(event, QKeyEvent) and isinstance(obj, QWidget)
        now = self.clock()
        fast = bool(self._held) and now - self._last_s <= MAX_GAP_S
        if event.key() in ENTER_KEYS:
            if fast and len(self._held) >= MIN_CODE_LENGTH:
                code = "".join(k.text for k in self._held)
                self._held.clear()
                self._timer.stop()
                self.scanned.emit(code)
                return True
            self.flush()
            return False
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & _NO_TEXT_MODIFIERS:
            self.flush()
            return False
        if self._held and not fast:
            self.flush()  # the keys before were typed by a person
        self._held.append(_HeldKey(obj, event.key(), event.modifiers(), text))
        self._last_s = now
        self._timer.start()
        return True

    def flush(self) -> None:
        """Deliver held keys as ordinary typing."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for k in held:
                try:
                    QApplication.sendEvent(
                        k.target, QKeyEvent(QEvent.Type.KeyPress, k.key, k.modifiers, k.text)
                    )
                except RuntimeError:  # the field was closed in the meantime: nothing to type into
                    continue
        finally:
            self._replaying = False

    @property
    def holding(self) -> bool:
        return bool(self._held)
