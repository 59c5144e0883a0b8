"""The officer's status from the phone page: acknowledging a despatch (en route), arriving, and
clearing. Clearing from the scene needs the result, written on the incident's timeline with the
clearance in the same transaction (a unit never leaves a scene without saying what happened)."""

from __future__ import annotations

from django.db import transaction

from watchkeeper.control.models import Assignment, IncidentEvent, Unit
from watchkeeper.control.services.common import Invalid, event
from watchkeeper.control.services.despatch import set_unit_status
from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry

S = Unit.Status
ON_THE_WAY = (S.EN_ROUTE, S.AT_SCENE)


def result_needed(status: str, arrived: bool) -> bool:
    """Leaving an incident the unit reached (any status but en route / at scene) needs a result."""
    return arrived and status not in ON_THE_WAY


def field_status(
    actor: Actor, unit: Unit, status: str, result: str = "", lat: float | None = None, lon: float | None = None
) -> Unit:
    result = (result or "").strip()[:2000]
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("incident")
            .filter(unit_id=unit.pk, cleared_at__isnull=True)
            .first()
        )
        arrived = assignment is not None and assignment.arrived_at is not None
        if result_needed(status, arrived) and not result:
            raise Invalid(
                f"Say what the result was at {assignment.incident.reference} before {unit.call_sign} "
                f"goes {S(status).label.lower()}."
            )
        unit = set_unit_status(actor, unit, status, lat=lat, lon=lon)
        if assignment is not None and status not in ON_THE_WAY and result:
            event(assignment.incident, IncidentEvent.Kind.NOTE, actor, text=f"Result from {unit.call_sign}: {result}")
            audit.record(
                actor,
                AuditEntry.Kind.UPDATE,
                assignment.incident,
                fields=["timeline"],
                summary=f"{unit.call_sign} cleared with a result",
            )
    return unit
