"""The one constructor of timeline entries: every service (and the demo loader) appends through
`append`, with a kind from KINDS, so the timeline reads the same whoever wrote it."""

from __future__ import annotations

from django.utils import timezone

from watchkeeper.cases.core.models import Case, Event

KINDS = {
    "opened": "Case opened",
    "closed": "Case closed",
    "reopened": "Case reopened",
    "party_added": "Party added",
    "consent": "Consent recorded",
    "assessed": "Risk assessed",
    "action_added": "Action agreed",
    "action_updated": "Action updated",
    "note_added": "Note written",
    "document_added": "Document added",
    "linked": "Record linked",
    "handed_over": "Case handed over",
    "restricted": "Restriction changed",
    "complaint": "Complaint recorded",
    "legal_step": "Legal step taken",
    "override": "Prerequisite overridden by a manager",
    "trigger": "Case review step",
    "referral": "MARAC referral",
    "idva": "IDVA assigned",
    "stage": "Stage changed",
    "iom": "IOM cohort change",
    "meeting": "Discussed at a meeting",
    "disclosed": "Disclosed to another agency",
}


def append(case: Case, actor, kind: str, /, **data) -> Event:
    if kind not in KINDS:
        raise ValueError(f"No timeline kind {kind!r}")
    user = actor.user if getattr(actor.user, "pk", None) else None
    event = Event(case=case, at=timezone.now(), kind=kind, actor=user, actor_label=actor.label, data=data)
    event.save()
    return event
