"""Control-room pages: intake (keyboard first), incident (grade, despatch, command, close), units,
the field officer's mobile page, response-time figures with CSV export, misuse callers and reviews.
Views never write models: every change goes through control.services."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from watchkeeper.control import kpis, queries, rules, services
from watchkeeper.control.models import (
    Channel,
    ClosingCode,
    Incident,
    IncidentCategory,
    SupervisionReview,
    Unit,
)
from watchkeeper.control.services.common import ControlError, active_grades
from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.models import Agency, AuditEntry, Partnership, Place
from watchkeeper.core.web import actor_of, page

MAX_ID = 2**63 - 1


def _float(value):
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _visible_incident(request, pk: int) -> Incident:
    if pk > MAX_ID:
        raise Http404
    found = Incident.objects.visible_to(request.user).select_related("category", "grade", "channel").filter(pk=pk)
    incident = found.first()
    if incident is None:
        raise Http404("No such incident.")
    return incident


def _partnership(request) -> Partnership | None:
    return Partnership.objects.filter(id__in=request.user.partnership_ids()).order_by("pk").first()


@page("incident.create")
def intake(request):
    partnership = _partnership(request)
    error, status = "", 200
    if request.method == "POST" and partnership is not None:
        form = request.POST
        try:
            incident = services.create_incident(
                actor_of(request),
                partnership,
                channel=form.get("channel", ""),
                category=form.get("category", ""),
                description=form.get("description", "")[:5000],
                lat=_float(form.get("lat")),
                lon=_float(form.get("lon")),
                place_id=int(form["place"]) if form.get("place", "").isdigit() else None,
                location_text=form.get("location_text", "")[:300],
                accuracy="map" if form.get("map_click") else "",
                caller_name=form.get("caller_name", "")[:200],
                caller_phone=form.get("caller_phone", "")[:40],
                caller_address=form.get("caller_address", "")[:300],
            )
            messages.success(request, f"Incident {incident.reference} recorded.")
            return redirect("control:incident", pk=incident.pk)
        except ControlError as exc:
            error, status = exc.message, exc.status
    context = {
        "channels": Channel.objects.all(),
        "categories": IncidentCategory.objects.filter(active=True),
        "error": error,
        "form": request.POST if request.method == "POST" else {},
        "partnership": partnership,
    }
    return render(request, "control/intake.html", context, status=status)


@page("incident.create")
def place_search(request):
    q = request.GET.get("q", "")[:100].strip()
    places = []
    if len(q) >= 2:
        qs = Place.objects.filter(partnership_id__in=request.user.partnership_ids())
        for word in q.split()[:5]:
            qs = qs.filter(name__icontains=word)
        places = list(qs.order_by("name")[:12])
    return render(request, "control/_places.html", {"places": places})


@page("incident.create")
def intake_context(request):
    """History of the address and the phone, misuse flag and likely duplicates, for the call handler."""
    partnership = _partnership(request)
    phone = request.GET.get("caller_phone", "")[:40]
    lat, lon = _float(request.GET.get("lat")), _float(request.GET.get("lon"))
    place_id = request.GET.get("place", "")
    context = {"phone_history": [], "address_history": [], "duplicates": [], "caller": None, "misuse": 0}
    if partnership is None:
        return render(request, "control/_context.html", context)
    if place_id.isdigit() and int(place_id) <= MAX_ID:
        place = Place.objects.filter(pk=int(place_id), partnership=partnership).first()
        if place is not None:
            lat, lon = place.lat, place.lon
    if phone and allowed(request.user, "person.view"):
        context["phone_history"] = queries.phone_history(request.user, phone)
        context["misuse"] = queries.misuse_count(request.user, phone)
        context["threshold"] = queries.ControlSettings.current().misuse_threshold
        context["flagged"] = rules.persistent_misuse(context["misuse"], context["threshold"])
        context["caller"] = queries.caller_for_phone(actor_of(request), partnership.pk, phone)
        if context["phone_history"] or context["misuse"]:
            # A phone's call history is personal data even without a caller record: audited.
            audit.record_read(
                actor_of(request),
                ("control.incident", "caller_phone"),
                ["caller_phone"],
                summary=f"Phone history at intake: {len(context['phone_history'])} calls",
            )
    from watchkeeper.core.geo import to_bng, valid_latlon

    if lat is not None and lon is not None and valid_latlon(lat, lon):
        easting, northing = to_bng(lat, lon)
        context["address_history"] = queries.address_history(request.user, easting, northing)
        group = queries.category_group(request.GET.get("category", "")[:40])
        if group:
            context["duplicates"] = queries.likely_duplicates(
                request.user, {"group": group, "easting": easting, "northing": northing}
            )
    return render(request, "control/_context.html", context)


@page("incident.view")
def incidents(request):
    qs = Incident.objects.visible_to(request.user).select_related("category", "grade")
    status = request.GET.get("status", "open")
    if status in Incident.Status.values:
        qs = qs.filter(status=status)
    return render(request, "control/incidents.html", {"incidents": qs[:200], "status": status})


@page("incident.view")
def incident(request, pk: int, error: str = "", status: int = 200):
    found = _visible_incident(request, pk)
    user = request.user
    context = {
        "incident": found,
        "events": found.events.order_by("at", "pk"),
        "assignments": found.assignments.select_related("unit"),
        "assessment": found.assessments.order_by("-assessed_at", "-pk").first(),
        "reviews": found.reviews.all(),
        "duplicates": found.duplicates.all(),
        "error": error,
        "grades": active_grades(),
        "closing_codes": ClosingCode.objects.filter(active=True),
        "categories": IncidentCategory.objects.filter(active=True),
        "agencies": Agency.objects.filter(partnerships=found.partnership_id),
        "outcomes": Incident.Resolution.choices,
        "suggestion": services.grading.suggestion_for(found) if found.is_open else None,
        "may": {
            a.split(".")[1]: allowed(user, a)
            for a in ("incident.grade", "incident.despatch", "incident.command", "incident.close", "snt.authorise")
        },
        "may_take": allowed(user, "incident.command.take"),
        "may_return": allowed(user, "incident.command.return"),
    }
    if allowed(user, "person.view"):
        context["caller"] = queries.caller_details(actor_of(request), found)
    if found.is_open and context["may"]["despatch"]:
        context["ranked"] = services.recommendations(user, found)
        context["likely"] = queries.likely_duplicates(
            user,
            {
                "received_at": found.received_at,
                "group": found.category.group,
                "easting": found.easting,
                "northing": found.northing,
            },
            exclude_id=found.pk,
        )
    return render(request, "control/incident.html", context, status=status)


ACTIONS = {
    "grade": "incident.grade",
    "resolve": "incident.grade",
    "note": "incident.grade",
    "link": "incident.grade",
    "assign": "incident.despatch",
    "authorise": "snt.authorise",
    "take": "incident.command.take",
    "return": "incident.command.return",
    "escalate": "incident.command",
    "review": "incident.command",
    "close": "incident.close",
    "cancel": "incident.close",
}


@page("incident.view")
def incident_action(request, pk: int, action: str):
    """One form post on the incident page, handed to the matching service."""
    found = _visible_incident(request, pk)
    if request.method != "POST" or action not in ACTIONS:
        return redirect("control:incident", pk=found.pk)
    if not allowed(request.user, ACTIONS[action], found):
        return incident(request, pk, error="Your role does not allow that.", status=403)
    form, actor = request.POST, actor_of(request)
    try:
        _perform(actor, request.user, found, action, form)
    except ControlError as exc:
        return incident(request, pk, error=exc.message, status=exc.status)
    except (ValueError, KeyError):
        return incident(request, pk, error="That form was incomplete.", status=400)
    return redirect("control:incident", pk=found.pk)


def _unit_from(user, value: str) -> Unit:
    if not value.isdigit() or int(value) > MAX_ID:
        raise services.Invalid("Choose a unit.")
    unit = Unit.objects.visible_to(user).filter(pk=int(value)).first()
    if unit is None:
        raise services.Invalid("No such unit.")
    return unit


def _perform(actor, user, found: Incident, action: str, form) -> None:
    if action == "grade":
        thrive = {p: form.get(p, "")[:500] for p in services.grading.THRIVE_PARTS}
        services.grade_incident(
            actor, found, form.get("grade", ""), form.get("rationale", ""), thrive, form.get("reason", "")
        )
    elif action == "resolve":
        agency = Agency.objects.filter(slug=form.get("agency", "")).first() if form.get("agency") else None
        services.resolve_without_deployment(actor, found, form.get("outcome", ""), form.get("note", ""), agency)
    elif action == "note":
        services.add_note(actor, found, form.get("text", ""))
    elif action == "link":
        master = Incident.objects.visible_to(user).filter(reference=form.get("master", "").strip().upper())
        master = master.order_by("-received_at").first()
        if master is None:
            raise services.Invalid("No open incident with that reference.")
        services.link_duplicate(actor, found, master)
    elif action == "assign":
        unit = _unit_from(user, form.get("unit", ""))
        services.assign_unit(actor, found, unit)
    elif action == "authorise":
        services.authorise_snt(actor, found, _unit_from(user, form.get("unit", "")), form.get("reason", ""))
    elif action == "take":
        services.take_command(actor, found, form.get("rationale", ""))
    elif action == "return":
        services.return_command(actor, found, form.get("rationale", ""))
    elif action == "escalate":
        services.escalate(actor, found, form.get("level", ""), form.get("rationale", ""))
    elif action == "review":
        review = SupervisionReview.objects.filter(incident=found, pk=int(form.get("review", "0") or 0)).first()
        if review is None:
            raise services.Invalid("No such review.")
        services.complete_review(actor, review, form.get("note", ""))
    elif action == "close":
        services.close_incident(
            actor,
            found,
            form.get("closing_code", ""),
            form.get("result", ""),
            form.get("closing_category", ""),
            form.getlist("qualifiers"),
        )
    elif action == "cancel":
        services.cancel_incident(actor, found, form.get("reason", ""))


@page("unit.view")
def units(request):
    qs = Unit.objects.visible_to(request.user).select_related("agency", "home_ward")
    return render(request, "control/units.html", {"units": qs, "statuses": Unit.Status.choices})


@page("unit.status")
def my_unit(request):
    """The field officer's page (mobile): change my unit's status, see my assigned incident."""
    unit = Unit.objects.visible_to(request.user).filter(officer=request.user).first()
    error, status = "", 200
    if unit is not None and request.method == "POST":
        try:
            services.set_unit_status(
                actor_of(request),
                unit,
                request.POST.get("status", ""),
                lat=_float(request.POST.get("lat")),
                lon=_float(request.POST.get("lon")),
            )
            return redirect("control:my_unit")
        except ControlError as exc:
            error, status = exc.message, exc.status
    assignment = (
        unit.assignments.filter(cleared_at__isnull=True).select_related("incident__category").first() if unit else None
    )
    return render(
        request,
        "control/my_unit.html",
        {"unit": unit, "assignment": assignment, "statuses": Unit.Status.choices, "error": error},
        status=status,
    )


def _kpi_args(request):
    get = request.GET
    try:
        start, end = queries.parse_when(get.get("start", "")[:32]), queries.parse_when(get.get("end", "")[:32])
    except ValueError as exc:
        return None, str(exc)
    ward = int(get["ward"]) if get.get("ward", "").isdigit() and int(get["ward"]) <= MAX_ID else None
    district = int(get["district"]) if get.get("district", "").isdigit() and int(get["district"]) <= MAX_ID else None
    return {
        "start": start,
        "end": end,
        "grade": get.get("grade", "")[:8] or None,
        "ward": ward,
        "district": district,
    }, ""


@page("kpi.view")
def kpi_page(request):
    args, error = _kpi_args(request)
    report = kpis.kpi_report(request.user, **args) if args else None
    from watchkeeper.core.models import Ward

    wards = Ward.objects.filter(district__partnership_id__in=request.user.partnership_ids())
    return render(
        request,
        "control/kpis.html",
        {"report": report, "error": error, "wards": wards, "query": request.GET.urlencode()},
        status=400 if error else 200,
    )


@page("kpi.view")
def kpi_csv(request):
    args, error = _kpi_args(request)
    if args is None:
        return HttpResponse(error, status=400, content_type="text/plain")
    report = kpis.kpi_report(request.user, **args)
    audit.record(
        actor_of(request),
        AuditEntry.Kind.EXPORT,
        ("control.kpi", "response"),
        summary=f"Response-time figures CSV {request.GET.urlencode()[:200]}",
    )
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="response-times.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "grade",
            "label",
            "incidents",
            "attended",
            "no_arrival",
            "within_target",
            "share_within_target",
            "mean_minutes",
            "median_minutes",
            "target_minutes",
            "target_minutes_rural",
            "clock_start",
        ]
    )
    for row in report["by_grade"]:
        writer.writerow(
            [
                row["grade"],
                row["label"],
                row["incidents"],
                row["attended"],
                row["no_arrival"],
                row["within_target"],
                row["share_within_target"],
                row["mean_minutes"],
                row["median_minutes"],
                row["target_minutes"],
                row["target_minutes_rural"],
                row["clock_start"],
            ]
        )
    imm = report["immediate"]
    writer.writerow([])
    writer.writerow(["immediate_share_of_incidents", imm["share_of_incidents"]])
    writer.writerow(["immediate_mean_minutes", imm["mean_minutes"]])
    writer.writerow(["immediate_median_minutes", imm["median_minutes"]])
    writer.writerow(["immediate_share_over_30_minutes", imm["share_over_30_minutes"]])
    writer.writerow(["immediate_no_arrival", imm["no_arrival"]])
    writer.writerow(["ungraded", report["ungraded"]])
    return response


@page("incident.grade")
def misuse(request):
    from watchkeeper.control.models import ControlSettings

    return render(
        request,
        "control/misuse.html",
        {"callers": queries.misuse_callers(actor_of(request)), "threshold": ControlSettings.current().misuse_threshold},
    )


@page("incident.command")
def reviews(request):
    qs = SupervisionReview.objects.filter(
        status=SupervisionReview.Status.OPEN, incident__in=Incident.objects.visible_to(request.user)
    ).select_related("incident")
    return render(request, "control/reviews.html", {"reviews": qs[:200]})
