"""The only place control-room state changes. Each service runs in one transaction, writes its
timeline event(s) and audit entry inside it, and publishes live-board messages after commit."""

from watchkeeper.control.services.command import (
    add_note,
    cancel_incident,
    close_incident,
    complete_review,
    escalate,
    return_command,
    take_command,
)
from watchkeeper.control.services.common import Conflict, Denied, Invalid, NotFound, Refused
from watchkeeper.control.services.despatch import assign_unit, authorise_snt, recommendations, set_unit_status
from watchkeeper.control.services.grading import grade_incident, resolve_without_deployment
from watchkeeper.control.services.intake import CallerQuestion, create_incident, link_duplicate, take_call

__all__ = [
    "CallerQuestion",
    "Conflict",
    "Denied",
    "Invalid",
    "NotFound",
    "Refused",
    "add_note",
    "assign_unit",
    "authorise_snt",
    "cancel_incident",
    "close_incident",
    "complete_review",
    "create_incident",
    "escalate",
    "grade_incident",
    "link_duplicate",
    "recommendations",
    "resolve_without_deployment",
    "return_command",
    "set_unit_status",
    "take_call",
    "take_command",
]
