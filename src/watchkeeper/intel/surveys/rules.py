"""Pure decisions about survey answers (no database, no I/O): positive answers and Wilson intervals."""

from __future__ import annotations

import math


def wilson(positive: int, n: int, z: float = 1.959963984540054) -> tuple[float, float, float] | None:
    """Share and Wilson score 95% interval; None for no answers."""
    if n <= 0:
        return None
    p = positive / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return p, max(0.0, centre - half), min(1.0, centre + half)


def survey_answer(text: str) -> tuple[str, bool] | None:
    """Normalised answer and whether it is positive (yes, or 4-5 of 5); None if not yes/no or 1-5."""
    value = (text or "").strip().lower()
    if value in {"yes", "y"}:
        return "yes", True
    if value in {"no", "n"}:
        return "no", False
    if value in {"1", "2", "3", "4", "5"}:
        return value, int(value) >= 4
    return None
