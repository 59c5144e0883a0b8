"""Rapid-deployment cameras: bid, the JAG's decision, deploy (end date from the limits in force,
three months by default), remove. Review reminders are queued by the reminders job."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.deployments.models import Bid, Deployment
from watchkeeper.cctv.limits import limits_on
from watchkeeper.cctv.requests.rules import add_months
from watchkeeper.cctv.scope import placed
from watchkeeper.core import audit, geo
from watchkeeper.core.access import get_visible_or_404, require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.models import AuditEntry


def bid(
    actor: Actor,
    partnership: str,
    district: str | None,
    *,
    location: str,
    lat: float,
    lon: float,
    justification: str,
    evidence: str = "",
    case_reference: str = "",
    contact_email: str = "",
) -> Bid:
    require(actor.user, "cctv.deployment.bid")
    home, where = placed(actor.user, partnership, district)
    if not geo.valid_latlon(lat, lon):
        raise Invalid(f"{lat}, {lon} is not a valid latitude, longitude.")
    if len(justification.strip()) < 10:
        raise Invalid("Justify the bid: what problem the camera is for, and why there.")
    with transaction.atomic():
        item = Bid.objects.create(
            partnership=home,
            district=where,
            location=location,
            lat=lat,
            lon=lon,
            justification=justification,
            evidence=evidence,
            case_reference=case_reference,
            contact_email=contact_email,
            bid_by=actor.user,
            bid_at=timezone.now(),
        )
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            item,
            fields=["location", "justification"],
            summary=f"Rapid-deployment bid #{item.pk}",
        )
    return item


def decide(actor: Actor, item: Bid, approve: bool, meeting: date, reason: str) -> Bid:
    require(actor.user, "cctv.deployment.decide", item)
    if len(reason.strip()) < 5:
        raise Invalid("Record the JAG's reasons.")
    with transaction.atomic():
        item = Bid.objects.select_for_update().get(pk=item.pk)
        if item.status != Bid.Status.PENDING:
            raise Conflict("The JAG has already decided this bid.")
        item.status = Bid.Status.APPROVED if approve else Bid.Status.REFUSED
        item.jag_meeting, item.decision_reason = meeting, reason
        item.save(update_fields=["status", "jag_meeting", "decision_reason"])
        audit.record(
            actor, AuditEntry.Kind.UPDATE, item, fields=["status"], summary=f"JAG {item.status} bid #{item.pk}"
        )
    return item


def deploy(actor: Actor, item: Bid, camera_code: str, deployed_on: date, ends_on: date | None = None) -> Deployment:
    """Put an approved bid's camera up; the camera moves to the bid's point."""
    require(actor.user, "cctv.camera.edit", item)
    item = Bid.objects.get(pk=item.pk)  # its status now, not as the caller read it
    if item.status != Bid.Status.APPROVED:
        raise Invalid("Only a bid the JAG approved can be deployed.")
    camera = get_visible_or_404(
        Camera,
        actor.user,
        f"No rapid-deployment camera {camera_code}.",
        partnership=item.partnership,
        code=camera_code,
        kind=Camera.Kind.RAPID,
    )
    ends_on = ends_on or add_months(deployed_on, limits_on(deployed_on).deployment_months)
    if ends_on <= deployed_on:
        raise Invalid("A deployment must end after it starts.")
    with transaction.atomic():
        if Deployment.objects.filter(camera=camera, removed_on__isnull=True).exists():
            raise Conflict(f"{camera.code} is still deployed elsewhere: remove it first.")
        d = Deployment.objects.create(
            bid=item, camera=camera, lat=item.lat, lon=item.lon, deployed_on=deployed_on, ends_on=ends_on
        )
        easting, northing = geo.to_bng(item.lat, item.lon)
        Camera.objects.filter(pk=camera.pk).update(
            lat=item.lat,
            lon=item.lon,
            easting=easting,
            northing=northing,
            district=item.district,
            name=f"Rapid: {item.location}"[:200],
        )
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            d,
            fields=["camera", "ends_on"],
            summary=f"{camera.code} deployed for bid #{item.pk} until {ends_on}",
        )
    return d


def remove(actor: Actor, d: Deployment, removed_on: date) -> Deployment:
    require(actor.user, "cctv.camera.edit", d)
    with transaction.atomic():
        d = Deployment.objects.select_for_update().get(pk=d.pk)
        if d.removed_on:
            raise Conflict("Already removed.")
        if removed_on < d.deployed_on:
            raise Invalid("A camera cannot be removed before it was deployed.")
        d.removed_on = removed_on
        d.save(update_fields=["removed_on"])
        audit.record(actor, AuditEntry.Kind.UPDATE, d, fields=["removed_on"], summary=f"{d.camera.code} removed")
    return d
