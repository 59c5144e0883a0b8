"""Writes to the estate: cameras, their paperwork, and fault tickets (one transaction each, with
its audit entry; the maintainer is emailed through the outbox)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from watchkeeper import outbox
from watchkeeper.cctv.cameras.models import Camera, Fault
from watchkeeper.cctv.scope import aware, placed
from watchkeeper.core import audit, geo
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.input import timestamp_problem
from watchkeeper.core.models import AuditEntry

PAPERWORK = (
    "name",
    "view",
    "purpose",
    "dpia_reference",
    "signage",
    "last_review",
    "last_quality_test",
    "recorder",
    "recorder_offset_s",
    "active",
)


def add_camera(
    actor: Actor,
    partnership: str,
    district: str | None,
    *,
    code: str,
    name: str,
    kind: str,
    lat: float,
    lon: float,
    **paperwork,
) -> Camera:
    """Register a camera at a point, in a district of the user's partnership."""
    require(actor.user, "cctv.camera.edit")
    home, where = placed(actor.user, partnership, district)
    if not geo.valid_latlon(lat, lon):
        raise Invalid(f"{lat}, {lon} is not a valid latitude, longitude.")
    if kind not in Camera.Kind.values:
        raise Invalid(f"Unknown camera kind {kind!r}: one of {', '.join(Camera.Kind.values)}.")
    unknown = set(paperwork) - set(PAPERWORK)
    if unknown:
        raise Invalid(f"Unknown camera fields: {', '.join(sorted(unknown))}.")
    easting, northing = geo.to_bng(lat, lon)
    with transaction.atomic():
        if Camera.objects.filter(partnership=home, code=code).exists():
            raise Conflict(f"{home.name} already has a camera {code}.")
        camera = Camera.objects.create(
            partnership=home,
            district=where,
            code=code,
            name=name,
            kind=kind,
            lat=lat,
            lon=lon,
            easting=easting,
            northing=northing,
            **paperwork,
        )
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            camera,
            fields=["code", "location", *paperwork],
            summary=f"Camera {code} added",
        )
    return camera


def update_camera(actor: Actor, camera: Camera, **changes) -> Camera:
    """Change a camera's paperwork (review dates, DPIA, signage, recorder clock offset)."""
    require(actor.user, "cctv.camera.edit", camera)
    unknown = set(changes) - set(PAPERWORK)
    if unknown:
        raise Invalid(f"Unknown camera fields: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        camera = Camera.objects.select_for_update().get(pk=camera.pk)
        before = {k: getattr(camera, k) for k in changes}
        for key, value in changes.items():
            setattr(camera, key, value)
        camera.save()
        diff = {k: [str(before[k]), str(v)] for k, v in changes.items() if before[k] != v}
        audit.record(actor, AuditEntry.Kind.UPDATE, camera, changes=diff, summary=f"Camera {camera.code} updated")
    return camera


def report_fault(
    actor: Actor,
    camera: Camera,
    description: str,
    reported_at: datetime | None = None,
    maintainer: str = "",
    maintainer_email: str = "",
    recording_lost: bool = True,
) -> Fault:
    """Open a fault ticket; with a maintainer email, the maintainer is notified through the outbox."""
    require(actor.user, "cctv.fault.record", camera)
    now = timezone.now()
    reported_at = aware(reported_at) or now
    problem = timestamp_problem(reported_at)
    if problem:
        raise Invalid(problem)
    with transaction.atomic():
        fault = Fault.objects.create(
            camera=camera,
            reported_at=reported_at,
            description=description,
            maintainer=maintainer,
            recording_lost=recording_lost,
            reported_by=actor.user,
        )
        if maintainer_email:
            fault.notified_at, fault.status = now, Fault.Status.NOTIFIED
            fault.save(update_fields=["notified_at", "status"])
            outbox.enqueue(
                "email",
                {
                    "subject": f"CCTV fault: camera {camera.code} {camera.name}",
                    "body": f"{description}\nReported {reported_at:%d %b %Y %H:%M} UTC.",
                    "to": [maintainer_email],
                },
                key=f"cctv-fault-{fault.pk}",
            )
        audit.record(
            actor, AuditEntry.Kind.CREATE, fault, fields=["camera", "description"], summary=f"Fault on {camera.code}"
        )
    return fault


def fix_fault(actor: Actor, fault: Fault, fixed_at: datetime | None = None) -> Fault:
    require(actor.user, "cctv.fault.record", fault)
    fixed_at = aware(fixed_at) or timezone.now()
    with transaction.atomic():
        fault = Fault.objects.select_for_update().get(pk=fault.pk)
        if fault.status == Fault.Status.FIXED:
            raise Conflict("That fault is already fixed.")
        if fixed_at < fault.reported_at:
            raise Invalid("A fault cannot be fixed before it was reported.")
        fault.fixed_at, fault.status = fixed_at, Fault.Status.FIXED
        fault.save(update_fields=["fixed_at", "status"])
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            fault,
            fields=["fixed_at", "status"],
            summary=f"Fault on {fault.camera.code} fixed",
        )
    return fault
