"""The IOM cohort page: the memberships the reader may see with plan review, last contact,
reoffending and harm against the baseline; the CSV is GET /api/iom/cohort.csv."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from watchkeeper.cases.iom import queries
from watchkeeper.core import audit
from watchkeeper.core.web import actor_of, page


@page("iom.view")
def cohort_page(request):
    current = request.GET.get("all") != "1"
    rows = queries.cohort(request.user, timezone.localdate(), current)
    for row in rows:
        audit.record_read(actor_of(request), ("cases.membership", row["id"]), ["offender", "reason", "outcomes"])
    return render(request, "cases/iom_cohort.html", {"rows": rows, "current": current})
