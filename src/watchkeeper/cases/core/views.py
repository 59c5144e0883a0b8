"""Case write pages: every form on a case's page posts here, is validated by the API's own schema
(core.input.parse) and calls the same service the API does, then redirects back (POST-redirect-GET).
A refusal (bad input, a missing prerequisite, a role without the action) re-renders the case page
with the message beside the form that caused it, with the refusal's 4xx status: nothing is written."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from watchkeeper.cases.core import documents, queries
from watchkeeper.cases.core import rules as case_rules
from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core.models import Action, Case, Kind, Link, Party
from watchkeeper.cases.core.schemas import (
    ActionIn,
    ActionUpdateIn,
    CaseIn,
    CloseIn,
    ConsentIn,
    HandOverIn,
    LinkIn,
    NoteIn,
    PartyIn,
    RestrictionIn,
)
from watchkeeper.core.access import allowed
from watchkeeper.core.errors import Invalid, Refused
from watchkeeper.core.input import parse
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.models import Agency, Restriction
from watchkeeper.core.services import search_people, searched_people
from watchkeeper.core.web import actor_of, page, refused

PERSON_RESULTS = 20


def case_context(request, case: Case) -> dict:
    """The case page's context: the detail every reader sees, and the forms the user may use."""
    from watchkeeper.cases.asb.models import LegalStep
    from watchkeeper.cases.asb.rules import TOOLS
    from watchkeeper.cases.marac.models import Referral
    from watchkeeper.cases.rules.lookup import rule

    user = request.user
    context = {"case": case, **queries.detail(user, case)}
    context["parties"] = case.parties.select_related("person", "place")
    context["actions"] = Action.objects.filter(case=case).select_related("agency", "owner")
    can_edit = case.is_open and allowed(user, "case.edit", case)
    context.update(
        can_edit=can_edit,
        can_asb=can_edit and case.kind in (Kind.ASB, Kind.TRIGGER) and allowed(user, "asb.manage", case),
        can_override=allowed(user, "asb.override", case),
        can_marac=can_edit and case.kind == Kind.MARAC and allowed(user, "marac.manage", case),
        can_trigger=can_edit and case.kind == Kind.TRIGGER and allowed(user, "trigger.manage", case),
        party_roles=Party.Role.choices,
        consents=Case.Consent.choices,
        restrictions=Restriction.choices,
        link_kinds=Link.Kind.choices,
        agencies=Agency.objects.filter(partnerships=case.partnership).order_by("name"),
        tools=TOOLS,
        legal_steps=LegalStep.objects.filter(case=case).select_related("subject", "overridden_by"),
        referrals=Referral.objects.filter(case=case).select_related("idva"),
        now_local=timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        review=getattr(case, "trigger_review", None) if case.kind == Kind.TRIGGER else None,
        links=Link.objects.filter(case=case).select_related("incident", "crime"),
        people_found=[],
    )
    if context["can_asb"] and case.kind == Kind.ASB:
        context["vulnerability_questions"] = list(rule("asb-vulnerability-matrix")["questions"])
    if context["can_marac"]:
        from watchkeeper.cases.marac.queries import assessment_form

        context["assessment_forms"] = [assessment_form(name) for name in ("dash-24", "dara")]
    if can_edit:
        context.update(sharing_context(case, user))
    if case.kind == Kind.CHANNEL:
        context.update(channel_context(case, user, can_edit))
    query = request.GET.get("person_q", "").strip()[:100]
    if query and can_edit:
        found = list(search_people(user, query).filter(partnership=case.partnership)[:PERSON_RESULTS])
        searched_people(actor_of(request), f"case {case.reference}: {len(found)} people for {query!r}")
        context.update(people_found=found, person_q=query)
    place_query = request.GET.get("place_q", "").strip()[:100]
    if place_query and can_edit:
        from watchkeeper.control.gazetteer.queries import search

        context.update(
            places_found=[p for p, _score in search(user, case.partnership_id, place_query)], place_q=place_query
        )
    return context


