"""Case pages: the caseload (with counts by type and agency), a case's page, the reports page and
its CSV export. Every list starts from the visibility rule."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from watchkeeper.cases.core import queries as case_queries
from watchkeeper.cases.core.models import Kind
from watchkeeper.cases.core.views import render_case
from watchkeeper.cases.reports import queries
from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.input import csv_writer
from watchkeeper.core.web import actor_of, page


@page("case.view")
def caseload(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else None
    cases = queries.caseload(request.user, kind=kind).select_related("owner_agency")[:200]
    return render(
        request,
        "cases/caseload.html",
        {
            "cases": cases,
            "counts": queries.caseload_counts(request.user),
            "kinds": Kind.choices,
            "kind": kind,
            "perms_open": allowed(request.user, "case.edit"),
            "perms_review": allowed(request.user, "trigger.manage"),
            "perms_meetings": allowed(request.user, "meeting.view"),
            "perms_idva": allowed(request.user, "idva.caseload"),
        },
    )


@page("case.view")
def case_page(request, pk: int):
    case = case_queries.visible_case(request.user, pk)
    audit.record_read(actor_of(request), case, ["parties", "notes", "timeline"])
    return render_case(request, case)


@page("case.report")
def reports_page(request):
    today = timezone.localdate()
    return render(
        request,
        "cases/reports.html",
        {
            "counts": queries.caseload_counts(request.user),
            "overdue": queries.overdue_by_agency(request.user, today),
            "resolution": queries.resolution(request.user),
            "repeat_victims": queries.repeat_victims(request.user),
        },
    )


@page("case.report")
def reports_csv(request):
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["kind", "agency", "open_cases"])
    for row in queries.caseload_counts(request.user):
        writer.writerow([row["kind"], row["agency"], row["open_cases"]])
    response = HttpResponse(out.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="caseload.csv"'
    return response
