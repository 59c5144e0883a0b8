"""Pure rules for the estate: availability from fault downtime, overlaps, response targets."""

from __future__ import annotations

from datetime import datetime, timedelta

Interval = tuple[datetime, datetime]


def merged(intervals: list[Interval]) -> list[Interval]:
    """Overlapping or touching intervals joined, in order (two faults at once are one outage)."""
    out: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def downtime(intervals: list[Interval], window: Interval) -> timedelta:
    """Time inside `window` covered by any of `intervals`."""
    lo, hi = window
    total = timedelta(0)
    for start, end in merged(intervals):
        start, end = max(start, lo), min(end, hi)
        if end > start:
            total += end - start
    return total


def availability(intervals: list[Interval], window: Interval) -> float:
    """Share of `window` (0..1) with no outage."""
    span = window[1] - window[0]
    if span <= timedelta(0):
        raise ValueError("The window must have a positive length.")
    return 1 - downtime(intervals, window) / span


def overlaps(a: Interval, b: Interval) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def response_due(reported_at: datetime, target_hours: int) -> datetime:
    return reported_at + timedelta(hours=target_hours)


def response_late(
    reported_at: datetime, notified_at: datetime | None, fixed_at: datetime | None, target_hours: int, now: datetime
) -> bool:
    """Late when the maintainer has not fixed it by the target (a notification is not a response)."""
    due = response_due(reported_at, target_hours)
    return (fixed_at or now) > due
