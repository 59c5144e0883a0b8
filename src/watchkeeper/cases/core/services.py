"""Writes to the case core. Each service: require -> validate -> one transaction {lock, change,
timeline entry, audit entry}. Refusals are core.errors (a 4xx, nothing half-written)."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone

from watchkeeper.cases.core import rules as case_rules
from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Action, Case, Kind, Link, Note, Party, RiskAssessment
from watchkeeper.core import audit
from watchkeeper.core.access import get_visible_or_404, require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import Agency, AuditEntry, Partnership, Person, Place, Restriction, User
from watchkeeper.core.roles import role_may

KIND_ACTION = {
    Kind.ASB: "asb.manage",
    Kind.TRIGGER: "trigger.manage",
    Kind.MARAC: "marac.manage",
    Kind.CHANNEL: "channel.manage",
    Kind.IOM: "iom.manage",
}


def _named_users(actor: Actor, partnership: Partnership, ids) -> list[User]:
    users = list(User.objects.filter(pk__in=list(ids), agency__partnerships=partnership, is_active=True).distinct())
    if len(users) != len(set(ids)):
        raise Invalid("Every named person must be an active member of the partnership.")
    return users


def _named_agencies(partnership: Partnership, ids) -> list[Agency]:
    agencies = list(Agency.objects.filter(pk__in=list(ids), partnerships=partnership))
    if len(agencies) != len(set(ids)):
        raise Invalid("Every named agency must belong to the partnership.")
    return agencies


def _restrict(record, restriction: str, users: list[User], agencies: list[Agency], kind: str) -> None:
    problem = case_rules.restriction_problem(
        kind, restriction, [u.pk for u in users], [role_may(u.role, "channel.view") for u in users]
    )
    if problem:
        raise Invalid(problem)
    record.restriction = restriction
    record.save(update_fields=["restriction"])
    record.shared_users.set(users)
    record.shared_agencies.set(agencies)


@transaction.atomic
def open_case(
    actor: Actor,
    partnership: Partnership,
    kind: str,
    title: str,
    summary: str = "",
    restriction: str = Restriction.PARTNERSHIP,
    shared_users=(),
    shared_agencies=(),
    source_incident=None,
) -> Case:
    """Open a case owned by the actor's agency. A Channel case is always restricted to named panel
    members (the actor among them)."""
    if kind not in Kind.values:
        raise Invalid(f"No case type {kind!r}.")
    require(actor.user, KIND_ACTION[kind])
    require_member(actor.user, partnership)
    if not title.strip():
        raise Invalid("A case needs a title.")
    if kind == Kind.CHANNEL:
        restriction = Restriction.PEOPLE
    shared_users = set(shared_users)
    if restriction == Restriction.PEOPLE:
        shared_users.add(actor.user.pk)
    users = _named_users(actor, partnership, shared_users)
    agencies = _named_agencies(partnership, shared_agencies)
    case = Case.objects.create(
        partnership=partnership,
        district=actor.user.agency.district,
        kind=kind,
        reference=f"new-{uuid.uuid4().hex[:20]}",
        title=title.strip()[:200],
        summary=summary,
        owner_agency=actor.user.agency,
        officer=actor.user,
        opened_at=timezone.now(),
        source_incident=source_incident,
        stage=case_rules.FIRST_STAGE.get(kind, "open"),
    )
    case.reference = f"{kind.upper()}-{case.opened_at:%Y}-{case.pk:06d}"
    case.save(update_fields=["reference"])
    _restrict(case, restriction, users, agencies, kind)
    timeline.append(case, actor, "opened", kind=kind, restriction=restriction)
    audit.record(actor, AuditEntry.Kind.CREATE, case, fields=["kind", "title", "restriction"], summary=case.reference)
    return case


def locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def editable(actor: Actor, case: Case, action: str = "case.edit") -> Case:
    """The case, locked, after checking the actor may `action` it and may see it; closed: Conflict."""
    require(actor.user, action, case)
    case = locked(case)
    if case.closed_at is not None:
        raise Conflict(f"{case.reference} is closed: reopen it first.")
    return case


def in_partnership(model, partnership: Partnership, user, pk, what: str):
    """The `model` record `pk` of the case's partnership that `user` may see (a party, a subject, a
    victim, an applicant, a linked incident or crime), else NotFound: one answer for another
    partnership's record, one the user may not see and an id that does not exist."""
    return get_visible_or_404(
        model.objects.filter(partnership=partnership), user, f"No {what} {pk} that you can see.", pk=pk
    )


