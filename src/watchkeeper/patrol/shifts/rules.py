"""Shift times (pure). The service runs 16:00-03:00 London time, so a shift crosses midnight and,
twice a year, a clock change: the shift is an hour shorter on the last Saturday night of March and
an hour longer on the last Saturday night of October. Times are stored in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def local(day: date, at: time, tz=LONDON) -> datetime:
    """A wall-clock time on `day` as an aware datetime. zoneinfo's fold=0 reads a time the clocks
    skip (01:30 on the spring change) with the offset before the change, i.e. 02:30 BST, and a time
    that happens twice (01:30 in autumn) as the first one, which is what a rota means."""
    return datetime.combine(day, at, tzinfo=tz)


def window(service_date: date, start: time, end: time, tz=LONDON) -> tuple[datetime, datetime]:
    """The shift starting on `service_date` as (start, end) in UTC; an end at or before the start
    is on the next day."""
    end_day = service_date + timedelta(days=1) if end <= start else service_date
    return local(service_date, start, tz).astimezone(UTC), local(end_day, end, tz).astimezone(UTC)


def service_date_of(at: datetime, start: time, end: time, tz=LONDON) -> date | None:
    """The service night an instant belongs to (a 01:00 position belongs to the previous day's
    shift), or None when it is outside the service window."""
    day = at.astimezone(tz).date()
    for candidate in (day, day - timedelta(days=1)):
        begins, ends = window(candidate, start, end, tz)
        if begins <= at < ends:
            return candidate
    return None
