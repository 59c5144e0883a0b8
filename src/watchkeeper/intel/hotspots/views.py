"""The hotspot page, its GeoJSON layer and exports (exports are audited)."""

from __future__ import annotations

import csv
import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from watchkeeper.core import audit
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of, page
from watchkeeper.intel.crime import queries
from watchkeeper.intel.crime.scope import filters_context, page_scope
from watchkeeper.intel.hotspots import surfaces as hotspots


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
    scope, error = page_scope(request)
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
    scope, error = page_scope(request)
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
    scope, error = page_scope(request)
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
