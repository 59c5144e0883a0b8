"""Control-room pages: intake (keyboard first), incident (grade, despatch, command, close), units,
the field officer's mobile page, response-time figures with CSV export, misuse callers and reviews.
Views never write models: every change goes through control.services."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from watchkeeper.control import kpis, queries, schemas, services
from watchkeeper.control.models import (
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
from watchkeeper.core.input import csv_writer, id_or_none, parse
from watchkeeper.core.models import Agency, AuditEntry, Partnership
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
