"""Read-only lookups for requests: the list with each subject-access clock, one request's record."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from watchkeeper.cctv.limits import bank_holidays, limits_on
from watchkeeper.cctv.requests import rules
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.core.access import visible

# Far enough past receipt for the longest clock (three months) and a long clarification stop.
HOLIDAY_HORIZON = timedelta(days=800)


def clock_of(request: ViewingRequest, holidays: frozenset | None = None) -> rules.Clock:
    limits = limits_on(request.received_on)
    stops = [rules.Stop(s.reason, s.stopped_on, s.resumed_on) for s in request.stops.all()]
    if holidays is None:
        holidays = bank_holidays(request.received_on, request.received_on + HOLIDAY_HORIZON)
    return rules.clock(
        request.received_on, limits.sar_months, limits.sar_extension_months, request.complex, stops, holidays
    )


def replied_on(request: ViewingRequest):
    """The day the request was answered: refused, or disclosed (its first release)."""
    if request.status == ViewingRequest.Status.REFUSED and request.decided_at:
        return timezone.localdate(request.decided_at)
    first = request.releases.order_by("released_at").first() if request.pk else None
    return timezone.localdate(first.released_at) if first else None


def listing(user, limit: int = 500) -> list[dict]:
    today = timezone.localdate()
    rows = []
    found = list(visible(ViewingRequest, user).prefetch_related("stops", "cameras", "releases")[:limit])
    received = [r.received_on for r in found]
    holidays = bank_holidays(min(received), max(received) + HOLIDAY_HORIZON) if found else frozenset()
    for r in found:
        clock = clock_of(r, holidays) if r.kind == ViewingRequest.Kind.SUBJECT else None
        answered = replied_on(r)
        overdue = bool(clock and clock.due and not answered and today > clock.due)
        rows.append(
            {
                "request": r,
                "clock": clock,
                "replied_on": answered,
                "overdue": overdue,
                "on_time": rules.on_time(clock.due, answered) if clock else None,
            }
        )
    return rows
