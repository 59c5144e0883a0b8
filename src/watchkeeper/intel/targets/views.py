"""The targets page: baselines and reduction targets with their RAG status."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from watchkeeper.core.web import actor_of, page
from watchkeeper.intel.crime.scope import filters_context, page_scope
from watchkeeper.intel.targets import services
from watchkeeper.intel.targets.forms import BaselineForm, TargetForm
from watchkeeper.intel.targets.queries import baselines_for, targets_for


@page("intel.manage")
def targets_page(request):
    scope, error = page_scope(request)
    baseline_form, target_form = BaselineForm(prefix="b"), TargetForm(prefix="t")
    actor = actor_of(request)
    if request.method == "POST" and scope is not None:
        try:
            if "b-name" in request.POST:
                baseline_form = BaselineForm(request.POST, prefix="b")
                if baseline_form.is_valid():
                    d = baseline_form.cleaned_data
                    services.create_baseline(actor, scope.partnership, d["name"], d["start_month"], d["end_month"])
                    messages.success(request, "Baseline saved.")
                    return redirect(request.get_full_path())
            else:
                target_form = TargetForm(request.POST, prefix="t")
                if target_form.is_valid():
                    d = target_form.cleaned_data
                    baseline = None
                    if d["baseline"]:
                        baseline = baselines_for(request.user, scope.partnership).filter(pk=d["baseline"]).first()
                    services.create_target(
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
            baselines=baselines_for(request.user, scope.partnership),
            targets=targets_for(request.user, scope.partnership),
        )
    return render(request, "intel/targets.html", context, status=400 if error and request.method == "POST" else 200)