def sharing_context(case: Case, user) -> dict:
    """What the restriction, hand-over and IDVA forms offer: the partnership's active members (on a
    Channel case only its panel members), who is named now, and who may hold the case."""
    from watchkeeper.core.models import User
    from watchkeeper.core.roles import role_may

    members = list(
        User.objects.filter(is_active=True, agency__partnerships=case.partnership)
        .select_related("agency")
        .distinct()
        .order_by("agency__name", "username")[:300]
    )
    if case.kind == Kind.CHANNEL:
        members = [u for u in members if role_may(u.role, "channel.view")]
    named = set(case.shared_users.values_list("pk", flat=True))
    holders = [
        u for u in members if u.pk != case.officer_id and case_rules.may_hold(case.kind, case.restriction, u.pk, named)
    ]
    return {
        "members": members,
        "named_users": named,
        "named_agencies": set(case.shared_agencies.values_list("pk", flat=True)),
        "holders": holders,
        "idvas": [u for u in members if role_may(u.role, "idva.caseload")] if case.kind == Kind.MARAC else [],
    }


def channel_context(case: Case, user, can_edit: bool) -> dict:
    """A Channel case's stage, the moves open from it, and the post-exit reviews due."""
    from watchkeeper.cases.channel import rules as channel_rules

    exit_event = case.events.filter(kind="stage", data__stage="exit").order_by("-at").first()
    return {
        "channel_stage": channel_rules.LABELS.get(case.stage, case.stage),
        "channel_moves": channel_rules.next_stages(case.stage),
        "channel_reviews_due": (exit_event.data.get("reviews_due", []) if exit_event else []),
        "can_channel": can_edit and allowed(user, "channel.manage", case),
    }


def render_case(request, case: Case, status: int = 200, error: str = "", form: str = ""):
    context = case_context(request, case)
    context.update(error=error, error_form=form)
    return render(request, "cases/case.html", context, status=status)


def attempt(request, action: str, do):
    """Run a page's write: (its result, None), or (None, the refusal) with a 403 or 404 put on the
    audit trail as the page decorator would have (the page itself shows the refusal in place)."""
    try:
        return do(), None
    except Refused as exc:
        if exc.status in (403, 404):
            refused(request, request.user, action, exc.status)
        return None, exc


def form_write(request, action: str, do, template: str, context: dict, done):
    """POST-redirect-GET for a page's own form (open a case, add a PSPO, schedule a meeting, apply for
    a review): run `do()` through attempt; a refusal shows `template` again with its message and what
    was posted, at the refusal's status; otherwise `done(result)` answers (the message to show, the
    redirect to answer with)."""
    found, problem = attempt(request, action, do)
    if problem:
        context.update(error=problem.message, posted=request.POST)
        return render(request, template, context, status=problem.status)
    message, response = done(found)
    messages.success(request, message)
    return response


def case_write(request, case_id, form: str, action: str, do):
    """POST-redirect-GET for one form on a case page: look the case up through the visibility rule
    (404 for a case the user may not see), run `do(actor, case, data)` (which validates and calls the
    service, and answers the message to show), then redirect; a GET just goes back to the case."""
    case = queries.visible_case(request.user, case_id)
    if request.method != "POST":
        return redirect("cases:case", pk=case.pk)
    message, problem = attempt(request, action, lambda: do(actor_of(request), case, request.POST))
    if problem:
        return render_case(request, case, problem.status, problem.message, form)
    messages.success(request, message)
    return redirect(f"/cases/{case.pk}/#{form}")


@page("case.edit")
def open_case(request):
    """Open a case of a chosen type (partnership, title, summary, restriction)."""
    kinds = [(k, label) for k, label in Kind.choices if allowed(request.user, case_services.KIND_ACTION[k])]
    kinds = [(k, label) for k, label in kinds if k != Kind.TRIGGER]  # a review opens from its application
    partnerships = request.user.agency.partnerships.all() if request.user.agency_id else []
    context = {"kinds": kinds, "partnerships": partnerships, "restrictions": Restriction.choices}
    if request.method == "POST":

        def do():
            body = parse(CaseIn, request.POST)
            partnership = member_partnership(request.user, body.partnership)
            return case_services.open_case(
                actor_of(request), partnership, body.kind, body.title, body.summary, body.restriction
            )

        return form_write(
            request,
            "case.edit",
            do,
            "cases/open_case.html",
            context,
            lambda case: (f"Case {case.reference} opened.", redirect("cases:case", pk=case.pk)),
        )
    return render(request, "cases/open_case.html", context)


