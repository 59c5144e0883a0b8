"""Read-side helpers for intake and the pages: address and phone history, likely duplicates,
persistent misuse callers, and caller details (every read of them is audited)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count
from django.utils import timezone

from watchkeeper.control import rules
from watchkeeper.control.models import ClosingCode, ControlSettings, Incident, reference_data  # noqa: F401 (views use queries.ControlSettings)
from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Person

HISTORY_LIMIT = 10


def _near(qs, easting: float, northing: float, radius: float):
    return qs.filter(
        easting__gte=easting - radius,
        easting__lte=easting + radius,
        northing__gte=northing - radius,
        northing__lte=northing + radius,
    )


def likely_duplicates(user, incident_like: dict, exclude_id: int | None = None) -> list[dict]:
    """Open incidents the user may see near this call, same category group, inside the window
    (ControlSettings), as rows for the call handler to confirm (rules.likely_duplicates)."""
    settings = reference_data().settings
    window = timedelta(minutes=settings.duplicate_window_minutes)
    received = incident_like.get("received_at") or timezone.now()
    group = incident_like["group"]
    qs = _near(
        Incident.objects.visible_to(user).filter(
            status=Incident.Status.OPEN,
            master__isnull=True,
            received_at__gte=received - window,
            received_at__lte=received + window,
            category__group=group,
        ),
        incident_like["easting"],
        incident_like["northing"],
        settings.duplicate_radius_m,
    ).select_related("category", "grade")[:200]
    by_id = {i.pk: i for i in qs}
    new = rules.OpenCall(exclude_id or 0, incident_like["easting"], incident_like["northing"], received, group)
    found = rules.likely_duplicates(
        new,
        [rules.OpenCall(i.pk, i.easting, i.northing, i.received_at, group) for i in by_id.values()],
        settings.duplicate_radius_m,
        window,
    )
    return [{"incident": by_id[pk], "metres": metres} for pk, metres in found]


def address_history(user, easting: float, northing: float, radius: float = 50.0, exclude_id=None):
    qs = _near(Incident.objects.visible_to(user), easting, northing, radius).select_related("category", "grade")
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return list(qs[:HISTORY_LIMIT])


def phone_history(user, phone: str, exclude_id=None):
    phone = rules.normalise_phone(phone)
    if not phone:
        return []
    qs = Incident.objects.visible_to(user).filter(caller_phone=phone).select_related("category", "closing_code")
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return list(qs[:HISTORY_LIMIT])


def misuse_count(user, phone: str) -> int:
    phone = rules.normalise_phone(phone)
    if not phone:
        return 0
    return Incident.objects.visible_to(user).filter(caller_phone=phone, closing_code__code=ClosingCode.MISUSE).count()


def misuse_callers(actor: Actor) -> list[dict]:
    """Phones with at least the threshold of calls closed as 999 misuse, most first. Phone numbers
    are personal data: listing them is a read, audited."""
    threshold = reference_data().settings.misuse_threshold
    rows = (
        Incident.objects.visible_to(actor.user)
        .filter(closing_code__code=ClosingCode.MISUSE)
        .exclude(caller_phone="")
        .values("caller_phone")
        .annotate(calls=Count("pk"))
        .filter(calls__gte=max(threshold, 1))
        .order_by("-calls", "caller_phone")
    )
    found = [{"phone": r["caller_phone"], "calls": r["calls"]} for r in rows[:500]]
    if found:
        audit.record_read(
            actor,
            ("control.incident", "caller_phone"),
            ["caller_phone"],
            summary=f"Persistent misuse callers: {len(found)} phone numbers",
        )
    return found


def caller_for_phone(actor: Actor, partnership_id: int, phone: str) -> Person | None:
    """The caller Person this phone matches (visible to the user), read with an audit entry."""
    phone = rules.normalise_phone(phone)
    if not phone:
        return None
    person = (
        Person.objects.visible_to(actor.user)
        .filter(partnership_id=partnership_id, phone=phone, merged_into__isnull=True)
        .order_by("pk")
        .first()
    )
    if person is not None:
        audit.record_read(
            actor, person, ["given_name", "family_name", "phone", "risk_markers"], summary="Caller history at intake"
        )
    return person


def caller_details(actor: Actor, incident: Incident) -> dict | None:
    """Caller name, phone and address for an incident, if the viewer may see that person; audited."""
    if not incident.caller_id:
        return None
    person = Person.objects.visible_to(actor.user).filter(pk=incident.caller_id).first()
    if person is None:
        return {"restricted": True}
    audit.record_read(
        actor,
        person,
        ["given_name", "family_name", "phone", "address", "risk_markers"],
        summary=f"Caller of incident {incident.reference}",
    )
    return {
        "restricted": False,
        "person_id": person.pk,
        "name": str(person),
        "phone": incident.caller_phone or person.phone,
        "address": person.address,
        "risk_markers": list(person.risk_markers or []),
    }


def category_group(code: str) -> str | None:
    category = reference_data().categories.get(code)
    return category.group if category else None


def parse_when(value: str | None) -> datetime | None:
    from django.utils.dateparse import parse_date, parse_datetime

    if not value:
        return None
    found = parse_datetime(value)
    if found is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(f"'{value}' is not a date (YYYY-MM-DD) or date and time.")
        found = datetime(day.year, day.month, day.day)
    return timezone.make_aware(found) if timezone.is_naive(found) else found
