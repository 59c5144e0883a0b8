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
from watchkeeper.core.access import get_visible_or_404, require, visible
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid, NotFound
from watchkeeper.core.input import timestamp_problem
from watchkeeper.core.models import AuditEntry
from watchkeeper.sharing import disclosures
from watchkeeper.sharing.models import SharingAgreement


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
    agreement_id: int | None = None,
) -> AgencyNotice:
    """An agency was told of `entry` (with their reference, when, and when they responded). Named with
    a sharing agreement, the telling is recorded in the disclosure record under it."""
    require(actor.user, "cctv.log.write", entry)
    notified_at, responded_at = aware(notified_at) or timezone.now(), aware(responded_at)
    problem = timestamp_problem(notified_at)
    if problem:
        raise Invalid(problem)
    if responded_at and responded_at < notified_at:
        raise Invalid("An agency cannot respond before it was told.")
    agreement = None
    if agreement_id is not None:
        agreement = visible(SharingAgreement, actor.user).filter(pk=agreement_id, partnership=entry.partnership).first()
        if agreement is None:
            raise Invalid(f"No sharing agreement {agreement_id} of {entry.partnership.name}.")
    with transaction.atomic():
        notice = AgencyNotice.objects.create(
            entry=entry,
            agency=agency,
            their_reference=their_reference,
            notified_at=notified_at,
            responded_at=responded_at,
            is_police=is_police,
            agreement=agreement,
        )
        if agreement is not None:
            disclosures.record(
                actor,
                entry,
                purpose=f"CCTV log {entry.reference}: {agency} told of a {entry.kind} incident"[:2000],
                lawful_basis=agreement.lawful_basis,
                method="phone",
                # Told under the agreement: the recipient is the agreement's partner agency.
                recipient_agency=agreement.partner_agency,
                recipient_name=agency[:200],
                recipient_organisation=agency[:200],
                agreement=agreement,
                reference=their_reference or entry.reference,
                description=f"CCTV operator log entry {entry.reference}",
                disclosed_at=notified_at,
            )
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            entry,
            fields=["agencies"],
            summary=f"{agency} told of {entry.reference}" + (f" under {agreement.reference}" if agreement else ""),
        )
    return notice


def note_response(actor: Actor, entry: LogEntry, notice_id: int, responded_at: datetime | None = None) -> AgencyNotice:
    """The agency told responded (its response time is from being told to this)."""
    require(actor.user, "cctv.log.write", entry)
    responded_at = aware(responded_at) or timezone.now()
    problem = timestamp_problem(responded_at)
    if problem:
        raise Invalid(problem)
    with transaction.atomic():
        notice = AgencyNotice.objects.select_for_update().filter(pk=notice_id, entry=entry).first()
        if notice is None:
            raise NotFound(f"No agency notice {notice_id} on {entry.reference}.")
        if notice.responded_at is not None:
            raise Conflict(f"{notice.agency}'s response is already recorded.")
        if responded_at < notice.notified_at:
            raise Invalid("An agency cannot respond before it was told.")
        notice.responded_at = responded_at
        notice.save(update_fields=["responded_at"])
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            entry,
            fields=["agencies"],
            summary=f"{notice.agency} responded on {entry.reference} after {notice.response_minutes} min",
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
        incident = get_visible_or_404(
            Incident,
            actor.user,
            f"No incident {incident_reference} that you can see.",
            partnership=entry.partnership,
            reference=incident_reference,
        )
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
