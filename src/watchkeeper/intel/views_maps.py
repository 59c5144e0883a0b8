"""Hotspot and tasking pages, their GeoJSON layers and exports (exports are audited)."""

from __future__ import annotations

import csv
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of, page
from watchkeeper.intel import hotspots, queries
from watchkeeper.intel.forms import TaskingForm, VisitForm
from watchkeeper.intel.models import PatrolTasking, PatrolVisit, TaskedCell
from watchkeeper.intel.services import tasking as tasking_services
from watchkeeper.intel.views import filters_context, scoped

MAX_ID = 2**62


def surface_for(request, scope):
    method = request.GET.get("method", "kde")
    try:
        cell = min(max(float(request.GET.get("cell") or 100), 50.0), 1000.0)
    except ValueError:
        cell = 100.0
    qs = queries.crimes_in(request.user, scope)
    if method == "gistar":
        return hotspots.gistar_surface(scope.partnership, qs, cell=cell)
    return hotspots.kde_surface(scope.partnership, qs, cell=cell, bandwidth_m=max(cell * 2, 200.0))


@page("intel.view")
def hotspots_page(request):
    scope, error = scoped(request)
    context = {"error": error, "method": request.GET.get("method", "kde"), **filters_context(request, scope)}
    if scope is not None:
        context["query"] = request.GET.urlencode()
        try:
            surface = surface_for(request, scope)
            context.update(surface=surface, cells=len(surface.ids))
        except hotspots.HotspotError as exc:
            context["error"] = str(exc)
    return render(request, "intel/hotspots.html", context)


@page("intel.view")
def hotspot_layer(request):
    scope, error = scoped(request)
    if scope is None:
        return JsonResponse({"detail": error}, status=400)
    try:
        return JsonResponse(surface_for(request, scope).geojson())
    except hotspots.HotspotError as exc:
        return JsonResponse({"detail": str(exc)}, status=400)


@page("intel.view")
def hotspot_export(request, fmt: str):
    if fmt not in ("geojson", "csv"):
        raise Http404("Exports are GeoJSON or CSV.")
    scope, error = scoped(request)
    if scope is None:
        return HttpResponse(error, status=400, content_type="text/plain")
    try:
        surface = surface_for(request, scope)
    except hotspots.HotspotError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain")
    audit.record(
        actor_of(request),
        AuditEntry.Kind.EXPORT,
        ("intel.hotspots", scope.partnership.slug),
        fields=["cells"],
        summary=f"Hotspot {fmt} export ({surface.label}; {scope.query()})",
    )
    stamp = timezone.localdate().isoformat()
    if fmt == "geojson":
        response = HttpResponse(json.dumps(surface.geojson()), content_type="application/geo+json")
        response["Content-Disposition"] = f'attachment; filename="hotspots-{stamp}.geojson"'
        return response
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="hotspots-{stamp}.csv"'
    writer = csv.DictWriter(response, fieldnames=["cell_id", "lat", "lon", "value", "colour"])
    writer.writeheader()
    writer.writerows(surface.rows())
    return response


@page("tasking.view")
def tasking_list(request):
    taskings = PatrolTasking.objects.visible_to(request.user).select_related("partnership")[:50]
    form = TaskingForm()
    can_manage = allowed(request.user, "intel.manage")
    if request.method == "POST" and can_manage:
        form = TaskingForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            partnership = queries.partnerships_of(request.user).first()
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
    found = PatrolTasking.objects.visible_to(request.user).filter(pk=pk).first() if pk < MAX_ID else None
    if found is None:
        raise Http404("No such tasking.")
    return found


@page("tasking.view")
def tasking_detail(request, pk: int):
    tasking = _tasking(request, pk)
    cells = list(tasking.cells.all())
    visits = PatrolVisit.objects.filter(cell__tasking=tasking).select_related("cell", "officer")
    return render(request, "intel/tasking_detail.html", {"tasking": tasking, "cells": cells, "visits": visits})


@page("tasking.view")
def tasking_layer(request, pk: int):
    tasking = _tasking(request, pk)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
            "properties": {"name": f"#{c.rank} (risk {c.risk:.3g})", "colour": "#c0392b", "rank": c.rank},
        }
        for c in tasking.cells.all()
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
    return render(
        request,
        "intel/my_taskings.html",
        {"taskings": taskings, "error": error, "mine": mine, "now": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
        status=400 if error else 200,
    )
