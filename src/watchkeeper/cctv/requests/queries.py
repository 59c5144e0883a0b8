"""Read-only lookups for requests: the list with each subject-access clock, one request's record."""

from __future__ import annotations

from django.utils import timezone

from watchkeeper.cctv.limits import limits_on
from watchkeeper.cctv.requests import rules
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.core.access import visible


def clock_of(request: ViewingRequest) -> rules.Clock:
    limits = limits_on(request.received_on)
    stops = [rules.Stop(s.reason, s.stopped_on, s.resumed_on) for s in request.stops.all()]
    return rules.clock(request.received_on, limits.sar_months, limits.sar_extension_months, request.complex, stops)


def replied_on(request: ViewingRequest):
    """The day the request was answered: refused, or disclosed (its first release)."""
    if request.status == ViewingRequest.Status.REFUSED and request.decided_at:
        return timezone.localdate(request.decided_at)
    first = request.releases.order_by("released_at").first() if request.pk else None
    return timezone.localdate(first.released_at) if first else None


def listing(user, limit: int = 500) -> list[dict]:
    today = timezone.localdate()
    rows = []
    for r in visible(ViewingRequest, user).prefetch_related("stops", "cameras", "releases")[:limit]:
        clock = clock_of(r) if r.kind == ViewingRequest.Kind.SUBJECT else None
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
