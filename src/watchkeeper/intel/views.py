"""Intelligence pages: overview (trends vs targets), targets, crime import. Views never write models:
changes go through intel.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from watchkeeper.core.access import allowed
from watchkeeper.core.web import actor_of, page
from watchkeeper.intel import charts, importing, queries
from watchkeeper.intel.forms import BaselineForm, TargetForm, UploadForm
from watchkeeper.intel.models import ImportRun
from watchkeeper.intel.services import imports, targets


def scoped(request):
    """(scope, error): a page shows the error above the filters instead of failing."""
    try:
        return queries.scope_from(request.user, request.GET), None
    except queries.ScopeError as exc:
        return None, str(exc)


def filters_context(request, scope) -> dict:
    if scope is None:
        return {}
    from watchkeeper.core.models import District, Ward

    return {
        "scope": scope,
        "partnerships": queries.partnerships_of(request.user),
        "categories": queries.categories(request.user, scope.partnership),
        "districts": [] if request.user.agency.district_id else District.objects.filter(partnership=scope.partnership),
        "wards": Ward.objects.filter(district__partnership=scope.partnership),
    }


@page("intel.view")
def overview(request):
    scope, error = scoped(request)
    context = {"error": error, **filters_context(request, scope)}
    if scope is not None:
        series = queries.monthly_counts(request.user, scope)
        reports = queries.targets_for(request.user, scope.partnership)
        matching = next((r for r in reports if (r["target"].category or "") == scope.category), None)
        baseline_mean = target_rate = None
        if matching:
            baseline_mean = matching["status"].baseline_rate
            target_rate = matching["status"].target_rate
        title = f"{scope.category or 'All crime'}, {scope.start:%b %Y} to {scope.end:%b %Y}"
        context.update(
            series=series,
            total=sum(series["total"]),
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


@page("intel.manage")
def targets_page(request):
    scope, error = scoped(request)
    baseline_form, target_form = BaselineForm(prefix="b"), TargetForm(prefix="t")
    actor = actor_of(request)
    if request.method == "POST" and scope is not None:
        try:
            if "b-name" in request.POST:
                baseline_form = BaselineForm(request.POST, prefix="b")
                if baseline_form.is_valid():
                    d = baseline_form.cleaned_data
                    targets.create_baseline(actor, scope.partnership, d["name"], d["start_month"], d["end_month"])
                    messages.success(request, "Baseline saved.")
                    return redirect(request.get_full_path())
            else:
                target_form = TargetForm(request.POST, prefix="t")
                if target_form.is_valid():
                    d = target_form.cleaned_data
                    baseline = None
                    if d["baseline"]:
                        baseline = (
                            queries.baselines_for(request.user, scope.partnership).filter(pk=d["baseline"]).first()
                        )
                    targets.create_target(
                        actor,
                        scope.partnership,
                        baseline,
                        d["category"],
                        d["reduction_percent"],
                        d["period_start"],
                        d["period_end"],
                    )
                    messages.success(request, "Target saved.")
                    return redirect(request.get_full_path())
        except ValidationError as exc:
            error = "; ".join(exc.messages)
    context = {
        "error": error,
        "baseline_form": baseline_form,
        "target_form": target_form,
        **filters_context(request, scope),
    }
    if scope is not None:
        context.update(
            baselines=queries.baselines_for(request.user, scope.partnership),
            targets=queries.targets_for(request.user, scope.partnership),
        )
    return render(request, "intel/targets.html", context, status=400 if error and request.method == "POST" else 200)


@page("intel.import")
def import_page(request):
    partnerships = queries.partnerships_of(request.user)
    form = UploadForm(partnerships=partnerships)
    error, result = None, None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, partnerships=partnerships)
        if form.is_valid():
            partnership = partnerships.get(slug=form.cleaned_data["partnership"])
            try:
                run, parsed = imports.import_upload(
                    actor_of(request), partnership, form.cleaned_data["street"], form.cleaned_data["outcomes"]
                )
                result = {"run": run, "bad": parsed.bad[:50], "notes": parsed.notes}
            except importing.LayoutError as exc:
                error = f"Nothing imported. {exc}"
    runs = ImportRun.objects.filter(partnership__in=partnerships).select_related("partnership")[:20]
    status = 400 if error or (request.method == "POST" and not form.is_valid()) else 200
    return render(
        request, "intel/import.html", {"form": form, "error": error, "result": result, "runs": runs}, status=status
    )


__all__ = ["import_page", "overview", "targets_page"]
