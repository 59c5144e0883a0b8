"""Reads shared by the shift pages and API: a visible shift, its tasks with status, its missed tasks."""

from __future__ import annotations

from django.utils import timezone

from watchkeeper.core.access import get_visible_or_404
from watchkeeper.patrol.shifts.models import Shift
from watchkeeper.patrol.tasking.models import ShiftTask


def shift_for(user, shift_id: int) -> Shift:
    return get_visible_or_404(
        Shift.objects.select_related("contract"), user, f"No shift {shift_id} that you can see.", pk=shift_id
    )


def task_rows(shift: Shift, missed_only: bool = False) -> list[dict]:
    now = timezone.now()
    tasks = ShiftTask.objects.filter(shift=shift).select_related("ward")
    if missed_only:
        tasks = tasks.filter(due_by__lte=now, visit__isnull=True)
    return [
        {
            "id": t.pk,
            "team": t.team,
            "round": t.round,
            "position": t.position,
            "hotspot": t.hotspot,
            "source": t.source,
            "street": t.street,
            "ward": t.ward.name if t.ward else "",
            "lat": t.lat,
            "lon": t.lon,
            "due_from": t.due_from,
            "due_by": t.due_by,
            "dwell_target_minutes": t.dwell_target_minutes,
            "status": t.status(now),
        }
        for t in tasks
    ]
