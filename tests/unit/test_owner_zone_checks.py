"""Zone editor shape checks: the owner is told about crossed, tiny and short shapes."""

from __future__ import annotations

from shopguard.services.zone_checks import (
    ShapeProblem,
    check_area,
    check_line,
    polygon_area,
    self_intersects,
)

SQUARE = [(0.1, 0.1), (0.5, 0.1), (0.5, 0.5), (0.1, 0.5)]


def test_a_plain_square_is_accepted_and_its_area_is_right() -> None:
    assert check_area(SQUARE) is None
    assert abs(polygon_area(SQUARE) - 0.16) < 1e-9


def test_a_bow_tie_is_self_intersecting() -> None:
    bow_tie = [(0.1, 0.1), (0.5, 0.5), (0.5, 0.1), (0.1, 0.5)]
    assert self_intersects(bow_tie)
    assert check_area(bow_tie) is ShapeProblem.SELF_INTERSECTING


def test_a_concave_polygon_is_not_self_intersecting() -> None:
    arrow = [(0.1, 0.1), (0.5, 0.3), (0.1, 0.5), (0.25, 0.3)]
    assert not self_intersects(arrow)
    assert check_area(arrow) is None


def test_a_polygon_that_touches_itself_is_rejected() -> None:
    # the fifth corner lands on the first edge
    touching = [(0.1, 0.1), (0.5, 0.1), (0.5, 0.5), (0.3, 0.5), (0.3, 0.1)]
    assert check_area(touching) is ShapeProblem.SELF_INTERSECTING


def test_tiny_and_degenerate_areas_are_rejected() -> None:
    tiny = [(0.5, 0.5), (0.52, 0.5), (0.52, 0.52), (0.5, 0.52)]
    assert check_area(tiny) is ShapeProblem.TINY
    assert check_area([(0.1, 0.1), (0.2, 0.2)]) is ShapeProblem.TOO_FEW_POINTS
    flat = [(0.1, 0.1), (0.5, 0.1), (0.9, 0.1)]
    assert check_area(flat) is not None


def test_lines_must_be_long_enough() -> None:
    assert check_line([(0.1, 0.5), (0.9, 0.5)]) is None
    assert check_line([(0.5, 0.5), (0.51, 0.5)]) is ShapeProblem.LINE_TOO_SHORT
    assert check_line([(0.5, 0.5)]) is ShapeProblem.TOO_FEW_POINTS
