"""The live board (server-rendered first paint + websocket updates via board.js) and the historical
import upload page. control/urls.py appends `urlpatterns` from here."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import F, Max, Min
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path, reverse

from watchkeeper.control.importing import services as importing
from watchkeeper.control.importing.files import ImportRefused
from watchkeeper.control.importing.profiles import ProfileError, shipped_names
from watchkeeper.control.models import Assignment, Incident, Unit, UnitStatusChange
from watchkeeper.control.services.common import active_grades, incident_message, unit_message
from watchkeeper.core import roads
from watchkeeper.core.access import allowed, require
from watchkeeper.core.models import Partnership, Place
from watchkeeper.core.web import actor_of, page

BOARD_ROWS = 300  # a board longer than this is not being read; the incident list pages the rest
MAX_UPLOAD_FILES = 20


def board_state(user) -> dict:
    """Open live incidents (historical imports are not on the board) and on-duty units the user may see."""
    grades = {
        g.code: {"label": g.label, "target_minutes": g.target_minutes, "rank": g.rank, "immediate": g.immediate}
        for g in active_grades()
    }
    open_incidents = (
        Incident.objects.visible_to(user)
        .filter(status=Incident.Status.OPEN, source="")
        .select_related("category", "grade")
        .order_by(F("grade__rank").asc(nulls_first=True), "received_at", "pk")[:BOARD_ROWS]
    )
    open_incidents = list(open_incidents)
    stages = _stages([i.pk for i in open_incidents])
    incidents = []
    for incident in open_incidents:
        message = incident_message(incident, stages.get(incident.pk, "open"))
        message["url"] = reverse("control:incident", args=[incident.pk])
        incidents.append(message)
    units = []
    if allowed(user, "unit.view"):
        on_duty = list(Unit.objects.visible_to(user).exclude(status=Unit.Status.OFF_DUTY).order_by("call_sign"))
        contexts = _unit_contexts(on_duty)
        units = [unit_message(u, context=contexts[u.pk]) for u in on_duty]
    return {"grades": grades, "incidents": incidents, "units": units}


def _stages(incident_ids: list[int]) -> dict[int, str]:
    """Open, despatched or at scene for each incident, from its uncleared assignments (one query)."""
    stages: dict[int, str] = {}
    open_assignments = Assignment.objects.filter(incident_id__in=incident_ids, cleared_at__isnull=True)
    for incident_id, arrived in open_assignments.values_list("incident_id", "arrived_at"):
        if arrived is not None or stages.get(incident_id) == "at_scene":
            stages[incident_id] = "at_scene"
        else:
            stages[incident_id] = "despatched"
    return stages


def _unit_contexts(units: list[Unit]) -> dict[int, tuple]:
    """Each unit's current incident and the time of its last status change (two queries)."""
    ids = [u.pk for u in units]
    current = {
        a.unit_id: a.incident
        for a in Assignment.objects.filter(unit_id__in=ids, cleared_at__isnull=True).select_related("incident")
    }
    since = dict(
        UnitStatusChange.objects.filter(unit_id__in=ids)
        .exclude(status_from=F("status_to"))
        .values_list("unit_id")
        .annotate(last=Max("at"))
        .values_list("unit_id", "last")
    )
    return {pk: (current.get(pk), since.get(pk)) for pk in ids}


def _area(user) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of the places in the user's partnerships (their own district's
    when their agency serves one), or None when none are loaded."""
    places = Place.objects.filter(partnership_id__in=user.partnership_ids())
    district = user.agency.district_id if user.agency_id else None
    if district:
        places = places.filter(ward__district_id=district)
    box = places.aggregate(Min("lat"), Max("lat"), Min("lon"), Max("lon"))
    if box["lat__min"] is None:
        return None
    return box["lat__min"], box["lon__min"], box["lat__max"], box["lon__max"]


@page("incident.view")
def board(request):
    state = board_state(request.user)
    state["state_url"] = reverse("control:board_state")
    state["ws_path"] = "/ws/board/"
    area = _area(request.user)
    # Roads only where the bundled network reaches (Camden): elsewhere (Hertfordshire) the map is
    # the ward boundaries and the page says travel times are straight-line estimates.
    has_roads = area is None or roads.covers(*area)
    state["layers"] = [{"name": "Wards", "url": reverse("ward_layer"), "style": "ward"}]
    if has_roads:
        state["layers"].insert(0, {"name": "Roads", "url": reverse("road_layer"), "style": "road"})
    if area is not None:
        state["center"] = [round((area[0] + area[2]) / 2, 5), round((area[1] + area[3]) / 2, 5)]
    grades = state["grades"]
    for row in state["incidents"]:
        row["grade_label"] = grades.get(row["grade"], {}).get("label", "")
    return render(
        request,
        "control/board.html",
        {
            "state": state,
            "incidents": state["incidents"],
            "units": state["units"],
            "tile_url": settings.MAP_TILE_URL,
            "has_roads": has_roads,
            "partnership": Partnership.objects.filter(id__in=request.user.partnership_ids()).order_by("pk").first(),
            # The command line is offered to those who may act on incidents from the board.
            "may_command": any(
                allowed(request.user, a) for a in ("incident.grade", "incident.despatch", "incident.close")
            ),
        },
    )


@page("incident.view")
def board_state_json(request):
    """What the board re-reads after a reconnect, so nothing changed while the line was down is missed."""
    return JsonResponse(board_state(request.user))


class ImportForm(forms.Form):
    """The upload form's choices (the files come from request.FILES): one of the user's
    partnerships and one shipped profile."""

    partnership = forms.ChoiceField(error_messages={"invalid_choice": "Choose one of your partnerships."})
    profile = forms.ChoiceField(error_messages={"invalid_choice": "Choose an import profile from the list."})

    def __init__(self, partnerships, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = [(p.slug, p.name) for p in partnerships]
        self.fields["profile"].choices = [(name, name) for name in shipped_names()]


@page("incident.import")
def import_page(request):
    """Upload CAD export files through an import profile; the summary lists every bad row."""
    partnerships = Partnership.objects.filter(id__in=request.user.partnership_ids()).order_by("name")
    context = {"profiles": shipped_names(), "partnerships": partnerships, "summaries": [], "error": ""}
    if request.method != "POST":
        return render(request, "control/import.html", context)
    require(request.user, "incident.import")
    uploads = request.FILES.getlist("files")
    form = ImportForm(partnerships, request.POST)
    valid = form.is_valid()
    slug, profile = form.cleaned_data.get("partnership", ""), form.cleaned_data.get("profile", "")
    context.update(chosen_profile=profile, chosen_partnership=slug)
    if not uploads:
        context["error"] = "Choose at least one CSV export file."
    elif len(uploads) > MAX_UPLOAD_FILES:
        context["error"] = f"Upload at most {MAX_UPLOAD_FILES} files at a time."
    elif not valid:
        context["error"] = " ".join(e for errors in form.errors.values() for e in errors)
    if context["error"]:
        return render(request, "control/import.html", context, status=400)
    try:
        plan = importing.plan_import(profile, slug, [], uploads=[(f.name, f.read()) for f in uploads])
    except (ImportRefused, ProfileError) as exc:
        context["error"] = f"Nothing imported. {exc}"
        return render(request, "control/import.html", context, status=400)
    actor = actor_of(request)
    context["summaries"] = [importing.import_file(actor, plan, source) for source in plan.files]
    return render(request, "control/import.html", context)


urlpatterns = [
    path("", board, name="board"),
    path("board/state.json", board_state_json, name="board_state"),
    path("import/", import_page, name="import"),
]
