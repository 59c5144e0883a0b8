"""The retention page: actual against expected retention per camera, holds, deletion certificates."""

from __future__ import annotations

from datetime import date, datetime

from django.shortcuts import redirect, render
from ninja import Field

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.retention import queries, services
from watchkeeper.cctv.retention.models import DeletionCertificate, Hold
from watchkeeper.core.access import allowed, get_visible_or_404, visible
from watchkeeper.core.input import Id, StrictSchema, parse
from watchkeeper.core.web import actor_of, page


class HoldIn(StrictSchema):
    camera: Id
    start: datetime
    end: datetime
    reason: str = Field(..., min_length=1, max_length=300)
    expires_on: date


@page("cctv.retention.view")
def retention_page(request):
    if request.method == "POST":
        body = parse(HoldIn, request.POST)
        camera = get_visible_or_404(Camera, request.user, "No such camera.", pk=body.camera)
        services.place_hold(actor_of(request), camera, body.start, body.end, body.reason, body.expires_on)
        return redirect("cctv:retention")
    context = {
        "rows": queries.per_camera(request.user),
        "holds": visible(Hold, request.user).select_related("camera", "request")[:200],
        "certificates": visible(DeletionCertificate, request.user)[:50],
        "can_hold": allowed(request.user, "cctv.retention.hold"),
        "cameras": visible(Camera, request.user),
    }
    return render(request, "cctv/retention.html", context)
