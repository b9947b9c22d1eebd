"""Small statistics for timings: median and 95th percentile in milliseconds."""

from __future__ import annotations

import numpy as np


def summarise_ms(values: list[float]) -> dict[str, float | int]:
    if not values:
        return {"median_ms": 0.0, "p95_ms": 0.0, "runs": 0}
    arr = np.asarray(values, dtype=np.float64)
    return {
        "median_ms": round(float(np.median(arr)), 3),
        "p95_ms": round(float(np.percentile(arr, 95)), 3),
        "runs": len(values),
    }
