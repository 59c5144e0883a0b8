"""The call-taking pages: the intake screen (grade and THRIVE saved with the call), the address
combobox's options (the gazetteer), the nearest address to a map click, and the caller and place
context beside the form. Views never write models: every change goes through control.services."""

from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render

from watchkeeper.control import queries, rules, schemas, services
from watchkeeper.control.gazetteer import queries as gazetteer
from watchkeeper.control.models import Channel, IncidentCategory
from watchkeeper.control.services.common import Refused, active_grades
from watchkeeper.control.services.grading import THRIVE_PARTS
from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.geo import to_bng, valid_latlon
from watchkeeper.core.input import finite_or_none, id_or_none, parse
from watchkeeper.core.models import Partnership, Place
from watchkeeper.core.web import actor_of, page


def _partnership(request) -> Partnership | None:
    return Partnership.objects.filter(id__in=request.user.partnership_ids()).order_by("pk").first()


def _centre(partnership: Partnership | None) -> str:
    """ "lat,lon" of the partnership's places (the intake map opens there)."""
    if partnership is None:
        return ""
    place = Place.objects.filter(partnership=partnership).order_by("pk").values("lat", "lon").first()
    return f"{place['lat']:.5f},{place['lon']:.5f}" if place else ""


@page("incident.create")
def intake(request):
    partnership = _partnership(request)
    error, status, question = "", 200, None
    if request.method == "POST" and partnership is not None:
        try:
            accuracy = "map" if request.POST.get("map_click") else ""
            thrive = {p: request.POST.get(f"thrive_{p}", "")[:500] for p in THRIVE_PARTS}
            body = parse(
                schemas.IncidentIn, request.POST, partnership=partnership.slug, accuracy=accuracy, thrive=thrive
            )
            incident = services.take_call(actor_of(request), partnership, **body.service_fields())
            graded = f", graded {incident.grade.code}" if incident.grade_id else ""
            messages.success(request, f"Incident {incident.reference} recorded{graded}.")
            return redirect("control:incident", pk=incident.pk)
        except services.CallerQuestion as exc:
            error, status, question = exc.message, exc.status, exc
        except Refused as exc:  # the form is shown again with what was typed and the reason
            error, status = exc.message, exc.status
    context = {
        "channels": Channel.objects.all(),
        "categories": IncidentCategory.objects.filter(active=True),
        "grades": active_grades(),
        "thrive_fields": [(p, request.POST.get(f"thrive_{p}", "")) for p in THRIVE_PARTS],
        "thrive_given": any(request.POST.get(f"thrive_{p}") for p in THRIVE_PARTS),
        "error": error,
        "question": question,
        "form": request.POST if request.method == "POST" else {},
        "partnership": partnership,
        "has_places": partnership is not None and Place.objects.filter(partnership=partnership).exists(),
        "centre": _centre(partnership),
    }
    return render(request, "control/intake.html", context, status=status)


@page("incident.create")
def place_search(request):
    """The combobox's options: the gazetteer's best matches for what was typed."""
    q = request.GET.get("q", "")[:100].strip()
    partnership = _partnership(request)
    found = gazetteer.search(request.user, partnership.pk, q) if len(q) >= 2 and partnership else []
    return render(request, "control/_places.html", {"places": [p for p, _ in found], "q": q})


@page("incident.create")
def nearest_place(request):
    """A map click on the intake map: the nearest address (JSON), or the bare point when none is near."""
    partnership = _partnership(request)
    lat, lon = finite_or_none(request.GET.get("lat")), finite_or_none(request.GET.get("lon"))
    if partnership is None or lat is None or lon is None or not valid_latlon(lat, lon):
        return JsonResponse({"error": "Give lat and lon inside the partnership's area."}, status=400)
    found = gazetteer.nearest_place(request.user, partnership.pk, lat, lon)
    if found is None:
        return JsonResponse({"place": None, "name": "", "lat": lat, "lon": lon, "metres": None})
    place, metres = found
    ward = place.ward.name if place.ward_id else ""
    return JsonResponse(
        {
            "place": place.pk,
            "name": place.name,
            "ward": ward,
            "lat": place.lat,
            "lon": place.lon,
            "metres": round(metres),
        }
    )


@page("incident.create")
def intake_context(request):
    """History of the address and the phone, misuse flag and likely duplicates, for the call handler."""
    partnership = _partnership(request)
    phone = request.GET.get("caller_phone", "")[:40]
    lat, lon = finite_or_none(request.GET.get("lat")), finite_or_none(request.GET.get("lon"))
    place_id = id_or_none(request.GET.get("place"))
    context = {"phone_history": [], "address_history": [], "duplicates": [], "caller": None, "misuse": 0}
    if partnership is None:
        return render(request, "control/_context.html", context)
    if place_id is not None:
        place = Place.objects.filter(pk=place_id, partnership=partnership).first()
        if place is not None:
            lat, lon = place.lat, place.lon
    if phone and allowed(request.user, "person.view"):
        context["phone_history"] = queries.phone_history(request.user, phone)
        context["misuse"] = queries.misuse_count(request.user, phone)
        context["threshold"] = queries.ControlSettings.current().misuse_threshold
        context["flagged"] = rules.persistent_misuse(context["misuse"], context["threshold"])
        context["caller"] = queries.caller_for_phone(actor_of(request), partnership.pk, phone)
        caller = context["caller"]
        name = request.GET.get("caller_name", "")[:200]
        context["name_differs"] = caller is not None and services.intake.names_differ(str(caller), name)
        if context["phone_history"] or context["misuse"]:
            # A phone's call history is personal data even without a caller record: audited.
            audit.record_read(
                actor_of(request),
                ("control.incident", "caller_phone"),
                ["caller_phone"],
                summary=f"Phone history at intake: {len(context['phone_history'])} calls",
            )
    if lat is not None and lon is not None and valid_latlon(lat, lon):
        easting, northing = to_bng(lat, lon)
        context["address_history"] = queries.address_history(request.user, easting, northing)
        group = queries.category_group(request.GET.get("category", "")[:40])
        if group:
            context["duplicates"] = queries.likely_duplicates(
                request.user, {"group": group, "easting": easting, "northing": northing}
            )
    return render(request, "control/_context.html", context)