@transaction.atomic
def set_restriction(
    actor: Actor, case: Case, restriction: str, shared_users=(), shared_agencies=(), reason: str = ""
) -> Case:
    """Widen or narrow who may see the case, with the reason on record. The rules: a Channel case
    stays restricted to named panel members; a case restricted to named people names at least the
    actor (nobody restricts a case away from themselves) and its officer (hand it over first)."""
    case = editable(actor, case)
    if restriction not in Restriction.values:
        raise Invalid(f"No restriction {restriction!r}.")
    if not reason.strip():
        raise Invalid("Say why the restriction changes: the reason goes on the timeline and the audit trail.")
    shared_users = set(shared_users)
    if restriction == Restriction.PEOPLE:
        shared_users.add(actor.user.pk)
    users = _named_users(actor, case.partnership, shared_users)
    agencies = _named_agencies(case.partnership, shared_agencies)
    if case.officer_id and not case_rules.may_hold(case.kind, restriction, case.officer_id, {u.pk for u in users}):
        raise Invalid("Name the case's officer too, or hand the case over first: the officer would lose it.")
    before = case.restriction
    _restrict(case, restriction, users, agencies, case.kind)
    reason = reason.strip()[:300]
    timeline.append(
        case,
        actor,
        "restricted",
        restriction=restriction,
        before=before,
        users=len(users),
        agencies=len(agencies),
        reason=reason,
    )
    audit.record(actor, AuditEntry.Kind.UPDATE, case, changes={"restriction": [before, restriction]}, reason=reason)
    return case


@transaction.atomic
def add_party(actor: Actor, case: Case, part: str, person_id: int | None = None, place_id: int | None = None) -> Party:
    case = editable(actor, case)
    if part not in Party.Role.values:
        raise Invalid(f"No party role {part!r}.")
    if person_id is None and place_id is None:
        raise Invalid("A party is a person, a place, or both.")
    person = place = None
    if person_id is not None:
        person = in_partnership(Person, case.partnership, actor.user, person_id, "person")
        if person.merged_into_id:
            raise Conflict(f"Person {person_id} was merged into {person.merged_into_id}: link that record.")
    if place_id is not None:
        place = in_partnership(Place, case.partnership, actor.user, place_id, "place")
    party = Party.objects.create(case=case, role=part, person=person, place=place)
    timeline.append(case, actor, "party_added", role=part, person=person_id, place=place_id)
    audit.record(actor, AuditEntry.Kind.CREATE, party, fields=["role", "person", "place"], summary=case.reference)
    return party


@transaction.atomic
def record_consent(actor: Actor, case: Case, status: str, given_by: str, on: date, child: bool = False) -> Case:
    case = editable(actor, case)
    problem = case_rules.consent_problem(status, given_by, on, child, timezone.localdate())
    if problem:
        raise Invalid(problem)
    before = case.consent
    case.consent, case.consent_by, case.consent_on = status, given_by.strip(), on
    case.save(update_fields=["consent", "consent_by", "consent_on"])
    timeline.append(case, actor, "consent", status=status, given_by=case.consent_by, on=on.isoformat())
    audit.record(actor, AuditEntry.Kind.UPDATE, case, changes={"consent": [before, status]})
    return case


@transaction.atomic
def save_assessment(actor: Actor, case: Case, form: str, version: int, answers, score: int, level: str, **extra):
    """Used by the typed assessments (DASH, vulnerability matrix) after their pure scoring."""
    case = editable(actor, case)
    assessment = RiskAssessment.objects.create(
        case=case,
        form=form,
        form_version=version,
        answers=answers,
        score=score,
        level=level,
        assessed_by=actor.user,
        assessed_at=timezone.now(),
        **extra,
    )
    before = case.risk
    case.risk = level
    case.save(update_fields=["risk"])
    timeline.append(case, actor, "assessed", form=form, version=version, score=score, level=level)
    audit.record(actor, AuditEntry.Kind.CREATE, assessment, changes={"risk": [before, level]}, summary=case.reference)
    return assessment


@transaction.atomic
def add_action(
    actor: Actor, case: Case, agency_id: int, text: str, due: date, owner_id: int | None = None, meeting=None
) -> Action:
    case = editable(actor, case)
    agency = Agency.objects.filter(pk=agency_id, partnerships=case.partnership).first()
    if agency is None:
        raise Invalid("The action's agency must belong to the case's partnership.")
    owner = None
    if owner_id is not None:
        owner = User.objects.filter(pk=owner_id, agency=agency, is_active=True).first()
        if owner is None:
            raise Invalid("The action's owner must work for the action's agency.")
    if not text.strip():
        raise Invalid("Say what the action is.")
    action = Action.objects.create(
        case=case, agency=agency, owner=owner, text=text.strip(), due=due, meeting=meeting, created_at=timezone.now()
    )
    timeline.append(case, actor, "action_added", action=action.pk, agency=agency.slug, due=due.isoformat())
    audit.record(actor, AuditEntry.Kind.CREATE, action, fields=["text", "due", "agency"], summary=case.reference)
    return action


