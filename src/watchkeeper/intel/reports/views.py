"""Reports that bring crime, targets, surveys and hotspots together: the overview page (trends
vs targets) and the data pack (HTML with print CSS, and PDF)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of, page
from watchkeeper.intel import charts
from watchkeeper.intel.crime import queries
from watchkeeper.intel.crime.rules import total_known as known_total
from watchkeeper.intel.crime.scope import filters_context, page_scope
from watchkeeper.intel.reports import contents as pack
from watchkeeper.intel.targets.queries import targets_for


@page("intel.view")
def overview(request):
    scope, error = page_scope(request)
    context = {"error": error, **filters_context(request, scope)}
    if scope is not None:
        series = queries.monthly_counts(request.user, scope)
        reports = targets_for(request.user, scope.partnership)
        matching = next((r for r in reports if (r["target"].category or "") == scope.category), None)
        baseline_mean = target_rate = None
        if matching:
            baseline_mean = matching["status"].baseline_rate
            target_rate = matching["status"].target_rate
        title = f"{scope.category or 'All crime'}, {scope.start:%b %Y} to {scope.end:%b %Y}"
        context.update(
            series=series,
            total=known_total(series["total"]),
            trend_chart=charts.trend(series, title, baseline_mean, target_rate),
            category_chart=charts.by_category(series),
            targets=reports,
            areas=queries.counts_by_area(request.user, scope)[:30],
            outcomes=queries.outcome_rates(request.user, scope),
            repeats=queries.repeat_locations(request.user, scope, limit=20),
            can_manage=allowed(request.user, "intel.manage"),
            can_import=allowed(request.user, "intel.import"),
        )
    return render(request, "intel/overview.html", context)


@page("intel.view")
def pack_page(request):
    scope, error = page_scope(request)
    if scope is None:
        return render(request, "intel/pack.html", {"error": error}, status=400)
    data = pack.build(request.user, scope)
    audit.record(
        actor_of(request),
        AuditEntry.Kind.EXPORT,
        ("intel.pack", scope.partnership.slug),
        fields=["crime", "targets", "survey"],
        summary=f"Data pack ({scope.query()})",
    )
    if request.GET.get("format") == "pdf":
        from watchkeeper.intel.reports import pdf

        if not pdf.available():
            return HttpResponse(
                "PDF output needs fpdf2, which is not installed.", status=501, content_type="text/plain"
            )
        response = HttpResponse(pdf.render(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="data-pack-{scope.start:%Y-%m}-{scope.end:%Y-%m}.pdf"'
        return response
    return render(
        request,
        "intel/pack.html",
        {"pack": data, "scope": scope, "query": scope.query(), **filters_context(request, scope)},
    )


__all__ = ["overview", "pack_page"]
