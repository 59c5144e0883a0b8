"""Meeting pages: the list with scheduling, a meeting's page (the agenda built from the cases due
and, at a MARAC, their referrals; the minutes; actions minuted per agency) and an agency's research
pack (meetings.queries.pack: only what that agency may see). Writes use the API's schemas and the
same services; POST-redirect-GET; a refusal is shown beside its form with its 4xx status."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from watchkeeper.cases.asb.rules import LONDON
from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core.models import Kind
from watchkeeper.cases.core.queries import visible_case, visible_in_case
from watchkeeper.cases.core.schemas import ActionIn
from watchkeeper.cases.core.views import attempt, form_write
from watchkeeper.cases.meetings import queries
from watchkeeper.cases.meetings import services as meeting_services
from watchkeeper.cases.meetings.models import Meeting
from watchkeeper.cases.reports.api import MeetingIn, MinutesIn
from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.errors import Denied, Invalid, NotFound
from watchkeeper.core.input import Id, parse
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.models import Agency
from watchkeeper.core.web import actor_of, page


class MinutedActionIn(ActionIn):
    case: Id


def _partnerships(user):
    return user.agency.partnerships.all() if user.agency_id else []


@page("meeting.view")
def meetings(request):
    context = {
        "meetings": Meeting.objects.visible_to(request.user).order_by("-held_at")[:100],
        "kinds": Meeting.Kind.choices,
        "partnerships": _partnerships(request.user),
        "can_manage": allowed(request.user, "meeting.manage"),
    }
    if request.method == "POST":

        def do():
            if not context["can_manage"]:
                raise Denied("Your role does not schedule meetings.")
            body = parse(MeetingIn, request.POST)
            partnership = member_partnership(request.user, body.partnership)
            # A datetime-local box has no zone: it is UK time (stored UTC, as every time is).
            held_at = body.held_at if timezone.is_aware(body.held_at) else timezone.make_aware(body.held_at, LONDON)
            return meeting_services.schedule(
                actor_of(request), partnership, body.kind, held_at, body.title, body.attendees
            )

        return form_write(
            request,
            "meeting.manage",
            do,
            "cases/meetings.html",
            context,
            lambda meeting: (f"{meeting.title} scheduled.", redirect("cases:meeting", pk=meeting.pk)),
        )
    return render(request, "cases/meetings.html", context)


def _meeting(request, pk) -> Meeting:
    return visible_in_case(Meeting, request.user, pk)


def meeting_context(request, meeting: Meeting) -> dict:
    cases = list(queries.agenda(request.user, meeting))
    referrals = queries.referrals_by_case(request.user, cases) if meeting.kind == Meeting.Kind.MARAC else {}
    actions = meeting.actions.filter(case__in=cases).select_related("agency", "case", "owner")
    audit.record_read(actor_of(request), meeting, ["agenda", "minutes", "actions"])
    return {
        "meeting": meeting,
        "agenda": [(c, referrals.get(c.pk, [])) for c in cases],
        "actions": actions,
        "agencies": Agency.objects.filter(partnerships=meeting.partnership).order_by("name"),
        "can_manage": allowed(request.user, "meeting.manage", meeting),
        "is_marac": meeting.kind == Meeting.Kind.MARAC,
    }


def _write(request, pk, form, do):
    meeting = _meeting(request, pk)
    if request.method != "POST":
        return redirect("cases:meeting", pk=meeting.pk)
    message, problem = attempt(request, "meeting.manage", lambda: do(actor_of(request), meeting, request.POST))
    if problem:
        context = {**meeting_context(request, meeting), "error": problem.message, "error_form": form}
        return render(request, "cases/meeting.html", context, status=problem.status)
    messages.success(request, message)
    return redirect(f"/cases/meetings/{meeting.pk}/#{form}")


@page("meeting.view")
def meeting_page(request, pk: int):
    return render(request, "cases/meeting.html", meeting_context(request, _meeting(request, pk)))


@page("meeting.manage")
def build_agenda(request, pk: int):
    def do(actor, meeting, post):
        found = meeting_services.build_agenda(actor, meeting)
        return f"Agenda built: {len(found)} cases added."

    return _write(request, pk, "agenda", do)


@page("meeting.manage")
def minutes(request, pk: int):
    def do(actor, meeting, post):
        meeting_services.record_minutes(actor, meeting, parse(MinutesIn, post).minutes)
        return "Minutes saved."

    return _write(request, pk, "minutes", do)


@page("meeting.manage")
def minute_action(request, pk: int):
    """An action agreed at the meeting for one agency, on one of the agenda's cases."""

    def do(actor, meeting, post):
        body = parse(MinutedActionIn, post)
        case = visible_case(request.user, body.case)
        if not meeting.agenda.filter(pk=case.pk).exists():
            raise Invalid("Minute actions on the cases of this meeting's agenda.")
        found = case_services.add_action(actor, case, body.agency, body.text, body.due, body.owner, meeting=meeting)
        return f"Action minuted for {found.agency.name} on {case.reference}."

    return _write(request, pk, "actions", do)


@page("meeting.view")
def research_pack(request, pk: int, agency_id: int):
    meeting = _meeting(request, pk)
    agency = Agency.objects.filter(pk=agency_id, partnerships=meeting.partnership).first()
    if agency is None:
        raise NotFound(f"No agency {agency_id} in this meeting's partnership.")
    entries = queries.pack(request.user, meeting, agency)
    audit.record_read(actor_of(request), meeting, ["research_pack"], summary=f"research pack for {agency.name}")
    return render(
        request,
        "cases/research_pack.html",
        {"meeting": meeting, "agency": agency, "entries": entries, "channel": Kind.CHANNEL},
    )
