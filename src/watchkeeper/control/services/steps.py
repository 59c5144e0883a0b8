"""Steps several control-room services take inside their own transaction (flagging for supervision,
clearing a closed or merged incident's units). Kept apart from the services that call them so
intake and command do not import each other."""

from __future__ import annotations

from watchkeeper.control.models import Assignment, Incident, IncidentEvent, SupervisionReview, Unit, UnitStatusChange
from watchkeeper.control.services.common import event, publish_unit
from watchkeeper.core.audit import Actor

K = IncidentEvent.Kind


def flag_for_supervision(actor: Actor, incident: Incident, reason: str) -> SupervisionReview:
    review = SupervisionReview.objects.create(incident=incident, reason=reason[:200])
    event(incident, K.SUPERVISION_FLAGGED, actor, review=review.pk, reason=reason)
    return review


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
