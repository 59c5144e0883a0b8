"""Viewing and disclosure requests: record one (holding the footage it asks for), stop and restart
a subject-access clock, a data controller's decision with reasons, and the redaction record."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.limits import limits_on
from watchkeeper.cctv.requests import rules
from watchkeeper.cctv.requests.models import DEFAULT_BASIS, ClockStop, DisclosureBasis, Redaction, ViewingRequest
from watchkeeper.cctv.retention.models import Hold
from watchkeeper.cctv.scope import aware, placed
from watchkeeper.core import audit
from watchkeeper.core.access import require, visible
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.models import Agency, AuditEntry
from watchkeeper.sharing.models import SharingAgreement


def _reference(partnership, year: int) -> str:
    count = ViewingRequest.objects.filter(partnership=partnership, reference__startswith=f"VR-{year}-").count()
    return f"VR-{year}-{count + 1:04d}"


def create_request(
    actor: Actor,
    partnership: str,
    district: str | None,
    *,
    kind: str,
    requester: str,
    lawful_basis: str,
    start: datetime,
    end: datetime,
    cameras: list[str],
    organisation: str = "",
    requester_reference: str = "",
    received_on: date | None = None,
    complex_: bool = False,
    disclosure_basis: str = "",
    recipient_agency: str = "",
    agreement_id: int | None = None,
) -> ViewingRequest:
    """Record a request and hold its footage (a lawful request inside the retention window places a
    hold with an expiry). A request for footage already past retention is refused: it is gone."""
    require(actor.user, "cctv.request.create")
    home, where = placed(actor.user, partnership, district)
    start, end = aware(start), aware(end)
    now = timezone.now()
    received_on = received_on or now.date()
    if kind not in ViewingRequest.Kind.values:
        raise Invalid(f"Unknown requester kind {kind!r}.")
    if end <= start:
        raise Invalid("The time range must end after it starts.")
    if start > now:
        raise Invalid("The time range starts in the future: there is no footage yet.")
    if received_on > now.date():
        raise Invalid("A request cannot be received in the future.")
    if not lawful_basis.strip():
        raise Invalid("State the lawful basis for the request.")
    disclosure_basis = disclosure_basis or DEFAULT_BASIS[kind]
    if disclosure_basis not in DisclosureBasis.values:
        raise Invalid(f"Unknown disclosure basis {disclosure_basis!r}.")
    agency = None
    if recipient_agency:
        agency = Agency.objects.filter(slug=recipient_agency, partnerships=home).first()
        if agency is None:
            raise Invalid(f"No agency {recipient_agency!r} in {home.name}.")
    agreement = None
    if agreement_id is not None:
        agreement = visible(SharingAgreement, actor.user).filter(pk=agreement_id, partnership=home).first()
        if agreement is None:
            raise Invalid(f"No sharing agreement {agreement_id} of {home.name}.")
    limits = limits_on(received_on)
    if not rules.within_retention(end, now, limits.retention_days):
        audit.record(
            actor,
            AuditEntry.Kind.DENIED,
            None,
            summary=f"Viewing request refused: footage ends {end:%d %b %Y}, past {limits.retention_days}-day retention",
        )
        raise Invalid(
            f"The footage asked for is older than the {limits.retention_days}-day retention period and has been "
            f"overwritten (unless a hold kept it)."
        )
    found = list(Camera.objects.visible_to(actor.user).filter(partnership=home, code__in=cameras))
    if not cameras or {c.code for c in found} != set(cameras):
        raise Invalid(f"Unknown cameras: {', '.join(sorted(set(cameras) - {c.code for c in found})) or 'none given'}.")
    with transaction.atomic():
        request = ViewingRequest.objects.create(
            partnership=home,
            district=where,
            reference=_reference(home, received_on.year),
            kind=kind,
            requester=requester,
            organisation=organisation,
            requester_reference=requester_reference,
            lawful_basis=lawful_basis,
            disclosure_basis=disclosure_basis,
            recipient_agency=agency,
            agreement=agreement,
            start=start,
            end=end,
            received_on=received_on,
            complex=complex_,
            created_by=actor.user,
        )
        request.cameras.set(found)
        expires = received_on + timedelta(days=limits.hold_days)
        for camera in found:
            Hold.objects.create(
                partnership=home,
                district=camera.district,
                camera=camera,
                request=request,
                start=start,
                end=end,
                reason=f"Viewing request {request.reference}",
                expires_on=expires,
                placed_by=actor.user,
                placed_at=now,
            )
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            request,
            fields=["requester", "lawful_basis", "time_range"],
            summary=f"Viewing request {request.reference} ({kind})",
        )
    return request


def stop_clock(actor: Actor, request: ViewingRequest, reason: str, on: date | None = None) -> ClockStop:
    require(actor.user, "cctv.request.create", request)
    if reason not in ClockStop.Reason.values:
        raise Invalid(f"Unknown reason {reason!r}: one of {', '.join(ClockStop.Reason.values)}.")
    on = on or timezone.now().date()
    with transaction.atomic():
        ViewingRequest.objects.select_for_update().get(pk=request.pk)
        if request.stops.filter(resumed_on__isnull=True).exists():
            raise Conflict("The clock is already stopped.")
        if on < request.received_on:
            raise Invalid("The clock cannot stop before the request was received.")
        stop = ClockStop.objects.create(request=request, reason=reason, stopped_on=on)
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            request,
            fields=["clock"],
            summary=f"Clock stopped: {stop.get_reason_display()}",
        )
    return stop


def resume_clock(actor: Actor, request: ViewingRequest, on: date | None = None) -> ClockStop:
    require(actor.user, "cctv.request.create", request)
    on = on or timezone.now().date()
    with transaction.atomic():
        ViewingRequest.objects.select_for_update().get(pk=request.pk)
        stop = request.stops.filter(resumed_on__isnull=True).first()
        if stop is None:
            raise Conflict("The clock is not stopped.")
        if on < stop.stopped_on:
            raise Invalid("The clock cannot restart before it stopped.")
        stop.resumed_on = on
        stop.save(update_fields=["resumed_on"])
        audit.record(actor, AuditEntry.Kind.UPDATE, request, fields=["clock"], summary="Clock restarted")
    return stop


def decide(actor: Actor, request: ViewingRequest, approve: bool, reason: str) -> ViewingRequest:
    """A data controller's approval or refusal, always with reasons."""
    require(actor.user, "cctv.request.decide", request)
    if len(reason.strip()) < 10:
        raise Invalid("Give the reasons for the decision (at least a sentence).")
    with transaction.atomic():
        request = ViewingRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != ViewingRequest.Status.RECEIVED:
            raise Conflict(f"{request.reference} is already {request.get_status_display().lower()}.")
        request.status = ViewingRequest.Status.APPROVED if approve else ViewingRequest.Status.REFUSED
        request.decided_by, request.decided_at, request.decision_reason = actor.user, timezone.now(), reason
        request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            request,
            fields=["status", "decision_reason"],
            summary=f"{request.reference} {request.status}",
        )
    return request


def record_redaction(actor: Actor, request: ViewingRequest, what: str, method: str, copy_sha256: str = "") -> Redaction:
    require(actor.user, "cctv.request.create", request)
    if not what.strip() or not method.strip():
        raise Invalid("Say what was masked and how.")
    with transaction.atomic():
        item = Redaction.objects.create(
            request=request,
            what=what,
            method=method,
            copy_sha256=copy_sha256.lower(),
            recorded_by=actor.user,
            recorded_at=timezone.now(),
        )
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            item,
            fields=["what", "method"],
            summary=f"Redaction recorded for {request.reference}",
        )
    return item
