"""IOM measures, pure: harm in a fixed baseline window before joining against the same length of
time since, and reoffending as any linked offence after joining."""

from __future__ import annotations

from datetime import date, timedelta


def windows(joined_on: date, today: date, baseline_days: int) -> tuple[tuple[date, date], tuple[date, date]]:
    """The baseline (the `baseline_days` before joining) and the period since joining, capped at
    the same length so the two compare like with like."""
    since_end = min(today, joined_on + timedelta(days=baseline_days))
    return (joined_on - timedelta(days=baseline_days), joined_on), (joined_on, since_end)


def harm_change(before: float, after: float) -> float | None:
    """Percentage change in harm against the baseline (None when the baseline is zero)."""
    return None if before == 0 else round(100 * (after - before) / before, 1)


def weight(weights: dict, kind: str, category: str) -> float:
    """The harm weight of one linked record: its category's, else the kind's default (1 if none)."""
    table = weights.get(kind, {})
    return float(table.get(category, table.get("default", 1)))


def harm(records: list[tuple[str, str]], weights: dict) -> float:
    """Weighted harm of (kind, category) records, kind "crime" or "incident"."""
    return sum(weight(weights, kind, category) for kind, category in records)
