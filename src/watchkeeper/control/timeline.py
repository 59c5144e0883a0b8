"""The incident timeline's payloads: one type per event kind, and the one constructor every writer
uses (the services, the CAD importer and the demo history), so a kind's payload has the same keys
wherever the event came from and a misspelt or missing field fails where it is written, not later
in a report. Pure: `build` returns an unsaved IncidentEvent; callers save or bulk-create it.

Also the rule that reads a timeline back for the response-time figures: which incidents are left out
(duplicates and cancelled calls), from LINKED and CANCELLED events and from closing codes, so an
imported call closed as a duplicate or cancelled is left out like a live one."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from watchkeeper.control.models.incidents import IncidentEvent
from watchkeeper.control.models.reference import ClosingCode

K = IncidentEvent.Kind


@dataclass(frozen=True, kw_only=True)
class Payload:
    kind = ""
    imported: bool | None = None  # set on events synthesised from an imported CAD export

    def as_json(self) -> dict:
        # None means "not said": left out so the stored payload and the incident page stay terse.
        return {k: v for k, v in dataclasses.asdict(self).items() if v is not None}


@dataclass(frozen=True, kw_only=True)
class Created(Payload):
    kind = K.CREATED
    reference: str
    category: str
    channel: str
    received_at: str
    source: str | None = None
    external_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class Graded(Payload):
    kind = K.GRADED
    grade: str
    grade_id: int
    previous: str | None = None
    reason: str | None = None
    suggested: str | None = None
    thrive: int | None = None
    rationale: str | None = None


@dataclass(frozen=True, kw_only=True)
class Regraded(Graded):
    kind = K.REGRADED


@dataclass(frozen=True, kw_only=True)
class Thrive(Payload):
    kind = K.THRIVE
    assessment: int
    rationale: str
    threat: str | None = None
    harm: str | None = None
    risk: str | None = None
    investigation: str | None = None
    vulnerability: str | None = None
    engagement: str | None = None


@dataclass(frozen=True, kw_only=True)
class Linked(Payload):
    """On the duplicate: its master. On the master: the duplicate."""

    kind = K.LINKED
    master: int | None = None
    master_reference: str | None = None
    duplicate: int | None = None
    duplicate_reference: str | None = None


@dataclass(frozen=True, kw_only=True)
class Assigned(Payload):
    kind = K.ASSIGNED
    call_sign: str
    unit: int | None = None  # None: a unit of the source CAD, not one of ours
    assignment: int | None = None
    estimate_seconds: float | None = None


@dataclass(frozen=True, kw_only=True)
class UnitStatus(Payload):
    kind = K.UNIT_STATUS
    status: str  # what the timeline records: en_route, at_scene or cleared
    unit_status: str  # the unit's own status afterwards
    unit: int | None = None  # None: a unit of the source CAD
    call_sign: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class Note(Payload):
    kind = K.NOTE
    text: str


@dataclass(frozen=True, kw_only=True)
class CommandTaken(Payload):
    kind = K.COMMAND_TAKEN
    rationale: str


@dataclass(frozen=True, kw_only=True)
class CommandReturned(Payload):
    kind = K.COMMAND_RETURNED
    note: str


@dataclass(frozen=True, kw_only=True)
class Escalated(Payload):
    kind = K.ESCALATED
    level: str
    previous: str
    rationale: str


@dataclass(frozen=True, kw_only=True)
class SupervisionFlagged(Payload):
    kind = K.SUPERVISION_FLAGGED
    review: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class Reviewed(Payload):
    kind = K.REVIEWED
    review: int
    note: str


@dataclass(frozen=True, kw_only=True)
class Resolved(Payload):
    kind = K.RESOLVED
    outcome: str
    note: str
    agency: str | None = None


@dataclass(frozen=True, kw_only=True)
class Closed(Payload):
    kind = K.CLOSED
    closing_code: str
    result: str = ""
    closing_category: str | None = None
    qualifiers: list | None = None
    units_cleared: int = 0


@dataclass(frozen=True, kw_only=True)
class Cancelled(Payload):
    kind = K.CANCELLED
    reason: str


@dataclass(frozen=True, kw_only=True)
class SntAuthorised(Payload):
    kind = K.SNT_AUTHORISED
    unit: int
    call_sign: str
    reason: str


PAYLOADS: dict[str, type[Payload]] = {
    cls.kind: cls
    for cls in (
        Created,
        Graded,
        Regraded,
        Thrive,
        Linked,
        Assigned,
        UnitStatus,
        Note,
        CommandTaken,
        CommandReturned,
        Escalated,
        SupervisionFlagged,
        Reviewed,
        Resolved,
        Closed,
        Cancelled,
        SntAuthorised,
    )
}


def payload(kind: str, **fields) -> Payload:
    """The typed payload of one event kind; a TypeError names an unknown or missing field."""
    return PAYLOADS[kind](**fields)


def build(incident, kind: str, at: datetime, user=None, actor_label: str = "", **fields) -> IncidentEvent:
    """One timeline event, unsaved. `user` is the acting account (None for the system)."""
    return IncidentEvent(
        incident=incident,
        kind=kind,
        at=at,
        actor=user,
        actor_label=actor_label,
        payload=payload(kind, **fields).as_json(),
    )


# --- reading the timeline back -------------------------------------------------------------------

# Closing codes that say the call was not a separate event: such incidents are left out of the
# response-time figures, as a live duplicate link or a cancellation is.
EXCLUDING_CLOSING_CODES = {ClosingCode.DUPLICATE: "duplicate", ClosingCode.CANCELLED: "cancelled"}
EXCLUSION_KINDS = (K.LINKED, K.CANCELLED, K.CLOSED)


def exclusion(kind: str, data: dict) -> str:
    """Why one event leaves its incident out of the figures: "duplicate", "cancelled" or ""."""
    if kind == K.LINKED and data.get("master"):
        return "duplicate"
    if kind == K.CANCELLED:
        return "cancelled"
    if kind == K.CLOSED:
        return EXCLUDING_CLOSING_CODES.get(data.get("closing_code") or "", "")
    return ""
