"""The assignment solver finds the true minimum, checked against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from shopguard.vision.assignment import min_cost_assignment


def brute_force(cost: np.ndarray) -> float:
    n, m = cost.shape
    if n <= m:
        return min(sum(cost[i, p[i]] for i in range(n)) for p in itertools.permutations(range(m), n))
    return brute_force(cost.T)


@pytest.mark.parametrize("shape", [(1, 1), (2, 2), (3, 5), (5, 3), (4, 4), (6, 6), (2, 7), (7, 2)])
def test_matches_brute_force(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    for _ in range(20):
        cost = rng.random(shape)
        rows, cols = min_cost_assignment(cost)
        assert len(rows) == min(shape)
        assert len(set(rows)) == len(rows) and len(set(cols)) == len(cols)
        assert cost[rows, cols].sum() == pytest.approx(brute_force(cost))


def test_ties_and_empty() -> None:
    rows, cols = min_cost_assignment(np.ones((3, 3)))
    assert sorted(rows) == [0, 1, 2] and sorted(cols) == [0, 1, 2]
    rows, cols = min_cost_assignment(np.zeros((0, 4)))
    assert rows.size == 0 and cols.size == 0


def test_obvious_pairing() -> None:
    cost = 1 - np.array([[0.9, 0.1, 0.0], [0.2, 0.0, 0.8]])  # 1 - IoU
    rows, cols = min_cost_assignment(cost)
    assert list(zip(rows, cols, strict=True)) == [(0, 0), (1, 2)]
