"""Command and the end of an incident: the inspector taking command (with a decision-log
rationale), the borough accepting it back, escalation, supervisor reviews, notes, closing and
cancelling (never deleting)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from watchkeeper.control.models import (
    Assignment,
    ClosingCode,
    DecisionLog,
    Incident,
    IncidentCategory,
    IncidentEvent,
    SupervisionReview,
    Unit,
    UnitStatusChange,
)
from watchkeeper.control.services.common import (
    Conflict,
    Forbidden,
    Invalid,
    event,
    locked_open,
    publish_incident,
    publish_unit,
)
from watchkeeper.control.services.intake import flag_for_supervision
from watchkeeper.core import audit
from watchkeeper.core.access import allowed, require
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry

K = IncidentEvent.Kind


def _locked_open(incident: Incident) -> Incident:
    return locked_open(incident, "category", "grade")


def _rationale(text: str, what: str) -> str:
    if not (text or "").strip():
        raise Invalid(f"A rationale is mandatory to {what}.")
    return text.strip()


def take_command(actor: Actor, incident: Incident, rationale: str) -> Incident:
    """A control-room inspector takes command from the borough; the rationale goes in the decision log."""
    if not allowed(actor.user, "incident.command.take"):
        raise Forbidden("Only a control-room inspector takes command from the borough.")
    require(actor.user, "incident.command.take", incident)
    rationale = _rationale(rationale, "take command")
    with transaction.atomic():
        incident = _locked_open(incident)
        if incident.command == Incident.Command.INSPECTOR:
            raise Conflict(f"{incident.reference} is already commanded by the control-room inspector.")
        DecisionLog.objects.create(incident=incident, author=actor.user, decision="command_taken", rationale=rationale)
        incident.command, incident.commander = Incident.Command.INSPECTOR, actor.user
        incident.save(update_fields=["command", "commander", "updated_at"])
        event(incident, K.COMMAND_TAKEN, actor, rationale=rationale)
        audit.record(actor, AuditEntry.Kind.UPDATE, incident, fields=["command"], summary="Command taken by inspector")
        publish_incident(incident)
    return incident


def return_command(actor: Actor, incident: Incident, note: str = "") -> Incident:
    """The borough (duty officer) accepts command back; until then the inspector keeps it."""
    if not allowed(actor.user, "incident.command.return"):
        raise Forbidden("Command returns when the borough's duty officer accepts it.")
    require(actor.user, "incident.command.return", incident)
    with transaction.atomic():
        incident = _locked_open(incident)
        if incident.command != Incident.Command.INSPECTOR:
            raise Conflict(f"{incident.reference} is already commanded by the borough.")
        DecisionLog.objects.create(
            incident=incident,
            author=actor.user,
            decision="command_returned",
            rationale=note or "Borough accepts command",
        )
        incident.command, incident.commander = Incident.Command.BOROUGH, actor.user
        incident.save(update_fields=["command", "commander", "updated_at"])
        event(incident, K.COMMAND_RETURNED, actor, note=note)
        audit.record(actor, AuditEntry.Kind.UPDATE, incident, fields=["command"], summary="Borough accepted command")
        publish_incident(incident)
    return incident


def escalate(actor: Actor, incident: Incident, level: str, rationale: str) -> Incident:
    require(actor.user, "incident.command", incident)
    if level not in (Incident.Escalation.CRITICAL, Incident.Escalation.MAJOR):
        raise Invalid("Escalate to 'critical' or 'major'.")
    rationale = _rationale(rationale, "escalate")
    with transaction.atomic():
        incident = _locked_open(incident)
        if incident.escalation == level:
            raise Conflict(f"{incident.reference} is already {level}.")
        DecisionLog.objects.create(
            incident=incident, author=actor.user, decision=f"escalated_{level}", rationale=rationale
        )
        previous = incident.escalation
        incident.escalation = level
        incident.save(update_fields=["escalation", "updated_at"])
        event(incident, K.ESCALATED, actor, level=level, previous=previous, rationale=rationale)
        if level == Incident.Escalation.MAJOR and not incident.reviews.filter(status="open").exists():
            flag_for_supervision(actor, incident, "Major incident declared")
        audit.record(actor, AuditEntry.Kind.UPDATE, incident, fields=["escalation"], summary=f"Escalated to {level}")
        publish_incident(incident)
    return incident


def complete_review(actor: Actor, review: SupervisionReview, note: str) -> SupervisionReview:
    require(actor.user, "incident.command", review.incident)
    if not (note or "").strip():
        raise Invalid("Record what the review found.")
    with transaction.atomic():
        review = SupervisionReview.objects.select_for_update(of=("self",)).select_related("incident").get(pk=review.pk)
        if review.status == SupervisionReview.Status.DONE:
            raise Conflict("That review is already completed.")
        review.status, review.completed_by, review.completed_at = "done", actor.user, timezone.now()
        review.note = note.strip()
        review.save()
        event(review.incident, K.REVIEWED, actor, review=review.pk, note=review.note)
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            review.incident,
            fields=["review"],
            summary=f"Supervisor review of {review.incident.reference} completed",
        )
    return review


def add_note(actor: Actor, incident: Incident, text: str) -> IncidentEvent:
    require(actor.user, "incident.grade", incident)
    if not (text or "").strip():
        raise Invalid("The note is empty.")
    with transaction.atomic():
        note = event(incident, K.NOTE, actor, text=text.strip()[:2000])
        audit.record(actor, AuditEntry.Kind.UPDATE, incident, fields=["timeline"], summary="Note added")
    return note


def clear_assignments(actor: Actor, incident: Incident, now, why: str) -> int:
    """Clear every unit still assigned to `incident` (they become available), logging each."""
    count = 0
    open_assignments = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(incident=incident, cleared_at__isnull=True)
    )
    for assignment in open_assignments:
        unit = assignment.unit
        assignment.cleared_at = now
        assignment.save(update_fields=["cleared_at"])
        previous = unit.status
        Unit.objects.filter(pk=unit.pk).update(status=Unit.Status.AVAILABLE, updated_at=now)
        unit.status = Unit.Status.AVAILABLE
        UnitStatusChange.objects.create(
            unit=unit, at=now, status_from=previous, status_to=unit.status, actor=actor.user, incident=incident
        )
        event(
            incident,
            K.UNIT_STATUS,
            actor,
            at=now,
            unit=unit.pk,
            call_sign=unit.call_sign,
            status="cleared",
            unit_status=unit.status,
            note=why,
        )
        publish_unit(unit)
        count += 1
    return count


def close_incident(
    actor: Actor,
    incident: Incident,
    closing_code: str,
    result: str = "",
    closing_category: str = "",
    qualifiers: list[str] | None = None,
) -> Incident:
    """Close with a closing code (the closing category may differ from the opening one). Units still
    assigned are cleared and each clearance is logged: the duty officer's close is the decision, and
    a unit left committed to a closed incident would vanish from despatch. Closing twice is a Conflict."""
    require(actor.user, "incident.close", incident)
    code = ClosingCode.objects.filter(code=closing_code, active=True).first()
    if code is None:
        raise Invalid(f"Unknown closing code {closing_code!r}.")
    category = None
    if closing_category:
        category = IncidentCategory.objects.filter(code=closing_category).first()
        if category is None:
            raise Invalid(f"Unknown closing category {closing_category!r}.")
    qualifiers = [str(q)[:60] for q in (qualifiers or [])][:10]
    with transaction.atomic():
        incident = _locked_open(incident)
        category = category or incident.category
        now = timezone.now()
        cleared = clear_assignments(actor, incident, now, why="incident closed")
        incident.status = Incident.Status.CLOSED
        incident.closing_code, incident.closing_category = code, category
        incident.closing_qualifiers, incident.result, incident.closed_at = qualifiers, result, now
        incident.save()
        if category.supervision and not incident.category.supervision and not incident.reviews.exists():
            flag_for_supervision(actor, incident, f"Closed as {category.label}: intrusive supervision category")
        event(
            incident,
            K.CLOSED,
            actor,
            at=now,
            closing_code=code.code,
            closing_category=category.code,
            qualifiers=qualifiers,
            result=result,
            units_cleared=cleared,
        )
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            incident,
            fields=["status", "closing_code"],
            summary=f"{incident.reference} closed: {code.label}",
        )
        publish_incident(incident)
    return incident


def cancel_incident(actor: Actor, incident: Incident, reason: str) -> Incident:
    """Cancel (never delete) when verifiable information shows the incident did not happen."""
    require(actor.user, "incident.close", incident)
    reason = _rationale(reason, "cancel an incident")
    with transaction.atomic():
        incident = _locked_open(incident)
        now = timezone.now()
        clear_assignments(actor, incident, now, why="incident cancelled")
        incident.status, incident.result, incident.closed_at = Incident.Status.CANCELLED, reason, now
        incident.save()
        event(incident, K.CANCELLED, actor, at=now, reason=reason)
        audit.record(actor, AuditEntry.Kind.UPDATE, incident, fields=["status"], summary="Cancelled", reason=reason)
        publish_incident(incident)
    return incident
