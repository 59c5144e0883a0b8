"""Shared pieces of the control-room services: the refusals they raise (core.errors, re-exported),
timeline events, and the live-board messages published after commit."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from watchkeeper.control import timeline
from watchkeeper.control.models import (
    Assignment,
    Grade,
    Incident,
    IncidentEvent,
    Unit,
    UnitStatusChange,
    reference_data,
)

# The refusals are core.errors (one family for the whole application); re-exported for services.
from watchkeeper.core.errors import Conflict as Conflict
from watchkeeper.core.errors import Denied as Denied
from watchkeeper.core.errors import Invalid as Invalid
from watchkeeper.core.errors import NotFound as NotFound
from watchkeeper.core.errors import Refused as Refused
from watchkeeper.core.prepared import Insert, Prepared


def event(incident: Incident, kind: str, actor, at=None, **payload) -> IncidentEvent:
    """Write one timeline event; its payload is checked against the kind's type (control/timeline.py)."""
    user = actor.user if getattr(actor.user, "pk", None) else None
    made = timeline.build(incident, kind, at or timezone.now(), user, actor.label, **payload)
    return _INSERT_EVENT.save(made)


# Every change writes timeline events, only ever inserted (IncidentEvent.save insists): the INSERT
# is built once (core/prepared.py), not compiled per event.
_INSERT_EVENT = Insert(IncidentEvent)


# Compiled once per set of related tables (core/prepared.py): every change to an incident starts here.
_LOCKED: dict[tuple[str, ...], Prepared] = {}


def locked_open(incident: Incident, *related: str) -> Incident:
    """The incident re-read and locked for this transaction; a Conflict when it is no longer open."""
    query = _LOCKED.get(related)
    if query is None:
        query = _LOCKED[related] = Prepared(
            Incident,
            lambda slot: (
                Incident.objects.select_for_update(of=("self",))
                .select_related(*related)
                .filter(pk=slot("pk"))
                .order_by()
            ),
        )
    pk = incident.pk
    incident = query.first(pk=pk)
    if incident is None:
        raise Incident.DoesNotExist(f"Incident {pk} does not exist.")
    if not incident.is_open:
        raise Conflict(f"{incident.reference} is already {incident.status}.")
    return incident


def active_grades() -> list[Grade]:
    """The active grade set's grades, most urgent first (reference data, cached per process)."""
    return reference_data().active_grades


# On every board message about an incident: compiled once (core/prepared.py).
_OPEN_ARRIVALS = Prepared(
    Assignment,
    lambda slot: Assignment.objects.filter(incident_id=slot("incident"), cleared_at__isnull=True).values_list(
        "arrived_at", flat=True
    ),
)


def incident_stage(incident: Incident) -> str:
    """Where an open incident stands for the board: open, despatched (a unit assigned) or at scene
    (an assigned unit arrived); closed and cancelled are the incident's own status."""
    if not incident.is_open:
        return incident.status
    stamps = _OPEN_ARRIVALS.all(incident=incident.pk)
    if any(stamps):
        return "at_scene"
    return "despatched" if stamps else "open"


def incident_message(incident: Incident, stage: str | None = None) -> dict:
    """What a board row or map marker needs (agreed shape, see control/consumers.py)."""
    return {
        "type": "incident",
        "id": incident.pk,
        "reference": incident.reference,
        "grade": incident.grade.code if incident.grade_id else None,
        "status": incident.status,
        "stage": stage or incident_stage(incident),
        "location": incident.location_text,
        "category": incident.category.label,
        "category_code": incident.category.code,
        "lat": incident.lat,
        "lon": incident.lon,
        "received_at": incident.received_at.isoformat(),
        "command": incident.command,
        "escalation": incident.escalation,
        "partnership_id": incident.partnership_id,
        "district_id": incident.district_id,
    }


def unit_context(unit: Unit) -> tuple[Incident | None, object]:
    """The unit's current incident (its open assignment) and since when it has had its status."""
    assignment = Assignment.objects.filter(unit_id=unit.pk, cleared_at__isnull=True).select_related("incident").first()
    since = (
        UnitStatusChange.objects.filter(unit_id=unit.pk)
        .exclude(status_from=F("status_to"))
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return (assignment.incident if assignment else None), since


def unit_message(unit: Unit, incident_id: int | None = None, context=None) -> dict:
    """A unit for the board: status, since when, and its current incident (reference and place)."""
    incident, since = context if context is not None else unit_context(unit)
    return {
        "type": "unit",
        "id": unit.pk,
        "call_sign": unit.call_sign,
        "status": unit.status,
        "kind": unit.kind,
        "type_label": unit.get_kind_display(),
        "lat": unit.lat,
        "lon": unit.lon,
        "incident_id": incident.pk if incident else incident_id,
        "incident_reference": incident.reference if incident else "",
        "incident_lat": incident.lat if incident else None,
        "incident_lon": incident.lon if incident else None,
        "street": incident.location_text if incident else "",
        "status_since": (since or unit.updated_at).isoformat() if (since or unit.updated_at) else None,
        "partnership_id": unit.partnership_id,
        "district_id": unit.district_id,
    }


def publish_after_commit(partnership_id: int, message: dict) -> None:
    def send():
        from watchkeeper import live

        try:
            live.publish(f"board.{partnership_id}", message)
        except Exception:  # noqa: BLE001 - a board that misses one update must not fail a committed change
            import logging

            logging.getLogger(__name__).exception("live publish failed")

    transaction.on_commit(send)


def publish_incident(incident: Incident) -> None:
    publish_after_commit(incident.partnership_id, incident_message(incident))


def publish_unit(unit: Unit, incident_id: int | None = None, context: tuple | None = None) -> None:
    """`context` (current incident or None, time of the status change) when the caller knows both."""
    publish_after_commit(unit.partnership_id, unit_message(unit, incident_id, context))
