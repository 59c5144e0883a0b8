"""ASB writes: complaints, the vulnerability assessment, legal steps and the PSPO register."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from shapely.geometry import shape

from watchkeeper.cases.asb import rules as asb_rules
from watchkeeper.cases.asb.models import Complaint, LegalStep, Pspo
from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Case, Kind
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.core import audit
from watchkeeper.core.access import allowed, require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Denied, Invalid
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry, Partnership, Person, Place

LIMIT_NAMES = (
    "cpn-min-age",
    "cpn-appeal-days",
    "fpn-payment-days",
    "cpn-fine-cap",
    "injunction-min-age",
    "injunction-under18-max-months",
    "respect-order-available",
    "closure-notice-hours",
    "closure-notice-senior-hours",
    "closure-hearing-hours",
    "closure-hearing-excluded-days",
    "closure-order-max-months",
    "closure-order-total-max-months",
    "dispersal-max-hours",
)


def limits_on(on: date) -> dict:
    found = {name: rule(name, on) for name in LIMIT_NAMES}
    found["respect-order-min-age"] = rule("respect-order-min-age", on) if found["respect-order-available"] else 16
    return found


@transaction.atomic
def record_complaint(
    actor: Actor,
    case: Case,
    source: str,
    behaviour_on: date,
    received_on: date,
    description: str,
    complainant_id: int | None = None,
    place_id: int | None = None,
    incident_id: int | None = None,
) -> Complaint:
    from watchkeeper.control.models import Incident

    case = case_services.editable(actor, case, "asb.manage")
    if case.kind not in (Kind.ASB, Kind.TRIGGER):
        raise Invalid("Complaints are recorded on ASB cases.")
    if source not in Complaint.Source.values:
        raise Invalid(f"No complaint source {source!r}.")
    if behaviour_on > received_on or received_on > timezone.localdate():
        raise Invalid("The behaviour must come before the report, and the report cannot be in the future.")
    if not description.strip():
        raise Invalid("Describe the behaviour complained of.")
    refs = {}
    for key, model, pk in (
        ("complainant", Person, complainant_id),
        ("place", Place, place_id),
        ("incident", Incident, incident_id),
    ):
        if pk is not None:
            refs[key] = case_services.in_partnership(model, case.partnership, actor.user, pk, key)
    complaint = Complaint.objects.create(
        case=case,
        source=source,
        agency=actor.user.agency,
        behaviour_on=behaviour_on,
        received_on=received_on,
        description=description.strip(),
        **refs,
    )
    timeline.append(case, actor, "complaint", complaint=complaint.pk, source=source, agency=actor.user.agency.slug)
    audit.record(
        actor, AuditEntry.Kind.CREATE, complaint, fields=["description", "complainant"], summary=case.reference
    )
    return complaint


def assess_vulnerability(actor: Actor, case: Case, answers: dict[str, bool]):
    require(actor.user, "asb.manage", case)
    matrix = rule("asb-vulnerability-matrix")
    try:
        score, level = asb_rules.vulnerability(answers, matrix)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    extra = {}
    if level == "high":
        today = timezone.localdate()
        extra["contact_due"] = asb_rules.working_days_after(today, rule("victim-high-contact-working-days"))
        extra["update_due"] = asb_rules.working_days_after(today, rule("victim-high-update-working-days"))
    return case_services.save_assessment(
        actor, case, "asb-vulnerability", matrix.get("version", 1), answers, score, level, **extra
    )


def _taken(case: Case) -> dict[str, list[datetime]]:
    found: dict[str, list[datetime]] = {}
    for tool, at in LegalStep.objects.filter(case=case).values_list("tool", "taken_at"):
        found.setdefault(tool, []).append(at)
    return found


def _closure_months_so_far(case: Case) -> int:
    steps = LegalStep.objects.filter(case=case, tool__in=["closure_order", "closure_extension"])
    return sum(s.months or 0 for s in steps)


@transaction.atomic
def take_step(
    actor: Actor,
    case: Case,
    tool: str,
    taken_at: datetime | None = None,
    subject_id: int | None = None,
    override_reason: str = "",
    details: str = "",
    **options,
) -> LegalStep:
    """Record a legal step. Its prerequisite must be on the case, unless a manager overrides with a
    reason (recorded on the step, the timeline and the audit entry). Other problems (age, caps,
    lapsed deadlines) cannot be overridden."""
    case = case_services.editable(actor, case, "asb.manage")
    if case.kind != Kind.ASB:
        raise Invalid("Legal steps are taken on ASB cases.")
    taken_at = taken_at or timezone.now()
    if taken_at > timezone.now() + timezone.timedelta(minutes=2):
        raise Invalid("A legal step cannot be recorded in the future.")
    subject = None
    if subject_id is not None:
        subject = case_services.in_partnership(Person, case.partnership, actor.user, subject_id, "person")
    limits = limits_on(timezone.localtime(taken_at).date())
    limits["closure-months-so-far"] = _closure_months_so_far(case)
    plan = asb_rules.plan_step(
        tool, _taken(case), taken_at, limits, subject_born=subject.date_of_birth if subject else None, **options
    )
    if plan.problems:
        raise Invalid(" ".join(plan.problems))
    overridden_by = None
    if plan.missing:
        if not override_reason.strip():
            raise Conflict(
                f"{tool} needs one of {', '.join(sorted(plan.missing))} on record first "
                "(or a manager's override with a reason)."
            )
        # Only the ASB manager role holds asb.override; four eyes still apply (a manager who is the
        # case's own officer asks another manager), and the reason goes on record.
        if not allowed(actor.user, "asb.override", case) or actor.user.pk == case.officer_id:
            raise Denied("Only an ASB manager (not the case's own officer) may override a missing prerequisite.")
        overridden_by = actor.user
    step = LegalStep.objects.create(
        case=case,
        tool=tool,
        taken_at=taken_at,
        subject=subject,
        ends_at=plan.ends_at,
        due_at=plan.due_at,
        months=options.get("months") or (limits["closure-order-max-months"] if tool == "closure_order" else None),
        hours=options.get("hours"),
        fine=options.get("fine"),
        senior_signoff=options.get("senior_signoff", False),
        authorised_by=options.get("authorised_by", ""),
        details=details,
        override_reason=override_reason.strip() if overridden_by else "",
        overridden_by=overridden_by,
        recorded_by=actor.user,
    )
    if overridden_by:
        timeline.append(case, actor, "override", tool=tool, missing=sorted(plan.missing), reason=step.override_reason)
    timeline.append(
        case,
        actor,
        "legal_step",
        tool=tool,
        step=step.pk,
        taken_at=taken_at.isoformat(),
        ends_at=plan.ends_at.isoformat() if plan.ends_at else None,
        due_at=plan.due_at.isoformat() if plan.due_at else None,
    )
    audit.record(
        actor,
        AuditEntry.Kind.CREATE,
        step,
        fields=["tool", "taken_at"],
        summary=f"{case.reference}: {tool}",
        reason=step.override_reason,
    )
    return step


@transaction.atomic
def create_pspo(
    actor: Actor, partnership: Partnership, name: str, area: dict, conditions: str, made_on: date, expires_on: date
) -> Pspo:
    require(actor.user, "asb.manage")
    require_member(actor.user, partnership)
    problem = asb_rules.pspo_problem(made_on, expires_on, rule("pspo-max-years", made_on))
    if problem:
        raise Invalid(problem)
    try:
        polygon = shape(area)
    except Exception:  # shapely raises several types for malformed GeoJSON
        raise Invalid("The area must be a GeoJSON Polygon.") from None
    if polygon.geom_type != "Polygon" or not polygon.is_valid or polygon.is_empty:
        raise Invalid("The area must be one valid polygon.")
    minx, miny, maxx, maxy = polygon.bounds
    if not (-8.7 <= minx and maxx <= 2.0 and 49.8 <= miny and maxy <= 61.0):
        raise Invalid("The area must be in Great Britain (WGS84 longitude, latitude).")
    if not conditions.strip() or not name.strip():
        raise Invalid("A PSPO needs a name and its conditions.")
    pspo = Pspo.objects.create(
        partnership=partnership,
        name=name.strip(),
        area=area,
        conditions=conditions.strip(),
        made_on=made_on,
        expires_on=expires_on,
        created_by=actor.user,
    )
    audit.record(actor, AuditEntry.Kind.CREATE, pspo, fields=["name", "area", "expires_on"])
    return pspo