@transaction.atomic
def update_action(actor: Actor, action: Action, status: str, outcome: str = "") -> Action:
    editable(actor, action.case)
    action = Action.objects.select_for_update().get(pk=action.pk)
    problem = case_rules.action_problem(action.status, status, outcome)
    if problem:
        raise Invalid(problem)
    before = action.status
    action.status, action.outcome = status, outcome.strip()
    action.done_at = timezone.now() if status == Action.Status.DONE else None
    action.save(update_fields=["status", "outcome", "done_at"])
    timeline.append(action.case, actor, "action_updated", action=action.pk, status=status)
    audit.record(actor, AuditEntry.Kind.UPDATE, action, changes={"status": [before, status]})
    return action


@transaction.atomic
def add_note(actor: Actor, case: Case, text: str, restriction: str = Restriction.PARTNERSHIP, shared_users=()) -> Note:
    case = editable(actor, case)
    if not text.strip():
        raise Invalid("A note needs some text.")
    if restriction not in Restriction.values:
        raise Invalid(f"No restriction {restriction!r}.")
    shared_users = set(shared_users)
    if restriction == Restriction.PEOPLE:
        shared_users.add(actor.user.pk)
    users = _named_users(actor, case.partnership, shared_users)
    note = Note.objects.create(
        partnership=case.partnership,
        district=case.district,
        owner_agency=actor.user.agency,
        case=case,
        text=text.strip(),
        author=actor.user,
        written_at=timezone.now(),
    )
    _restrict(note, restriction, users, [], "note")  # inside its case: the case rule still applies
    timeline.append(case, actor, "note_added", note=note.pk, restriction=restriction)
    audit.record(actor, AuditEntry.Kind.CREATE, note, fields=["text", "restriction"], summary=case.reference)
    return note


@transaction.atomic
def link(actor: Actor, case: Case, kind: str, target_id: int | None = None, cctv_reference: str = "") -> Link:
    from watchkeeper.control.models import Incident
    from watchkeeper.intel.models import Crime

    case = editable(actor, case)
    fields = {}
    if kind == Link.Kind.INCIDENT:
        fields["incident"] = in_partnership(Incident, case.partnership, actor.user, target_id, kind)
    elif kind == Link.Kind.CRIME:
        fields["crime"] = in_partnership(Crime, case.partnership, actor.user, target_id, kind)
    elif kind == Link.Kind.CCTV:
        if not cctv_reference.strip():
            raise Invalid("Give the CCTV log entry's reference.")
        fields["cctv_reference"] = cctv_reference.strip()[:60]
    else:
        raise Invalid(f"No link kind {kind!r}.")
    found = Link.objects.create(case=case, kind=kind, linked_at=timezone.now(), **fields)
    timeline.append(case, actor, "linked", kind=kind, target=target_id, reference=cctv_reference)
    audit.record(actor, AuditEntry.Kind.CREATE, found, fields=[kind], summary=case.reference)
    return found


@transaction.atomic
def close_case(actor: Actor, case: Case, outcome: str) -> Case:
    case = editable(actor, case)
    if not outcome.strip():
        raise Invalid("Closing a case needs its outcome.")
    case.closed_at, case.outcome = timezone.now(), outcome.strip()[:200]
    case.save(update_fields=["closed_at", "outcome"])
    timeline.append(case, actor, "closed", outcome=case.outcome)
    audit.record(actor, AuditEntry.Kind.UPDATE, case, changes={"closed_at": [None, case.closed_at.isoformat()]})
    return case


@transaction.atomic
def hand_over(actor: Actor, case: Case, officer_id: int) -> Case:
    """Give the case to another officer (of any partner agency). Consent, risk and restriction stay
    with the case: they are the case's, so nothing is re-keyed or lost."""
    case = editable(actor, case)
    officer = User.objects.filter(pk=officer_id, agency__partnerships=case.partnership, is_active=True).first()
    if officer is None:
        raise Invalid("Hand the case to an active member of its partnership.")
    if not case_rules.may_hold(
        case.kind, case.restriction, officer.pk, set(case.shared_users.values_list("pk", flat=True))
    ):
        raise Invalid("That officer is not named on this restricted case: name them first.")
    before = case.officer_id
    case.officer = officer
    case.owner_agency = officer.agency
    case.save(update_fields=["officer", "owner_agency"])
    timeline.append(case, actor, "handed_over", officer=officer.pk, agency=officer.agency.slug, consent=case.consent)
    audit.record(actor, AuditEntry.Kind.UPDATE, case, changes={"officer": [before, officer.pk]})
    return case
