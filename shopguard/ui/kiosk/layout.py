"""Placing kiosk widgets by hand: bars that shrink labels into more lines rather than off the screen,
and content cards that flow into rows and then into pages, so nothing is ever clipped. GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QWidget


@dataclass
class Card:
    widget: QWidget
    full: bool = True  # a full-width block; otherwise it flows beside other cards in a row


@dataclass
class Row:
    cards: list[Card]
    widths: list[int] = field(default_factory=list)
    height: int = 0

    @property
    def has_target(self) -> bool:
        return any(isinstance(c.widget, QAbstractButton) for c in self.cards)


def row_gap(above: Row, below: Row, gap: int, text_gap: int) -> int:
    """Touch targets keep the full spacing from everything; lines of text may sit closer."""
    return gap if above.has_target or below.has_target else text_gap


def fit_widths(widgets: list[QWidget], available: int, gap: int) -> list[int]:
    """Natural widths, shrinking the widest ones (down to their minimum) until the row fits."""
    widths = [w.sizeHint().width() for w in widgets]
    minimum = [w.minimumSizeHint().width() for w in widgets]
    budget = available - gap * max(0, len(widgets) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i, (w, m) in enumerate(zip(widths, minimum, strict=True)) if w > m]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        excess = sum(widths) - budget
        widths[widest] = max(minimum[widest], widths[widest] - max(1, excess // len(shrinkable)))
    return widths


def row_width(widgets: list[QWidget], gap: int) -> int:
    return sum(w.sizeHint().width() for w in widgets) + gap * max(0, len(widgets) - 1)


def bar_height(left: list[QWidget], right: list[QWidget], width: int, gap: int) -> int:
    everything = left + right
    if not everything:
        return 0
    widths = fit_widths(everything, width - (gap if left and right else 0), gap)
    return max(w.heightForWidth(wd) for w, wd in zip(everything, widths, strict=True))


def place_bar(left: list[QWidget], right: list[QWidget], x: int, y: int, width: int, gap: int) -> int:
    """Left group from the left edge, right group from the right edge, one shared height."""
    everything = left + right
    if not everything:
        return 0
    group_gap = gap if left and right else 0
    widths = fit_widths(everything, width - group_gap, gap)
    height = max(w.heightForWidth(wd) for w, wd in zip(everything, widths, strict=True))
    cursor = x
    for widget, wd in zip(left, widths[: len(left)], strict=True):
        widget.setGeometry(QRect(cursor, y, wd, height))
        cursor += wd + gap
    cursor = x + width
    for widget, wd in reversed(list(zip(right, widths[len(left) :], strict=True))):
        cursor -= wd
        widget.setGeometry(QRect(cursor, y, wd, height))
        cursor -= gap
    return height


def flow_rows(cards: list[Card], width: int, gap: int) -> list[Row]:
    rows: list[Row] = []
    current: Row | None = None
    used = 0
    for card in cards:
        natural = min(width, max(card.widget.sizeHint().width(), card.widget.minimumSizeHint().width()))
        if card.full:
            rows.append(Row([card], [width]))
            current = None
            continue
        if current is None or used + gap + natural > width:
            current = Row([card], [natural])
            rows.append(current)
            used = natural
        else:
            current.cards.append(card)
            current.widths.append(natural)
            used += gap + natural
    for row in rows:
        spare = width - sum(row.widths) - gap * (len(row.cards) - 1)
        share, rest = divmod(max(0, spare), len(row.cards))
        row.widths = [w + share + (1 if i < rest else 0) for i, w in enumerate(row.widths)]
        row.height = max(c.widget.heightForWidth(w) for c, w in zip(row.cards, row.widths, strict=True))
    return rows


def paginate(rows: list[Row], height: int, gap: int, text_gap: int) -> list[list[Row]]:
    """Rows grouped into pages that fit `height`; a page always takes at least one row."""
    pages: list[list[Row]] = [[]]
    used = 0
    for row in rows:
        needed = (
            row.height if not pages[-1] else used + row_gap(pages[-1][-1], row, gap, text_gap) + row.height
        )
        if pages[-1] and needed > height:
            pages.append([row])
            used = row.height
        else:
            pages[-1].append(row)
            used = needed
    return pages


def place_page(page: list[Row], rect: QRect, gap: int, text_gap: int) -> None:
    y = rect.top()
    for index, row in enumerate(page):
        if index:
            y += row_gap(page[index - 1], row, gap, text_gap)
        x = rect.left()
        for card, width in zip(row.cards, row.widths, strict=True):
            card.widget.setGeometry(QRect(x, y, width, row.height))
            card.widget.show()
            x += width + gap
        y += row.height
