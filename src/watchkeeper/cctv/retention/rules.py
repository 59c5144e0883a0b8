"""Retention, pure: which recorded days are past retention, and which of them a hold keeps."""

from __future__ import annotations

from datetime import date, timedelta


def cutoff(today: date, retention_days: int) -> date:
    """Days recorded before this day are past retention (31 days kept: today and the 30 before)."""
    return today - timedelta(days=retention_days - 1)


def held(day: date, holds: list[tuple[date, date, date]], today: date) -> bool:
    """Whether a live hold (first day, last day, expires on) covers `day`."""
    return any(first <= day <= last and expires >= today for first, last, expires in holds)


def actual_days(today: date, oldest_kept: date | None) -> int:
    return (today - oldest_kept).days + 1 if oldest_kept else 0
