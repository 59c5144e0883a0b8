"""ASB reads: repeat complaints across agencies and control-room incidents."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

from watchkeeper.cases.asb.models import Complaint
from watchkeeper.cases.rules.lookup import rule


def repeats(user, person_id: int | None = None, place_id: int | None = None, on: date | None = None) -> dict:
    """Reports about the same person or place within the repeat window, from every agency's
    complaints the user may see and the control room's incidents (an incident that a complaint
    already links is counted once)."""
    from django.utils import timezone

    from watchkeeper.control.models import Incident

    on = on or timezone.localdate()
    since = on - timedelta(days=rule("asb-repeat-window-days", on))
    where = Q()
    if person_id:
        where |= Q(complainant_id=person_id)
    if place_id:
        where |= Q(place_id=place_id)
    if not where:
        return {"complaints": 0, "incidents": 0, "agencies": [], "repeat": False}
    complaints = Complaint.objects.visible_to(user).filter(where, received_on__gte=since, received_on__lte=on)
    linked = set(complaints.exclude(incident=None).values_list("incident_id", flat=True))
    incidents = 0
    if person_id:
        incidents = (
            Incident.objects.visible_to(user)
            .filter(caller_id=person_id, received_at__date__gte=since, received_at__date__lte=on)
            .exclude(pk__in=linked)
            .count()
        )
    count = complaints.count()
    agencies = sorted(set(complaints.values_list("agency__name", flat=True)))
    return {
        "complaints": count,
        "incidents": incidents,
        "agencies": agencies,
        "repeat": count + incidents >= rule("asb-repeat-reports", on),
    }
