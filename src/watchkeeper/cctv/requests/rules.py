"""The subject-access clock, pure (no database): calendar-month arithmetic as the ICO describes it
and the Data (Use and Access) Act 2025's Article 12A. The numbers (one month, two more for a
complex request) come from the Limits row in force, passed in.

- The period runs from the day the request is received to the corresponding calendar date in the
  month(s) after; where that date does not exist (31 January + 1 month) it is the last day of that
  month. A due date on a Saturday, Sunday or bank holiday moves to the next working day (the ICO's
  guidance); the bank holidays are rule data (cctv.limits.BankHoliday), passed in.
- Awaiting proof of identity or a fee: the period begins on the day it arrives (Art. 12A(3)).
- Awaiting clarification: the clock stops while it is awaited and restarts where it was (Art.
  12A(4)-(5)), so each day stopped moves the due date one day later.
- While any wait is open the clock is stopped and there is no due date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

STARTS_ON_ARRIVAL = {"identity", "fee"}


def add_months(day: date, months: int) -> date:
    """The corresponding calendar date `months` later, or that month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_working_day(day: date, holidays: frozenset[date] = frozenset()) -> date:
    """`day` itself if it is a working day, else the first working day after it."""
    while day.weekday() >= 5 or day in holidays:
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Stop:
    reason: str  # identity, fee or clarification
    stopped_on: date
    resumed_on: date | None


@dataclass(frozen=True)
class Clock:
    due: date | None  # None while the clock is stopped
    starts: date
    stopped_days: int
    stopped: bool


def clock(
    received: date,
    months: int,
    extension_months: int,
    complex_: bool,
    stops: list[Stop],
    holidays: frozenset[date] = frozenset(),
) -> Clock:
    """When a subject-access reply is due; `holidays` are the bank holidays the due date may fall on."""
    if any(s.resumed_on is not None and s.resumed_on < s.stopped_on for s in stops):
        raise ValueError("A clock cannot restart before it stopped.")
    starts = received
    for s in stops:
        if s.reason in STARTS_ON_ARRIVAL and s.resumed_on is not None:
            starts = max(starts, s.resumed_on)
    paused = sorted((s.stopped_on, s.resumed_on) for s in stops if s.reason not in STARTS_ON_ARRIVAL and s.resumed_on)
    days, reach = 0, None
    for lo, hi in paused:  # overlapping stops count once
        lo = max(lo, starts, reach or lo)
        if hi > lo:
            days += (hi - lo).days
            reach = hi
    open_wait = any(s.resumed_on is None for s in stops)
    if open_wait:
        return Clock(None, starts, days, True)
    total = months + (extension_months if complex_ else 0)
    due = next_working_day(add_months(starts, total) + timedelta(days=days), holidays)
    return Clock(due, starts, days, False)


def on_time(due: date | None, replied_on: date | None) -> bool | None:
    """Whether a reply was (or can still be) on time; None while the clock is stopped."""
    if due is None:
        return None
    return replied_on is not None and replied_on <= due


def within_retention(end, now, retention_days: int) -> bool:
    """Whether footage ending at `end` can still be on the recorder (not yet overwritten)."""
    return end >= now - timedelta(days=retention_days)
