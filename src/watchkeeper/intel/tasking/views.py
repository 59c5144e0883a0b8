"""Patrol tasking pages: the taskings list (create one from a forecast), a tasking's cells and
layer, and the patrol officer's mobile page for recording visits."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from watchkeeper.core.access import allowed
from watchkeeper.core.input import id_or_none
from watchkeeper.core.web import actor_of, page
from watchkeeper.intel.crime.scope import partnerships_of
from watchkeeper.intel.tasking import queries as tasking_queries
from watchkeeper.intel.tasking import services as tasking_services
from watchkeeper.intel.tasking.forms import TaskingForm, VisitForm
from watchkeeper.intel.tasking.models import PatrolTasking, PatrolVisit, TaskedCell


@page("tasking.view")
def tasking_list(request):
    taskings = PatrolTasking.objects.visible_to(request.user).select_related("partnership")[:50]
    form = TaskingForm()
    can_manage = allowed(request.user, "intel.manage")
    if request.method == "POST" and can_manage:
        form = TaskingForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            partnership = partnerships_of(request.user).first()
            try:
                tasking = tasking_services.create_tasking(
                    actor_of(request),
                    partnership,
                    d["name"],
                    d["method"],
                    d["period_start"],
                    d["period_end"],
                    d["category"],
                    d["cells"],
                )
                messages.success(request, f"Tasking {tasking.name} created.")
                return redirect("intel:tasking_detail", pk=tasking.pk)
            except ValidationError as exc:
                form.add_error(None, "; ".join(exc.messages))
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "intel/tasking.html",
        {
            "taskings": taskings,
            "form": form,
            "can_manage": can_manage,
            "can_record": allowed(request.user, "tasking.record"),
        },
        status=status,
    )


def _tasking(request, pk: int) -> PatrolTasking:
    found = PatrolTasking.objects.visible_to(request.user).filter(pk=pk).first() if id_or_none(pk) else None
    if found is None:
        raise Http404("No such tasking.")
    return found


@page("tasking.view")
def tasking_detail(request, pk: int):
    tasking = _tasking(request, pk)
    cells = list(tasking.cells.all())
    visits = PatrolVisit.objects.filter(cell__tasking=tasking).select_related("cell", "officer")
    context = {"tasking": tasking, "cells": cells, "areas": tasking_queries.described(tasking, cells), "visits": visits}
    return render(request, "intel/tasking_detail.html", context)


@page("tasking.view")
def tasking_layer(request, pk: int):
    tasking = _tasking(request, pk)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [a["cell"].lon, a["cell"].lat]},
            "properties": {
                "name": f"#{a['cell'].rank} {a['name']}: {a['risk_words']}",
                "colour": "#c0392b",
                "rank": a["cell"].rank,
            },
        }
        for a in tasking_queries.described(tasking, tasking.cells.all())
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@page("tasking.record")
def my_taskings(request):
    """The patrol officer's mobile page: current taskings and a visit form per cell."""
    # Current taskings first; the most recent ones stay listed so a late visit can still be recorded.
    taskings = (
        PatrolTasking.objects.visible_to(request.user).order_by("-period_end", "-id").prefetch_related("cells")[:5]
    )
    error = None
    if request.method == "POST":
        form = VisitForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            cell = TaskedCell.objects.visible_to(request.user).filter(pk=d["cell"]).first()
            if cell is None:
                error = "That tasked location is not one of yours."
            else:
                try:
                    tasking_services.record_visit(actor_of(request), cell, d["arrived_at"], d["left_at"], d["note"])
                    messages.success(request, f"Visit to #{cell.rank} recorded.")
                    return redirect("intel:my_taskings")
                except ValidationError as exc:
                    error = "; ".join(exc.messages)
        else:
            error = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
    mine = PatrolVisit.objects.filter(officer=request.user).select_related("cell__tasking")[:20]
    listed = [(t, tasking_queries.described(t, t.cells.all())) for t in taskings]
    return render(
        request,
        "intel/my_taskings.html",
        {"taskings": listed, "error": error, "mine": mine, "now": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
        status=400 if error else 200,
    )
