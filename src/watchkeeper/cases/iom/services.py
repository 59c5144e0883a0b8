"""IOM: cohort membership with its reason (fixed, flex, free), the intervention plan and
engagement, leaving the cohort, and reoffending and harm from the incidents and crimes linked to
the case, against the fixed baseline window (both rule data: iom-baseline-days, iom-harm-weights)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Case, Kind, Link
from watchkeeper.cases.iom import rules as iom_rules
from watchkeeper.cases.iom.models import Engagement, Membership, Plan
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.models import AuditEntry, Person


def _not_future(on: date, what: str) -> None:
    if on > timezone.localdate():
        raise Invalid(f"{what} cannot be dated in the future.")


@transaction.atomic
def join(actor: Actor, case: Case, offender_id: int, cohort: str, reason: str, joined_on: date, plan: str = ""):
    case = case_services.editable(actor, case, "iom.manage")
    if case.kind != Kind.IOM:
        raise Invalid("Cohort membership is recorded on IOM cases.")
    if cohort not in Membership.Cohort.values or not reason.strip():
        raise Invalid("Give the cohort (fixed, flex or free) and the reason for selection.")
    _not_future(joined_on, "Joining")
    offender = case_services.in_partnership(Person, case.partnership, actor.user, offender_id, "person")
    if Membership.objects.filter(case=case, offender=offender, left_on__isnull=True).exists():
        raise Conflict("That person is already in the cohort on this case.")
    membership = Membership.objects.create(
        case=case, offender=offender, cohort=cohort, reason=reason.strip()[:300], joined_on=joined_on, plan=plan
    )
    timeline.append(case, actor, "iom", step="joined", cohort=cohort, joined_on=joined_on.isoformat())
    audit.record(actor, AuditEntry.Kind.CREATE, membership, fields=["cohort", "reason"], summary=case.reference)
    return membership


def _editable(actor: Actor, membership: Membership) -> Membership:
    case_services.editable(actor, membership.case, "iom.manage")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.left_on is not None:
        raise Conflict("This person has left the cohort.")
    return membership


@transaction.atomic
def record_plan(actor: Actor, membership: Membership, pathways: list[dict], agreed_on: date, review_on: date) -> Plan:
    """A new revision of the intervention plan (the earlier ones are kept)."""
    membership = _editable(actor, membership)
    _not_future(agreed_on, "A plan")
    if review_on <= agreed_on:
        raise Invalid("The plan's review date must come after the date it was agreed.")
    if not pathways or any(
        not str(p.get("pathway", "")).strip() or not str(p.get("intervention", "")).strip() for p in pathways
    ):
        raise Invalid("A plan names at least one pathway, each with its intervention.")
    plan = Plan.objects.create(
        membership=membership,
        pathways=pathways,
        agreed_on=agreed_on,
        review_on=review_on,
        recorded_by=actor.user,
        recorded_at=timezone.now(),
    )
    timeline.append(membership.case, actor, "iom", step="plan", plan=plan.pk, review_on=review_on.isoformat())
    audit.record(
        actor, AuditEntry.Kind.CREATE, plan, fields=["pathways", "review_on"], summary=membership.case.reference
    )
    return plan


@transaction.atomic
def record_engagement(actor: Actor, membership: Membership, on: date, kind: str, outcome: str, note: str = ""):
    membership = _editable(actor, membership)
    _not_future(on, "A contact")
    if on < membership.joined_on:
        raise Invalid("A contact cannot come before joining the cohort.")
    if kind not in Engagement.Kind.values or outcome not in Engagement.Outcome.values:
        raise Invalid("Give the kind of contact and its outcome (engaged, missed or refused).")
    if outcome != Engagement.Outcome.ENGAGED and not note.strip():
        raise Invalid("Say what happened when a contact is missed or refused.")
    found = Engagement.objects.create(
        membership=membership,
        on=on,
        kind=kind,
        outcome=outcome,
        note=note.strip()[:500],
        recorded_by=actor.user,
        recorded_at=timezone.now(),
    )
    latest = membership.engagements.order_by("-on", "-id").first()
    before = membership.engagement
    membership.engagement = "engaging" if latest.outcome == Engagement.Outcome.ENGAGED else "not_engaging"
    membership.save(update_fields=["engagement"])
    timeline.append(membership.case, actor, "iom", step="engagement", on=on.isoformat(), kind=kind, outcome=outcome)
    audit.record(
        actor,
        AuditEntry.Kind.CREATE,
        found,
        changes={"engagement": [before, membership.engagement]},
        summary=membership.case.reference,
    )
    return found


@transaction.atomic
def leave(actor: Actor, membership: Membership, left_on: date, reason: str) -> Membership:
    membership = _editable(actor, membership)
    _not_future(left_on, "Leaving")
    if left_on < membership.joined_on or not reason.strip():
        raise Invalid("Give the reason for leaving, on or after the date of joining.")
    membership.left_on, membership.left_reason = left_on, reason.strip()[:300]
    membership.save(update_fields=["left_on", "left_reason"])
    timeline.append(membership.case, actor, "iom", step="left", left_on=left_on.isoformat())
    audit.record(actor, AuditEntry.Kind.UPDATE, membership, changes={"left_on": [None, left_on.isoformat()]})
    return membership


def linked_records(membership: Membership, start: date, end: date) -> list[tuple[str, str]]:
    """(kind, category) of the incidents and crimes linked to the case in [start, end)."""
    links = Link.objects.filter(case_id=membership.case_id)
    incidents = links.filter(
        kind=Link.Kind.INCIDENT, incident__received_at__date__gte=start, incident__received_at__date__lt=end
    ).values_list("incident__category__code", flat=True)
    crimes = links.filter(kind=Link.Kind.CRIME, crime__month__gte=start, crime__month__lt=end).values_list(
        "crime__category", flat=True
    )
    return [("incident", c or "") for c in incidents] + [("crime", c or "") for c in crimes]


def outcomes(membership: Membership, today: date | None = None) -> dict:
    """Reoffending (any linked offence since joining) and harm, weighted by offence type, in the
    fixed baseline window before joining against the same length of time since."""
    today = today or timezone.localdate()
    baseline_days = rule("iom-baseline-days", membership.joined_on)
    weights = rule("iom-harm-weights", membership.joined_on)
    (b0, b1), (s0, s1) = iom_rules.windows(membership.joined_on, today, baseline_days)
    before = linked_records(membership, b0, b1)
    since = linked_records(membership, s0, s1 + timedelta(days=1))
    harm_before, harm_since = iom_rules.harm(before, weights), iom_rules.harm(since, weights)
    return {
        "baseline": len(before),
        "since": len(since),
        "reoffended": bool(since),
        "harm_baseline": harm_before,
        "harm_since": harm_since,
        "harm_change_pct": iom_rules.harm_change(harm_before, harm_since),
    }
