"""Actual against expected retention per camera, held footage reported apart."""

from __future__ import annotations

from django.db.models import Count, Min, Q
from django.utils import timezone

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.limits import limits_on
from watchkeeper.cctv.retention import rules
from watchkeeper.cctv.retention.models import RecordedDay
from watchkeeper.core.access import visible


def per_camera(user) -> list[dict]:
    today = timezone.localdate()
    expected = limits_on(today).retention_days
    stats = (
        visible(RecordedDay, user)
        .values("camera_id")
        .annotate(
            oldest=Min("day", filter=Q(status=RecordedDay.Status.KEPT)),
            held=Count("pk", filter=Q(status=RecordedDay.Status.HELD)),
            overwritten=Count("pk", filter=Q(status=RecordedDay.Status.OVERWRITTEN)),
        )
    )
    by_camera = {s["camera_id"]: s for s in stats}
    rows = []
    for camera in visible(Camera, user):
        s = by_camera.get(camera.pk, {})
        actual = rules.actual_days(today, s.get("oldest"))
        rows.append(
            {
                "camera": camera,
                "expected": expected,
                "actual": actual,
                "over": actual > expected,
                "held": s.get("held", 0),
                "overwritten": s.get("overwritten", 0),
            }
        )
    return rows
