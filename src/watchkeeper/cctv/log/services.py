"""The operator log: record an entry, note an agency told, and the one action that raises (or
links) a control-room incident through the control app's intake service when the police are told."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.log.models import AgencyNotice, LogEntry
from watchkeeper.cctv.scope import aware, placed
from watchkeeper.control.models import Incident, IncidentCategory
from watchkeeper.control.services import create_incident
from watchkeeper.core import audit
from watchkeeper.core.access import require, visible_get
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid, NotFound
from watchkeeper.core.input import timestamp_problem
from watchkeeper.core.models import AuditEntry


def _reference(partnership, day) -> str:
    prefix = f"CCTV-{day:%Y%m%d}-"
    count = LogEntry.objects.filter(partnership=partnership, reference__startswith=prefix).count()
    return f"{prefix}{count + 1:03d}"


def record_entry(
    actor: Actor,
    partnership: str,
    district: str | None,
    *,
    occurred_at: datetime,
    location: str,
    kind: str,
    narrative: str,
    cameras: list[str],
    lat: float | None = None,
    lon: float | None = None,
    footage_start: datetime | None = None,
    footage_end: datetime | None = None,
) -> LogEntry:
    require(actor.user, "cctv.log.write")
    home, where = placed(actor.user, partnership, district)
    occurred_at, footage_start, footage_end = aware(occurred_at), aware(footage_start), aware(footage_end)
    problem = timestamp_problem(occurred_at)
    if problem:
        raise Invalid(problem)
    if not IncidentCategory.objects.filter(code=kind, active=True).exists():
        raise Invalid(f"Unknown incident type {kind!r}.")
    if (footage_start is None) != (footage_end is None) or (footage_start and footage_end <= footage_start):
        raise Invalid("Give the footage range as a start and a later end, or neither.")
    found = list(Camera.objects.visible_to(actor.user).filter(partnership=home, code__in=cameras))
    if {c.code for c in found} != set(cameras):
        raise Invalid(f"Unknown cameras: {', '.join(sorted(set(cameras) - {c.code for c in found}))}.")
    if (lat is None or lon is None) and found:
        lat, lon = found[0].lat, found[0].lon
    with transaction.atomic():
        entry = LogEntry.objects.create(
            partnership=home,
            district=where,
            reference=_reference(home, occurred_at.date()),
            occurred_at=occurred_at,
            recorded_at=timezone.now(),
            location=location,
            lat=lat,
            lon=lon,
            kind=kind,
            narrative=narrative,
            footage_start=footage_start,
            footage_end=footage_end,
            operator=actor.user,
        )
        entry.cameras.set(found)
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            entry,
            fields=["narrative", "location", "cameras"],
            summary=f"Log {entry.reference} ({kind})",
        )
    return entry


def note_agency(
    actor: Actor,
    entry: LogEntry,
    agency: str,
    their_reference: str = "",
    notified_at: datetime | None = None,
    responded_at: datetime | None = None,
    is_police: bool = False,
) -> AgencyNotice:
    require(actor.user, "cctv.log.write", entry)
    notified_at, responded_at = aware(notified_at) or timezone.now(), aware(responded_at)
    if responded_at and responded_at < notified_at:
        raise Invalid("An agency cannot respond before it was told.")
    with transaction.atomic():
        notice = AgencyNotice.objects.create(
            entry=entry,
            agency=agency,
            their_reference=their_reference,
            notified_at=notified_at,
            responded_at=responded_at,
            is_police=is_police,
        )
        audit.record(
            actor, AuditEntry.Kind.UPDATE, entry, fields=["agencies"], summary=f"Agency told of {entry.reference}"
        )
    return notice


def tell_police(actor: Actor, entry: LogEntry, incident_reference: str = "") -> LogEntry:
    """The police are told: link the entry to the control room's incident `incident_reference`, or
    raise a new one through the control app's intake (channel "cctv"), and note the notice."""
    require(actor.user, "cctv.log.write", entry)
    require(actor.user, "incident.create")
    if entry.incident_id:
        raise Conflict(f"{entry.reference} is already linked to incident {entry.incident.reference}.")
    if incident_reference:
        incident = visible_get(
            Incident.objects.all(), actor.user, partnership=entry.partnership, reference=incident_reference
        )
        if incident is None:
            raise NotFound(f"No incident {incident_reference} that you can see.")
    else:
        if entry.lat is None:
            raise Invalid("The entry has no position: give a camera or coordinates to raise an incident.")
        incident = None
    with transaction.atomic():
        entry = LogEntry.objects.select_for_update().get(pk=entry.pk)
        if incident is None:
            incident = create_incident(
                actor,
                entry.partnership,
                channel="cctv",
                category=entry.kind,
                description=f"CCTV {entry.reference}: {entry.narrative}"[:2000],
                lat=entry.lat,
                lon=entry.lon,
                location_text=entry.location,
                received_at=timezone.now(),
                source="cctv",
                external_id=entry.reference,
            )
        entry.incident = incident
        entry.save(update_fields=["incident"])
        AgencyNotice.objects.create(
            entry=entry,
            agency="Police (control room)",
            their_reference=incident.reference,
            notified_at=timezone.now(),
            is_police=True,
        )
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            entry,
            fields=["incident"],
            summary=f"{entry.reference} linked to incident {incident.reference}",
        )
    return entry
