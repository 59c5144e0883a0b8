"""Grading with THRIVE, and resolution without deployment (grade R / non-attending grades)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from watchkeeper.control import referrals, rules
from watchkeeper.control.models import Incident, IncidentEvent, ThriveAssessment, reference_data
from watchkeeper.control.services.common import Conflict, Invalid, active_grades, event, locked_open, publish_incident
from watchkeeper.core import audit
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Agency, AuditEntry
from watchkeeper.core.prepared import Insert, Update

K = IncidentEvent.Kind
THRIVE_PARTS = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")


def suggestion_for(incident: Incident, grades=None) -> rules.Suggestion | None:
    """The suggested grade (rules.suggest_grade) for this incident in the active grade set."""
    grades = list(grades if grades is not None else active_grades())
    options = [rules.GradeOption(g.code, g.rank, g.attend) for g in grades]
    default = incident.category.default_grade
    fallback = None
    if default and not any(g.code.upper() == default.upper() for g in grades):
        fallback = reference_data().grade_rank(default)
    markers = tuple(incident.caller.risk_markers or ()) if incident.caller_id else ()
    return rules.suggest_grade(options, default, incident.description, markers, fallback)


# Every grading writes one assessment and changes the incident: statements built once (core/prepared.py).
_INSERT_ASSESSMENT = Insert(ThriveAssessment)
_UPDATE_INCIDENT = Update(Incident)


def grade_incident(
    actor: Actor, incident: Incident, code: str, rationale: str, thrive: dict | None = None, reason: str = ""
) -> Incident:
    """Grade (or regrade) with a THRIVE assessment. A regrade needs a reason; each decision is kept
    (ThriveAssessment) and logged on the timeline with who, when and why."""
    require(actor.user, "incident.grade", incident)
    thrive = thrive or {}
    unknown = set(thrive) - set(THRIVE_PARTS)
    if unknown:
        raise Invalid(f"Unknown THRIVE parts: {', '.join(sorted(unknown))} (use {', '.join(THRIVE_PARTS)}).")
    if not (rationale or "").strip():
        raise Invalid("Give the rationale for the grade.")
    grades = list(active_grades())
    grade = next((g for g in grades if g.code.upper() == (code or "").strip().upper()), None)
    if grade is None:
        raise Invalid(f"Unknown grade {code!r}: the active grades are {', '.join(g.code for g in grades)}.")
    with transaction.atomic():
        incident = locked_open(incident, "category", "caller")
        previous = reference_data().grades.get(incident.grade_id) if incident.grade_id else None
        regrade = previous is not None
        if regrade and not (reason or "").strip():
            raise Invalid(f"Say why {incident.reference} is being regraded from {previous.code} to {grade.code}.")
        suggested = suggestion_for(incident, grades)
        now = timezone.now()
        assessment = ThriveAssessment(
            incident=incident,
            grade=grade,
            suggested_grade=suggested.code if suggested else "",
            rationale=rationale.strip(),
            assessed_by=actor.user,
            assessed_at=now,
            **{part: str(thrive.get(part, ""))[:500] for part in THRIVE_PARTS},
        )
        _INSERT_ASSESSMENT.save(assessment)
        incident.grade = grade
        _UPDATE_INCIDENT.save(incident, ("grade", "updated_at"))
        event(
            incident,
            K.REGRADED if regrade else K.GRADED,
            actor,
            at=now,
            grade=grade.code,
            grade_id=grade.pk,
            previous=previous.code if previous else None,
            reason=(reason or "").strip(),
            suggested=suggested.code if suggested else None,
            thrive=assessment.pk,
        )
        event(
            incident,
            K.THRIVE,
            actor,
            at=now,
            assessment=assessment.pk,
            rationale=assessment.rationale,
            **{part: getattr(assessment, part) for part in THRIVE_PARTS if getattr(assessment, part)},
        )
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            incident,
            fields=["grade"],
            summary=f"{incident.reference} {'regraded' if regrade else 'graded'} {grade.code}",
            reason=reason,
        )
        publish_incident(incident)
    return incident


def resolve_without_deployment(
    actor: Actor, incident: Incident, outcome: str, note: str = "", agency: Agency | None = None
) -> Incident:
    """Record how a non-attending grade (R) was resolved: knowledge-base answer, telephone
    investigation, or referral to a partner agency (agency required; the referral goes out through the
    outbox, see control/referrals.py)."""
    require(actor.user, "incident.grade", incident)
    if outcome not in Incident.Resolution.values:
        raise Invalid(f"Unknown outcome {outcome!r}: use {', '.join(Incident.Resolution.values)}.")
    if outcome == Incident.Resolution.REFERRAL and agency is None:
        raise Invalid("Name the partner agency the incident is referred to.")
    with transaction.atomic():
        incident = locked_open(incident, "grade")
        if incident.grade is None or incident.grade.attend:
            raise Conflict("Only an incident graded for no attendance (e.g. R) is resolved without deployment.")
        if agency is not None and not agency.partnerships.filter(pk=incident.partnership_id).exists():
            raise Invalid(f"{agency.name} is not a member of this partnership.")
        incident.resolution = outcome
        incident.referred_agency = agency
        incident.save(update_fields=["resolution", "referred_agency", "updated_at"])
        resolved = event(
            incident, K.RESOLVED, actor, outcome=outcome, note=note, agency=agency.slug if agency else None
        )
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            incident,
            fields=["resolution", "referred_agency"],
            summary=f"{incident.reference} resolved without deployment: {outcome}",
        )
        if agency is not None:
            referrals.record(incident, agency, resolved)
    return incident
