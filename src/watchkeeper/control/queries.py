"""Read-side helpers for intake and the pages: address and phone history, likely duplicates,
persistent misuse callers, and caller details (every read of them is audited).

A caller is personal data: their name, phone, address, markers and call history go only to users
allowed `person.view` on that caller (role, token scope and the person's restriction). A phone that
belongs to a caller the user may not see is withheld everywhere (history, misuse lists), so a
restricted caller cannot be found by their number."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from watchkeeper.control import rules
from watchkeeper.control.models import (  # noqa: F401 (views use queries.ControlSettings)
    Assignment,
    ClosingCode,
    ControlSettings,
    Incident,
    Unit,
    reference_data,
)
from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Person
from watchkeeper.core.prepared import ForViewer

HISTORY_LIMIT = 10


def _near(qs, easting: float, northing: float, radius: float):
    return qs.filter(
        easting__gte=easting - radius,
        easting__lte=easting + radius,
        northing__gte=northing - radius,
        northing__lte=northing + radius,
    )


def _open_near(slot, user):
    """Open, unlinked calls the user may see inside a box and a time window, of one category group:
    positions only (a busy night has many open calls nearby, and building each as a model was most
    of the cost of every intake)."""
    qs = Incident.objects.visible_to(user).filter(
        status=Incident.Status.OPEN,
        master__isnull=True,
        received_at__gte=slot("since"),
        received_at__lte=slot("until"),
        category__group=slot("group"),
        easting__gte=slot("west"),
        easting__lte=slot("east"),
        northing__gte=slot("south"),
        northing__lte=slot("north"),
    )
    return qs.values_list("pk", "easting", "northing", "received_at", "reference")[:200]


# On every call recorded: compiled once per viewer (core/prepared.py).
_OPEN_NEAR = ForViewer(Incident, _open_near)


def _duplicate_matches(user, incident_like: dict, exclude_id: int | None = None) -> tuple[list, dict[int, str]]:
    """Open incidents the user may see near this call, same category group, inside the window
    (ControlSettings): [(id, metres)] nearest first (rules.likely_duplicates), and the references of
    the candidates by id."""
    settings = reference_data().settings
    window = timedelta(minutes=settings.duplicate_window_minutes)
    received = incident_like.get("received_at") or timezone.now()
    group = incident_like["group"]
    easting, northing, radius = incident_like["easting"], incident_like["northing"], settings.duplicate_radius_m
    candidates = _OPEN_NEAR.rows(
        user,
        since=received - window,
        until=received + window,
        group=group,
        west=float(easting - radius),
        east=float(easting + radius),
        south=float(northing - radius),
        north=float(northing + radius),
    )
    new = rules.OpenCall(exclude_id or 0, easting, northing, received, group)
    found = rules.likely_duplicates(
        new,
        [rules.OpenCall(pk, east, north, at, group) for pk, east, north, at, _ in candidates],
        radius,
        window,
    )
    return found, {row[0]: row[4] for row in candidates}


def likely_duplicates(user, incident_like: dict, exclude_id: int | None = None) -> list[dict]:
    """The matches as rows for the call handler to confirm: {"incident", "metres"}."""
    found, _ = _duplicate_matches(user, incident_like, exclude_id)
    if not found:
        return []
    by_id = Incident.objects.select_related("category", "grade").in_bulk([pk for pk, _ in found])
    return [{"incident": by_id[pk], "metres": metres} for pk, metres in found]


def likely_duplicate_references(user, incident_like: dict, exclude_id: int | None = None) -> list[dict]:
    """The matches as the API names them: {"id", "reference", "metres"} (no whole incidents)."""
    found, references = _duplicate_matches(user, incident_like, exclude_id)
    return [{"id": pk, "reference": references[pk], "metres": metres} for pk, metres in found]


def address_history(user, easting: float, northing: float, radius: float = 50.0, exclude_id=None):
    qs = _near(Incident.objects.visible_to(user), easting, northing, radius).select_related("category", "grade")
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return list(qs[:HISTORY_LIMIT])


def with_visible_callers(qs, user):
    """Incidents whose caller the user may see: no caller record or a visible one, and a phone that
    is not a hidden person's number."""
    from watchkeeper.core.models import Person

    people = Person.objects.visible_to(user).values("pk")
    hidden_phones = Person.objects.exclude(pk__in=people).exclude(phone="").values("phone")
    return qs.filter(Q(caller__isnull=True) | Q(caller__in=people)).exclude(caller_phone__in=hidden_phones)


def phone_history(user, phone: str, exclude_id=None):
    phone = rules.normalise_phone(phone)
    if not phone or not allowed(user, "person.view"):
        return []
    qs = with_visible_callers(Incident.objects.visible_to(user), user)
    qs = qs.filter(caller_phone=phone).select_related("category", "closing_code")
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return list(qs[:HISTORY_LIMIT])


def misuse_count(user, phone: str) -> int:
    phone = rules.normalise_phone(phone)
    if not phone or not allowed(user, "person.view"):
        return 0
    qs = with_visible_callers(Incident.objects.visible_to(user), user)
    return qs.filter(caller_phone=phone, closing_code__code=ClosingCode.MISUSE).count()


def misuse_callers(actor: Actor) -> list[dict]:
    """Phones with at least the threshold of calls closed as 999 misuse, most first. Phone numbers
    are personal data: listing them is a read, audited."""
    if not allowed(actor.user, "person.view"):
        return []
    threshold = reference_data().settings.misuse_threshold
    rows = (
        with_visible_callers(Incident.objects.visible_to(actor.user), actor.user)
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


SHOWN, REASON, DENIED = "shown", "reason", "denied"


def unit_assigned(user, incident: Incident) -> bool:
    """Whether the user's own unit (or their CCTV room's unit) was sent to this incident."""
    mine = Q(unit__officer_id=user.pk)
    if user.agency_id:
        mine |= Q(unit__agency_id=user.agency_id, unit__kind=Unit.Kind.CCTV)
    return Assignment.objects.filter(mine, incident=incident).exists()


def caller_access(actor: Actor, incident: Incident, person) -> str:
    """SHOWN, REASON (shown once the user states why, audited) or DENIED: person.view on the caller
    (role, token scope, restriction); then either the incident.caller action, or the user's unit on
    the incident, or a stated reason; and a reason from roles that must always give one."""
    user = actor.user
    if person is None or not allowed(user, "person.view", person):
        return DENIED
    if actor.reason:
        return SHOWN
    if not allowed(user, "person.view.routine"):
        return REASON
    if allowed(user, "incident.caller") or unit_assigned(user, incident):
        return SHOWN
    return REASON


def caller_details(actor: Actor, incident: Incident) -> dict | None:
    """Caller name, phone and address for an incident, if the viewer may see them (caller_access);
    every read is audited, with the reason when one was needed."""
    if not incident.caller_id:
        return None
    person = Person.objects.filter(pk=incident.caller_id).first()
    access = caller_access(actor, incident, person)
    if access != SHOWN:
        return {"restricted": True, "reason_required": access == REASON}
    audit.record_read(  # the actor's stated reason, if any, goes in the entry
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
