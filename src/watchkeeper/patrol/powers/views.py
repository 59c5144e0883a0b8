"""The phone page's forms: log an incident, issue a notice, record a power used, upload a GPS track. Each posts through
the same schema and service as the API, then returns to the phone page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from watchkeeper.core.input import parse
from watchkeeper.core.web import actor_of, page
from watchkeeper.patrol.officers.queries import officer_for
from watchkeeper.patrol.powers import services
from watchkeeper.patrol.proof.services import import_track
from watchkeeper.patrol.schemas import IncidentIn, NoticeIn, PowerUseIn, TrackIn

MAX_TRACK_BYTES = 5_000_000


@require_POST
@page("patrol.record")
def log_incident(request):
    body = parse(IncidentIn, request.POST)
    logged = services.log_incident(
        actor_of(request), officer_for(request.user), body.category, body.notes, body.lat, body.lon
    )
    messages.success(request, f"Incident {logged.incident.reference} logged with the control room.")
    return redirect("patrol:my_shift")


@require_POST
@page("patrol.record")
def issue_notice(request):
    body = parse(NoticeIn, request.POST, video_running=request.POST.get("video_running") == "on")
    notice = services.issue_notice(actor_of(request), officer_for(request.user), **body.service_fields())
    messages.success(request, f"Notice {notice.reference} issued.")
    return redirect("patrol:my_shift")


@require_POST
@page("patrol.record")
def use_power(request):
    checkboxes = {name: request.POST.get(name) == "on" for name in ("refused", "video_running")}
    body = parse(PowerUseIn, request.POST, **checkboxes)
    used = services.use_power(actor_of(request), officer_for(request.user), body)
    messages.success(request, f"{used.power.label} recorded.")
    return redirect("patrol:my_shift")


@require_POST
@page("patrol.record")
def upload_track(request):
    upload = request.FILES.get("track")
    if upload is None or upload.size > MAX_TRACK_BYTES:
        return redirect("patrol:my_shift")
    name = upload.name.lower()
    text = upload.read().decode("utf-8", "replace")
    body = parse(TrackIn, {"format": "gpx" if name.endswith(".gpx") else "csv", "text": text})
    shift, stored = import_track(actor_of(request), officer_for(request.user), body.text, body.format)
    messages.success(request, f"{stored} positions stored for the shift of {shift.service_date}.")
    return redirect("patrol:my_shift")
