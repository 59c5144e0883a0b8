"""Camera estate pages: the estate with its map, a camera's record and faults, the fault board."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect, render

from watchkeeper.cctv.cameras import queries, services
from watchkeeper.cctv.cameras.models import Camera, Fault
from watchkeeper.cctv.cameras.schemas import CameraIn, CameraPatch, FaultIn
from watchkeeper.core.access import allowed, get_visible_or_404, require
from watchkeeper.core.input import id_or_none, parse
from watchkeeper.core.models import District
from watchkeeper.core.web import actor_of, page


@page("cctv.camera.view")
def cameras_page(request):
    if request.method == "POST":
        require(request.user, "cctv.camera.edit")
        camera = services.add_camera(actor_of(request), **parse(CameraIn, request.POST).model_dump())
        return redirect("cctv:camera", pk=camera.pk)
    rows = queries.estate(request.user)
    context = {
        "rows": rows,
        "districts": queries.by_district(rows),
        "layers": [{"name": "Cameras", "url": "/cctv/cameras.geojson", "style": "camera"}],
        "can_edit": allowed(request.user, "cctv.camera.edit"),
        "partnerships": request.user.agency.partnerships.all() if request.user.agency_id else [],
        "district_choices": District.objects.filter(partnership__in=request.user.partnership_ids()),
        "kinds": Camera.Kind.choices,
    }
    return render(request, "cctv/cameras.html", context)


@page("cctv.camera.view")
def camera_layer(request):
    return JsonResponse(queries.camera_layer(request.user))


@page("cctv.camera.view")
def camera_page(request, pk: int):
    camera = get_visible_or_404(Camera.objects.select_related("district"), request.user, f"No camera {pk}.", pk=pk)
    if request.method == "POST":
        if request.POST.get("form") == "fault":
            services.report_fault(actor_of(request), camera, **parse(FaultIn, request.POST).model_dump())
        else:
            require(request.user, "cctv.camera.edit", camera)
            services.update_camera(
                actor_of(request), camera, **parse(CameraPatch, request.POST).model_dump(exclude_none=True)
            )
        return redirect("cctv:camera", pk=camera.pk)
    row = next(r for r in queries.estate(request.user) if r["camera"].pk == camera.pk)
    context = {
        "camera": camera,
        "availability": row["availability"],
        "faults": camera.faults.all()[:50],
        "can_edit": allowed(request.user, "cctv.camera.edit"),
        "can_fault": allowed(request.user, "cctv.fault.record"),
    }
    return render(request, "cctv/camera.html", context)


@page("cctv.camera.view")
def faults_page(request):
    if request.method == "POST":
        fault = get_visible_or_404(Fault, request.user, "No such fault.", pk=id_or_none(request.POST.get("fault")))
        services.fix_fault(actor_of(request), fault)
        return redirect("cctv:faults")
    context = {
        "faults": queries.open_faults(request.user),
        "at_risk": queries.evidence_at_risk(request.user),
        "can_fix": allowed(request.user, "cctv.fault.record"),
    }
    return render(request, "cctv/faults.html", context)
