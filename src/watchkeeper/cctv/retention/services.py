"""The scheduled retention job and holds. Run daily (`watchkeeper cctv_retention`): it notes each
active camera's recorded day, marks days past retention with no live hold for overwrite, and
issues a deletion certificate per partnership for what it marked."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.limits import limits_on
from watchkeeper.cctv.retention import rules
from watchkeeper.cctv.retention.models import DeletionCertificate, Hold, RecordedDay
from watchkeeper.core import audit
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import AuditEntry


def run(actor: Actor, today: date) -> list[DeletionCertificate]:
    limits = limits_on(today)
    cut = rules.cutoff(today, limits.retention_days)
    certificates = []
    with transaction.atomic():
        cameras = list(Camera.objects.filter(active=True).select_related("partnership"))
        RecordedDay.objects.bulk_create([RecordedDay(camera=c, day=today) for c in cameras], ignore_conflicts=True)
        holds = defaultdict(list)
        for h in Hold.objects.filter(expires_on__gte=today):
            holds[h.camera_id].append((timezone.localdate(h.start), timezone.localdate(h.end), h.expires_on))
        due = RecordedDay.objects.filter(
            day__lt=cut, status__in=[RecordedDay.Status.KEPT, RecordedDay.Status.HELD]
        ).select_related("camera__partnership")
        marked = defaultdict(list)
        for rd in due.select_for_update(of=("self",)):
            if rules.held(rd.day, holds.get(rd.camera_id, []), today):
                if rd.status != RecordedDay.Status.HELD:
                    RecordedDay.objects.filter(pk=rd.pk).update(status=RecordedDay.Status.HELD)
                continue
            marked[rd.camera.partnership].append(rd)
        for partnership, days in marked.items():
            summary = defaultdict(list)
            for rd in days:
                summary[rd.camera.code].append(rd.day)
            cert = DeletionCertificate.objects.create(
                partnership=partnership,
                issued_at=timezone.now(),
                cutoff=cut,
                retention_days=limits.retention_days,
                day_count=len(days),
                summary={code: [str(min(v)), str(max(v)), len(v)] for code, v in sorted(summary.items())},
            )
            RecordedDay.objects.filter(pk__in=[rd.pk for rd in days]).update(
                status=RecordedDay.Status.OVERWRITTEN, certificate=cert
            )
            audit.record(
                actor,
                AuditEntry.Kind.DELETE,
                cert,
                fields=["recorded_days"],
                summary=f"{len(days)} recorded days past {limits.retention_days}-day retention marked for overwrite",
            )
            certificates.append(cert)
    return certificates


def place_hold(actor: Actor, camera: Camera, start: datetime, end: datetime, reason: str, expires_on: date) -> Hold:
    require(actor.user, "cctv.retention.hold", camera)
    from watchkeeper.cctv.scope import aware

    start, end = aware(start), aware(end)
    if end <= start:
        raise Invalid("A hold must end after it starts.")
    if len(reason.strip()) < 5:
        raise Invalid("Give the reason for the hold.")
    today = timezone.localdate()
    if expires_on <= today or expires_on > today + timedelta(days=3660):
        raise Invalid("A hold expires after today and within ten years.")
    with transaction.atomic():
        h = Hold.objects.create(
            partnership=camera.partnership,
            district=camera.district,
            camera=camera,
            start=start,
            end=end,
            reason=reason,
            expires_on=expires_on,
            placed_by=actor.user,
            placed_at=timezone.now(),
        )
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            h,
            fields=["reason", "expires_on"],
            summary=f"Hold on {camera.code} until {expires_on}",
        )
    return h
