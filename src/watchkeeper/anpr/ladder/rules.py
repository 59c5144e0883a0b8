"""The repeat-speeder ladder (pure): which step an offence is, and the driver's usual time of passing.

Seed 004 (Croydon): a first excessive-speed record -> a warning letter to the registered keeper; a
second within 6 months -> the police watch-list; a third -> officers at the site at the driver's
usual time of passing. Offences count only within the window since the previous one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

LETTER, WATCH, ATTEND = 1, 2, 3


def step(previous: list[datetime], at: datetime, window_days: int) -> int:
    """The ladder step of an offence at `at` given the vehicle's earlier offences: the chain of
    offences each within `window_days` of the one before, counted back from `at`, capped at 3."""
    chain = 1
    last = at
    for earlier in sorted((p for p in previous if p < at), reverse=True):
        if last - earlier > timedelta(days=window_days):
            break
        chain, last = chain + 1, earlier
    return min(chain, ATTEND)


@dataclass(frozen=True)
class Window:
    start_minute: int  # minute of the London day
    end_minute: int  # may be past 1440: the window crosses midnight
    passes: int
    histogram: list[int]  # passes per hour of the day


def usual_window(minutes_of_day: list[int], width: int = 60, step_minutes: int = 15) -> Window | None:
    """The `width`-minute window of the day (circular: it may cross midnight) holding the most of
    the vehicle's passes; ties go to the earliest start. None without passes."""
    if not minutes_of_day:
        return None
    histogram = [0] * 24
    for m in minutes_of_day:
        histogram[(m // 60) % 24] += 1
    best = None
    for start in range(0, 1440, step_minutes):
        count = sum(1 for m in minutes_of_day if (m - start) % 1440 < width)
        if best is None or count > best[1]:
            best = (start, count)
    start, count = best
    return Window(start, start + width, count, histogram)


def percentile_85(speeds: list[float]) -> float | None:
    """The 85th-percentile speed (linear interpolation between closest ranks, as numpy's default)."""
    if not speeds:
        return None
    ordered = sorted(speeds)
    rank = 0.85 * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
