"""The incident list's filters, sort and period as pure rules (no database)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pydantic import Field

from watchkeeper.control.rules import normalise_phone
from watchkeeper.core.input import StrictSchema

PAGE_SIZE = 50
# Sort keys offered -> the ordering they mean (always ending in a unique key, so pages are stable).
SORTS = {
    "newest": ("-received_at", "-pk"),
    "oldest": ("received_at", "pk"),
    "grade": ("grade__rank", "received_at", "pk"),
    "reference": ("reference", "pk"),
    "category": ("category__label", "-received_at", "-pk"),
}
PERIODS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30), "all": None}
STATUSES = ("open", "closed", "cancelled", "all")
PHONE_DIGITS = 6  # a search with at least this many digits and nothing else is a phone search


class QueueQuery(StrictSchema):
    """The incident list's query string, validated like an API body."""

    status: str = Field("open", max_length=10)
    grade: str = Field("", max_length=8)
    category: str = Field("", max_length=40)
    ward: int | None = Field(None, ge=1, le=2**31)
    period: str = Field("all", max_length=4)
    q: str = Field("", max_length=100)
    sort: str = Field("newest", max_length=12)
    page: int = Field(1, ge=1, le=100000)


def cleaned(query: QueueQuery) -> QueueQuery:
    """Unknown choices fall back to the defaults (a stale bookmark still opens the list)."""
    return query.model_copy(
        update={
            "status": query.status if query.status in STATUSES else "open",
            "period": query.period if query.period in PERIODS else "all",
            "sort": query.sort if query.sort in SORTS else "newest",
            "q": query.q.strip(),
        }
    )


def period_start(period: str, now: datetime) -> datetime | None:
    span = PERIODS.get(period)
    return None if span is None else now - span


def phone_digits(text: str) -> str | None:
    """The digits of a search that is a phone number (digits, spaces, +, -, brackets only), else None."""
    if not re.fullmatch(r"[\d\s+()\-]+", text or ""):
        return None
    digits = normalise_phone(text)
    return digits if len(digits) >= PHONE_DIGITS else None


class SavedViewIn(StrictSchema):
    """Save the list's current query string under a name, or delete a saved view by id."""

    name: str = Field("", max_length=60)
    query: str = Field("", max_length=500)
    delete: int | None = Field(None, ge=1, le=2**31)
