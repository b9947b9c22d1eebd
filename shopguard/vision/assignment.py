"""Minimum-cost assignment (the Hungarian method with potentials, O(n²m)) for the tracker's small
cost matrices: a few dozen tracks × detections. Written here so the app needs no SciPy (62 MB)."""

from __future__ import annotations

import numpy as np


def min_cost_assignment(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of a minimum-cost matching that pairs every row (or every column, when
    there are fewer columns), like scipy.optimize.linear_sum_assignment."""
    cost = np.asarray(cost, dtype=np.float64)
    if cost.ndim != 2:
        raise ValueError("cost must be a 2-D matrix")
    if cost.size == 0:
        return np.empty(0, dtype=int), np.empty(0, dtype=int)
    transposed = cost.shape[0] > cost.shape[1]
    if transposed:
        cost = cost.T
    n, m = cost.shape
    # 1-based arrays with a virtual column 0, as in the classic potentials formulation.
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    match_of_col = np.zeros(m + 1, dtype=int)  # row matched to each column (0 = none)
    way = np.zeros(m + 1, dtype=int)
    for row in range(1, n + 1):
        match_of_col[0] = row
        col0 = 0
        min_slack = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[col0] = True
            row0 = match_of_col[col0]
            free = ~used[1:]
            slack = cost[row0 - 1] - u[row0] - v[1:]
            better = free & (slack < min_slack[1:])
            min_slack[1:][better] = slack[better]
            way[1:][better] = col0
            candidates = np.where(free, min_slack[1:], np.inf)
            col1 = int(np.argmin(candidates)) + 1
            delta = candidates[col1 - 1]
            used_cols = np.flatnonzero(used)
            u[match_of_col[used_cols]] += delta
            v[used_cols] -= delta
            min_slack[1:][free] -= delta
            col0 = col1
            if match_of_col[col0] == 0:
                break
        while col0:  # flip the augmenting path
            col1 = way[col0]
            match_of_col[col0] = match_of_col[col1]
            col0 = col1
    cols = np.flatnonzero(match_of_col[1:]) + 1
    rows = match_of_col[cols] - 1
    cols = cols - 1
    if transposed:
        rows, cols = cols, rows
    order = np.argsort(rows)
    return rows[order], cols[order]
