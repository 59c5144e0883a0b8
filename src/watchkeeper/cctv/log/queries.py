"""Read-only lookups for the operator log and the handover summary."""

from __future__ import annotations

from django.utils import timezone

from watchkeeper.cctv.cameras.models import Fault
from watchkeeper.cctv.log import rules
from watchkeeper.cctv.log.models import LogEntry
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.core.access import visible


def entries(user, limit: int = 200):
    return (
        visible(LogEntry, user)
        .select_related("operator", "incident", "district")
        .prefetch_related("cameras", "notices")[:limit]
    )


def agreements(user, partnership=None):
    """The sharing agreements personal data may go out under today (the user's partnerships' own,
    in force, allowing personal data): the ones a disclosure from the control room can rely on. An
    agreement for aggregate partner data is the analysts' business and is not offered here."""
    from django.db.models import Q

    from watchkeeper.sharing.models import SharingAgreement

    today = timezone.localdate()
    found = (
        visible(SharingAgreement, user)
        .filter(personal_data_allowed=True, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by("reference")
    )
    return found.filter(partnership=partnership) if partnership is not None else found


def handover(user, hours: int = 12) -> dict:
    start, end = rules.shift_window(timezone.now(), hours)
    shift = visible(LogEntry, user).filter(occurred_at__gte=start, occurred_at__lte=end).prefetch_related("notices")
    rows = [
        {
            "kind": e.kind,
            "police_told": any(n.is_police for n in e.notices.all()),
            "awaiting_response": any(n.responded_at is None for n in e.notices.all()),
        }
        for e in shift
    ]
    summary = rules.handover(
        rows,
        visible(Fault, user).exclude(status=Fault.Status.FIXED).count(),
        visible(ViewingRequest, user).filter(status=ViewingRequest.Status.RECEIVED).count(),
    )
    summary.update(start=start, end=end, shift_entries=list(shift))
    return summary