@page("case.edit")
def add_party(request, pk: int):
    def do(actor, case, post):
        body = parse(PartyIn, post)
        case_services.add_party(actor, case, body.role, body.person, body.place)
        return f"{Party.Role(body.role).label} added."

    return case_write(request, pk, "parties", "case.edit", do)


@page("case.edit")
def consent(request, pk: int):
    def do(actor, case, post):
        body = parse(ConsentIn, post)
        case_services.record_consent(actor, case, body.status, body.given_by, body.on, body.child)
        return "Consent recorded."

    return case_write(request, pk, "consent", "case.edit", do)


@page("case.edit")
def add_action(request, pk: int):
    def do(actor, case, post):
        body = parse(ActionIn, post)
        case_services.add_action(actor, case, body.agency, body.text, body.due, body.owner)
        return "Action agreed."

    return case_write(request, pk, "actions", "case.edit", do)


@page("case.edit")
def update_action(request, pk: int, action_id: int):
    def do(actor, case, post):
        found = queries.visible_in_case(Action, request.user, action_id)
        if found.case_id != case.pk:
            raise Invalid("That action belongs to another case.")
        body = parse(ActionUpdateIn, post)
        case_services.update_action(actor, found, body.status, body.outcome)
        return f"Action marked {Action.Status(body.status).label.lower()}."

    return case_write(request, pk, "actions", "case.edit", do)


@page("case.edit")
def add_note(request, pk: int):
    def do(actor, case, post):
        body = parse(NoteIn, post)
        case_services.add_note(actor, case, body.text, body.restriction, body.shared_users)
        return "Note written."

    return case_write(request, pk, "notes", "case.edit", do)


@page("case.edit")
def upload(request, pk: int):
    def do(actor, case, post):
        file = request.FILES.get("file")
        if file is None:
            raise Invalid("Choose a file to upload.")
        document = documents.add_document(actor, case, file.name, file.chunks())
        return f"Document {document.name} added (SHA-256 {document.sha256[:12]}...)."

    return case_write(request, pk, "documents", "case.edit", do)


@page("case.edit")
def add_link(request, pk: int):
    def do(actor, case, post):
        body = parse(LinkIn, post)
        case_services.link(actor, case, body.kind, body.target, body.cctv_reference)
        return f"{Link.Kind(body.kind).label} linked."

    return case_write(request, pk, "links", "case.edit", do)


@page("case.edit")
def close(request, pk: int):
    def do(actor, case, post):
        case_services.close_case(actor, case, parse(CloseIn, post).outcome)
        return "Case closed."

    return case_write(request, pk, "close", "case.edit", do)


@page("case.edit")
def restrict(request, pk: int):
    """Widen or narrow who may see the case (named people and agencies), with the reason."""

    def do(actor, case, post):
        body = parse(RestrictionIn, post)
        case_services.set_restriction(
            actor, case, body.restriction, body.shared_users, body.shared_agencies, body.reason
        )
        return f"Restriction now: {Restriction(body.restriction).label.lower()}."

    return case_write(request, pk, "restriction", "case.edit", do)


@page("case.edit")
def hand_over(request, pk: int):
    """Hand the case to another officer (their agency becomes the owner). Consent, risk and the
    restriction stay on the case; the message repeats the consent status so the sender sees what
    went with it. If the sender can no longer see the case, they land on the caseload."""

    def do(actor, case, post):
        body = parse(HandOverIn, post)
        case = case_services.hand_over(actor, case, body.officer)
        who = case.officer.get_full_name() or case.officer.username
        consent = case.get_consent_display().lower()
        return f"{case.reference} handed to {who} ({case.owner_agency.name}); consent went with it: {consent}."

    response = case_write(request, pk, "handover", "case.edit", do)
    if response.status_code == 302 and not Case.objects.visible_to(request.user).filter(pk=pk).exists():
        return redirect("cases:caseload")
    return response
