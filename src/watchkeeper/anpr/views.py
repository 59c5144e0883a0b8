"""The ANPR page: sites, attendance tasks with the learned window and its histogram, outcome."""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from watchkeeper.anpr.ladder.models import AttendanceTask, WatchEntry
from watchkeeper.anpr.outcome.queries import outcome
from watchkeeper.anpr.sites.models import Site
from watchkeeper.core.access import allowed
from watchkeeper.core.audit import record_read
from watchkeeper.core.web import actor_of, page


@page("anpr.view")
def home(request):
    tasks = list(
        AttendanceTask.objects.visible_to(request.user).filter(done_at__isnull=True).select_related("offence", "site")
    )
    for t in tasks:
        peak = max(t.histogram) or 1
        t.bars = [(hour, n, round(100 * n / peak)) for hour, n in enumerate(t.histogram)]
    if tasks:
        record_read(
            actor_of(request), ("anpr.attendancetask", "list"), ["plate"], f"Attendance tasks viewed: {len(tasks)}"
        )
    context = {
        "sites": Site.objects.visible_to(request.user),
        "tasks": tasks,
        "watching": WatchEntry.objects.visible_to(request.user).filter(expires_on__gte=timezone.localdate()).count(),
        "outcome": outcome(request.user, timezone.now() - timedelta(days=90)),
        "may_manage": allowed(request.user, "anpr.manage"),
        "may_keepers": allowed(request.user, "anpr.keeper"),
    }
    return render(request, "anpr/home.html", context)


def attendance_panel(user):
    if not allowed(user, "anpr.view"):
        return None
    count = AttendanceTask.objects.visible_to(user).filter(done_at__isnull=True).count()
    return {"title": "Speeders to attend", "value": count, "url": "/anpr/", "note": "At their usual time of passing."}
