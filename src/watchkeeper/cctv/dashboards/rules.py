"""Small-number suppression for partner dashboards: a count from 1 to 4 could identify someone,
so it is shown as "<5" (0 stays 0: nothing to identify)."""

from __future__ import annotations

THRESHOLD = 5


def suppressed(count: int) -> str:
    return "<5" if 0 < count < THRESHOLD else str(count)


def table(counts: dict) -> list[tuple[str, str]]:
    return [(str(k), suppressed(v)) for k, v in counts.items()]
