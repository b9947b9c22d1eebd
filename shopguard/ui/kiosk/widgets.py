"""KioskText and KioskButton: every piece of kiosk text is drawn by one of these two, so the checks in
`measure` know its font, its colours and whether it fits. Text wraps at spaces (long words by
character); it is never cut off or elided. GUI thread only."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from shopguard.ui.kiosk.theme import PAD_EM, PLAIN_BUTTON, PRESSED, SCREEN, Colours, Role, Theme

_LINE_SAMPLE = "한"  # every line is at least as tall as a Hangul syllable
BORDER_MM = 0.9


def wrap_lines(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Greedy wrap at spaces; a word wider than `width` is broken between characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if metrics.horizontalAdvance(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            for char in word:
                if current and metrics.horizontalAdvance(current + char) > width:
                    lines.append(current)
                    current = char
                else:
                    current += char
        lines.append(current)
    return lines


class _TextBox:
    """Shared text layout of both widgets: font, padding, lines for a width."""

    def __init__(self, owner: QWidget, text: str, role: Role) -> None:
        self.owner = owner
        self.text = text
        self.role = role
        self.pad_x = 0.0
        self.pad_y = 0.0

    def metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.owner.font())

    def line_box(self) -> tuple[float, float]:
        """(line height, baseline offset from the line's top): the ink of a Hangul syllable and of this
        text, so lines without descenders or brackets are not padded for them."""
        metrics = self.metrics()
        rect = metrics.tightBoundingRect(_LINE_SAMPLE).united(metrics.tightBoundingRect(self.text or "한"))
        return rect.height() + 2, -rect.top() + 1

    def lines(self, width: float) -> list[str]:
        return wrap_lines(self.text, self.metrics(), max(1.0, width - 2 * self.pad_x))

    def height_for(self, width: float) -> int:
        return int(len(self.lines(width)) * self.line_box()[0] + 2 * self.pad_y + 0.999)

    def widest_word(self) -> float:
        m = self.metrics()
        return max((m.horizontalAdvance(w) for w in self.text.replace("\n", " ").split(" ")), default=0.0)

    def one_line_width(self) -> float:
        m = self.metrics()
        return max((m.horizontalAdvance(p) for p in self.text.split("\n")), default=0.0)

    def fits(self, width: float, height: float) -> bool:
        m = self.metrics()
        inner = width - 2 * self.pad_x
        lines = self.lines(width)
        return all(m.horizontalAdvance(line) <= inner + 0.5 for line in lines) and (
            len(lines) * self.line_box()[0] + 2 * self.pad_y <= height + 0.5
        )

    def paint(self, painter: QPainter, rect: QRectF, colour: QColor, centred: bool) -> None:
        painter.setFont(self.owner.font())
        painter.setPen(QPen(colour))
        m = self.metrics()
        line_h, baseline = self.line_box()
        lines = self.lines(rect.width())
        block = len(lines) * line_h
        y = rect.top() + max(self.pad_y, (rect.height() - block) / 2)
        for line in lines:
            advance = m.horizontalAdvance(line)
            x = rect.left() + ((rect.width() - advance) / 2 if centred else self.pad_x)
            painter.drawText(QPointF(x, y + baseline), line)
            y += line_h


class KioskText(QWidget):
    """A block of text in the kiosk's type; wraps to its width and grows in height."""

    def __init__(
        self,
        text: str = "",
        role: Role = Role.BODY,
        colours: Colours = SCREEN,
        centred: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.box = _TextBox(self, text, role)
        self.colours = colours
        self.centred = centred
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    @property
    def role(self) -> Role:
        return self.box.role

    def text(self) -> str:
        return self.box.text

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        self.box.text = text
        self.updateGeometry()
        self.update()

    def apply_theme(self, theme: Theme) -> None:
        self.setFont(theme.font(self.role))
        self.box.pad_x = theme.mm(1.0)
        self.box.pad_y = theme.mm(0.5)
        self.updateGeometry()

    def text_colours(self) -> tuple[QColor, QColor]:
        return QColor(self.colours.fg), QColor(self.colours.bg)

    def fits(self) -> bool:
        return self.box.fits(self.width(), self.height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.box.height_for(width)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = int(self.box.one_line_width() + 2 * self.box.pad_x + 1)
        return QSize(width, self.box.height_for(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = int(self.box.widest_word() + 2 * self.box.pad_x + 1)
        return QSize(width, int(self.box.line_box()[0] + 2 * self.box.pad_y))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), QColor(self.colours.bg))
        self.box.paint(painter, QRectF(self.rect()), QColor(self.colours.fg), self.centred)
        painter.end()


class KioskButton(QAbstractButton):
    """A big framed button: at least 15 mm each way, text wraps instead of being cut off."""

    def __init__(
        self,
        text: str,
        colours: Colours = PLAIN_BUTTON,
        role: Role = Role.BODY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.box = _TextBox(self, text, role)
        self.colours = colours
        self._min_px = 84
        self._border_px = 5
        self.setText(text)
        self.setFocusPolicy(
            Qt.FocusPolicy.NoFocus
        )  # a touch screen: no focus ring, Enter belongs to the scanner
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    @property
    def role(self) -> Role:
        return self.box.role

    def setText(self, text: str) -> None:  # noqa: N802
        self.box.text = text
        super().setText(text)
        self.updateGeometry()

    def apply_theme(self, theme: Theme) -> None:
        self.setFont(theme.font(self.role))
        em = QFontMetricsF(self.font()).height() / 1.45
        self._border_px = max(3, theme.mm(BORDER_MM))
        self.box.pad_x = self._border_px + PAD_EM * em
        self.box.pad_y = self._border_px + PAD_EM * em * 0.4
        self._min_px = theme.min_target_px
        self.updateGeometry()

    def current_colours(self) -> Colours:
        return PRESSED if self.isDown() else self.colours

    def text_colours(self) -> tuple[QColor, QColor]:
        colours = self.current_colours()
        return QColor(colours.fg), QColor(colours.bg)

    def fits(self) -> bool:
        return self.box.fits(self.width(), self.height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return max(self._min_px, self.box.height_for(width))

    def sizeHint(self) -> QSize:  # noqa: N802
        width = max(self._min_px, int(self.box.one_line_width() + 2 * self.box.pad_x + 1))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = max(self._min_px, int(self.box.widest_word() + 2 * self.box.pad_x + 1))
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        colours = self.current_colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        half = self._border_px / 2
        frame = QRectF(self.rect()).adjusted(half, half, -half, -half)
        painter.setPen(QPen(QColor(colours.border), self._border_px))
        painter.setBrush(QColor(colours.bg))
        painter.drawRoundedRect(frame, self._border_px * 2, self._border_px * 2)
        self.box.paint(painter, QRectF(self.rect()), QColor(colours.fg), centred=True)
        painter.end()
