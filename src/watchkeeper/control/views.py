"""Control-room pages: intake (keyboard first), incident (grade, despatch, command, close), units,
the field officer's mobile page, response-time figures with CSV export, misuse callers and reviews.
Views never write models: every change goes through control.services."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from watchkeeper.control import kpis, queries, rules, schemas, services
from watchkeeper.control.models import (
    Channel,
    ClosingCode,
    Incident,
    IncidentCategory,
    SupervisionReview,
    Unit,
)
from watchkeeper.control.services.common import Refused, active_grades
from watchkeeper.control.timeline_text import sentence
from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.input import csv_writer, finite_or_none, id_or_none, parse
from watchkeeper.core.models import Agency, AuditEntry, Partnership, Place
from watchkeeper.core.web import actor_of, page


def _visible_incident(request, pk: int) -> Incident:
    if id_or_none(pk) is None:
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
        try:
            accuracy = "map" if request.POST.get("map_click") else ""
            body = parse(schemas.IncidentIn, request.POST, partnership=partnership.slug, accuracy=accuracy)
            incident = services.create_incident(actor_of(request), partnership, **body.service_fields())
            messages.success(request, f"Incident {incident.reference} recorded.")
            return redirect("control:incident", pk=incident.pk)
        except Refused as exc:  # the form is shown again with what was typed and the reason
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
def incident(request, pk: int, error: str = "", status: int = 200):
    found = _visible_incident(request, pk)
    user = request.user
    context = {
        "incident": found,
        "events": _timeline(found),
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


def _timeline(found: Incident) -> list:
    """The timeline with each event in words (control/timeline_text.py) and its actor's name."""
    events = list(found.events.select_related("actor").order_by("at", "pk"))
    for e in events:
        e.text = sentence(e.kind, e.payload)
        e.who = (e.actor.get_full_name() or e.actor.username) if e.actor else e.actor_label
    return events


ACTIONS = {
    "grade": "incident.grade",
    "resolve": "incident.grade",
    "note": "incident.grade",
    "link": "incident.grade",
    "assign": "incident.despatch",
    "assign-many": "incident.despatch",
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
    try:
        _perform(actor_of(request), request.user, found, action, request.POST)
    except Refused as exc:
        # Post-redirect-get on refusals too: the reason is shown on the incident page, and a reload
        # there never resubmits the form. A refusal writes nothing, so the redirect loses nothing.
        messages.error(request, exc.message)
        return redirect("control:incident", pk=found.pk)
    return redirect("control:incident", pk=found.pk)


def _unit_from(user, unit_id: int) -> Unit:
    unit = Unit.objects.visible_to(user).filter(pk=unit_id).first()
    if unit is None:
        raise services.NotFound("No such unit.")
    return unit


def _perform(actor, user, found: Incident, action: str, form) -> None:
    """The incident page's forms, each validated by the API's schema for the same action."""
    if action == "grade":
        thrive = {p: form.get(p, "") for p in services.grading.THRIVE_PARTS}
        body = parse(schemas.GradeIn, form, thrive=thrive)
        services.grade_incident(actor, found, body.grade, body.rationale, body.thrive.dict(), body.reason)
    elif action == "resolve":
        body = parse(schemas.ResolveIn, form)
        agency = Agency.objects.filter(slug=body.agency).first() if body.agency else None
        services.resolve_without_deployment(actor, found, body.outcome, body.note, agency)
    elif action == "note":
        services.add_note(actor, found, parse(schemas.NoteIn, form).text)
    elif action == "link":
        body = parse(schemas.LinkByReferenceIn, form)
        master = Incident.objects.visible_to(user).filter(reference=body.master.strip().upper())
        master = master.order_by("-received_at").first()
        if master is None:
            raise services.Invalid("No open incident with that reference.")
        services.link_duplicate(actor, found, master)
    elif action == "assign":
        body = parse(schemas.AssignPageIn, form)
        unit = _unit_from(user, body.unit)
        with transaction.atomic():
            services.assign_unit(actor, found, unit, override=body.override)
            if not found.grade_id:
                services.add_note(actor, found, f"{unit.call_sign} despatched before the call was graded.")
    elif action == "assign-many":
        body = parse(schemas.AssignManyIn, form)
        units = [_unit_from(user, pk) for pk in dict.fromkeys(body.units)]
        with transaction.atomic():  # every ticked unit is sent, or none is
            for unit in units:
                services.assign_unit(actor, found, unit)
            if not found.grade_id:
                names = ", ".join(u.call_sign for u in units)
                services.add_note(actor, found, f"{names} despatched before the call was graded.")
    elif action == "authorise":
        body = parse(schemas.AuthoriseIn, form)
        services.authorise_snt(actor, found, _unit_from(user, body.unit), body.reason)
    elif action in ("take", "return"):
        body = parse(schemas.CommandIn, form, action=action)
        command = services.take_command if action == "take" else services.return_command
        command(actor, found, body.rationale)
    elif action == "escalate":
        body = parse(schemas.EscalateIn, form)
        services.escalate(actor, found, body.level, body.rationale)
    elif action == "review":
        body = parse(schemas.ReviewPageIn, form)
        review = SupervisionReview.objects.filter(incident=found, pk=body.review).first()
        if review is None:
            raise services.NotFound("No such review.")
        services.complete_review(actor, review, body.note)
    elif action == "close":
        body = parse(schemas.ClosePageIn, form)
        if not body.confirm:
            raise services.Invalid(f"Tick the box to confirm closing {found.reference}.")
        services.close_incident(actor, found, body.closing_code, body.result, body.closing_category, body.qualifiers)
    elif action == "cancel":
        services.cancel_incident(actor, found, parse(schemas.ReasonIn, form).reason)


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
            body = parse(schemas.UnitStatusIn, request.POST)
            services.set_unit_status(actor_of(request), unit, body.status, lat=body.lat, lon=body.lon)
            return redirect("control:my_unit")
        except Refused as exc:
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
    ward, district = id_or_none(get.get("ward")), id_or_none(get.get("district"))
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
    writer = csv_writer(response)
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
