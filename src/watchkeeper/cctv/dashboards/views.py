"""The partner dashboard page and its CSV export (counts under five suppressed)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from watchkeeper.cctv.dashboards import queries
from watchkeeper.core import audit
from watchkeeper.core.input import csv_writer
from watchkeeper.core.models import AuditEntry, District
from watchkeeper.core.visibility import user_district
from watchkeeper.core.web import actor_of, page


def _district(request) -> str | None:
    # A district partner's own district is forced by visibility; the filter only narrows further.
    code = (request.GET.get("district") or "").strip()[:20]
    return code or None


@page("cctv.dashboard.view")
def dashboard_page(request):
    code = _district(request)
    own = user_district(request.user)
    mine = District.objects.filter(partnership_id__in=request.user.partnership_ids())
    shown = mine.filter(code=code).first() if code else mine.filter(pk=own).first()
    context = {
        "district_name": shown.name if shown else "",
        "data": queries.dashboard(request.user, code),
        "district": code,
        "bound": own is not None,
        "partnerships": request.user.agency.partnerships.all() if request.user.agency_id else [],
        "districts": District.objects.filter(partnership_id__in=request.user.partnership_ids()).order_by("name"),
    }
    return render(request, "cctv/dashboard.html", context)


@page("cctv.dashboard.view")
def dashboard_csv(request):
    code = _district(request)
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="cctv-dashboard.csv"'
    csv_writer(response).writerows(queries.csv_rows(queries.dashboard(request.user, code)))
    from django.db import transaction

    with transaction.atomic():
        audit.record(
            actor_of(request), AuditEntry.Kind.EXPORT, ("cctv.dashboard", code or "all"), summary="CCTV dashboard CSV"
        )
    return response
