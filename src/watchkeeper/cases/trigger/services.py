"""Community Trigger: application (eligibility worked out from complaints across agencies), the
victim told of the right and invited, threshold decision, review, recommendations, appeal."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from watchkeeper.cases.asb.models import Complaint
from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Kind
from watchkeeper.cases.rules.lookup import rule, rules
from watchkeeper.cases.trigger import rules as trigger_rules
from watchkeeper.cases.trigger.models import Review
from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import AuditEntry, Partnership, Person


def reports_about(user, applicant_id: int, applied_on: date, window_months: int | None = None):
    """The applicant's complaints the user may see, from every agency, in the rule's window."""
    from watchkeeper.cases.asb.rules import add_months

    if window_months is None:
        window_months = rule("trigger-window-months", applied_on)
    start = add_months(applied_on, -window_months)
    rows = (
        Complaint.objects.visible_to(user)
        .filter(complainant_id=applicant_id, received_on__gte=start, received_on__lte=applied_on)
        .values_list("pk", "behaviour_on", "received_on", "incident_id", "place_id")
    )
    return [trigger_rules.Report(b, r, f"i{i}" if i else f"p{p}-{b}" if p else f"c{pk}") for pk, b, r, i, p in rows]


def eligibility(user, applicant_id: int, on: date) -> dict:
    limits = rules("trigger-window-months", "trigger-report-within-days", "trigger-complaints", on=on)
    reports = reports_about(user, applicant_id, on, limits["trigger-window-months"])
    found = trigger_rules.qualifying(reports, on, limits["trigger-window-months"], limits["trigger-report-within-days"])
    threshold = limits["trigger-complaints"]
    return {"qualifying": len(found), "threshold": threshold, "met": len(found) >= threshold}


@transaction.atomic
def apply(actor: Actor, partnership: Partnership, applicant_id: int, applied_on: date, summary: str = "") -> Review:
    applicant = case_services.in_partnership(Person, partnership, actor.user, applicant_id, "person")
    if applied_on > timezone.localdate():
        raise Invalid("An application cannot be dated in the future.")
    case = case_services.open_case(actor, partnership, Kind.TRIGGER, f"Case review for {applicant.label}", summary)
    case_services.add_party(actor, case, "victim", person_id=applicant.pk)
    found = eligibility(actor.user, applicant.pk, applied_on)
    due = trigger_rules.deadlines(
        applied_on, rule("trigger-decision-working-days", applied_on), rule("trigger-review-working-days", applied_on)
    )
    review = Review.objects.create(
        case=case, applicant=applicant, applied_on=applied_on, qualifying=found["qualifying"], **due
    )
    timeline.append(case, actor, "trigger", step="application", qualifying=found["qualifying"], met=found["met"])
    audit.record(actor, AuditEntry.Kind.CREATE, review, fields=["applicant", "applied_on"], summary=case.reference)
    return review


STEP_FIELDS = {
    "told": ("told_of_right_on",),
    "invited": ("invited_on", "invitation_accepted"),
}


@transaction.atomic
def record_contact(actor: Actor, review: Review, what: str, on: date, accepted: bool | None = None) -> Review:
    """The victim told of the right to a review, or invited to the meeting (tracked)."""
    case_services.editable(actor, review.case, "trigger.manage")
    review = Review.objects.select_for_update().get(pk=review.pk)
    if (
        what not in STEP_FIELDS
        or on > timezone.localdate()
        or on < review.applied_on.replace(year=review.applied_on.year - 1)
    ):
        raise Invalid("Record 'told' or 'invited' with a plausible date.")
    values = (on, accepted)[: len(STEP_FIELDS[what])]
    for name, value in zip(STEP_FIELDS[what], values, strict=True):
        setattr(review, name, value)
    review.save()
    timeline.append(review.case, actor, "trigger", step=what, on=on.isoformat(), accepted=accepted)
    audit.record(actor, AuditEntry.Kind.UPDATE, review, fields=list(STEP_FIELDS[what]))
    return review


@transaction.atomic
def advance(actor: Actor, review: Review, step: str, on: date, text: str = "", met: bool | None = None) -> Review:
    case_services.editable(actor, review.case, "trigger.manage")
    review = Review.objects.select_for_update().get(pk=review.pk)
    if on > timezone.localdate() or on < review.applied_on:
        raise Invalid("The date must fall between the application and today.")
    problem = trigger_rules.move_problem(review.step, step, review.threshold_met)
    if problem:
        raise Invalid(problem)
    if step == "decided":
        if met is None:
            raise Invalid("Say whether the threshold is met.")
        review.threshold_met, review.decided_on = met, on
        review.appeal_due = trigger_rules.appeal_due(on, rule("trigger-appeal-days", on))
    elif step == "review":
        review.meeting_on = on
    elif step == "recommended":
        if not text.strip():
            raise Invalid("Record the review's recommendations.")
        review.recommendations = text.strip()
    elif step == "appeal":
        review.appealed_on = on
    elif step == "closed" and review.appealed_on:
        if not text.strip():
            raise Invalid("Record the appeal's outcome.")
        review.appeal_outcome = text.strip()[:300]
    before = review.step
    review.step = step
    review.save()
    timeline.append(review.case, actor, "trigger", step=step, on=on.isoformat(), met=review.threshold_met)
    audit.record(actor, AuditEntry.Kind.UPDATE, review, changes={"step": [before, step]})
    return review


def annual_statistics(user, year: int) -> dict:
    """The figures councils publish each year (s.104(10)): applications, threshold not met,
    reviews carried out, reviews resulting in recommendations."""
    reviews = Review.objects.visible_to(user).filter(applied_on__year=year)
    return {
        "year": year,
        "applications": reviews.count(),
        "threshold_not_met": reviews.filter(threshold_met=False).count(),
        "reviews_held": reviews.exclude(meeting_on=None).count(),
        "with_recommendations": reviews.exclude(recommendations="").count(),
        "appeals": reviews.exclude(appealed_on=None).count(),
    }
