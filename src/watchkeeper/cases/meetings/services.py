"""Meetings: scheduling (a Channel panel is restricted to its named members), the agenda built
from the cases due, minutes, and action reminders through the outbox."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from watchkeeper import outbox
from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Action, Case
from watchkeeper.cases.meetings.models import Meeting
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.core import audit
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry, Partnership, Restriction, User
from watchkeeper.core.roles import role_may

# Which cases a meeting of each kind discusses.
AGENDA_KINDS = {
    "jag": ["asb"],
    "asb_forum": ["asb", "trigger"],
    "rvmp": ["asb", "marac"],
    "marac": ["marac"],
    "channel": ["channel"],
}


@transaction.atomic
def schedule(
    actor: Actor, partnership: Partnership, kind: str, held_at: datetime, title: str, attendee_ids=()
) -> Meeting:
    require(actor.user, "meeting.manage")
    require_member(actor.user, partnership)
    if kind not in Meeting.Kind.values:
        raise Invalid(f"No meeting kind {kind!r}.")
    if kind == "channel" and not role_may(actor.user.role, "channel.view"):
        raise Invalid("Only a Channel panel member schedules the panel.")
    attendees = list(
        User.objects.filter(pk__in=set(attendee_ids) | {actor.user.pk}, agency__partnerships=partnership).distinct()
    )
    if len(attendees) != len(set(attendee_ids) | {actor.user.pk}):
        raise Invalid("Every attendee must be a member of the partnership.")
    if kind == "channel" and not all(role_may(u.role, "channel.view") for u in attendees):
        raise Invalid("Only Channel panel members attend the Channel panel.")
    meeting = Meeting.objects.create(
        partnership=partnership,
        owner_agency=actor.user.agency,
        kind=kind,
        held_at=held_at,
        title=title.strip()[:150] or Meeting.Kind(kind).label,
        restriction=Restriction.PEOPLE if kind == "channel" else Restriction.PARTNERSHIP,
    )
    meeting.attendees.set(attendees)
    if kind == "channel":
        meeting.shared_users.set(attendees)
    audit.record(actor, AuditEntry.Kind.CREATE, meeting, fields=["kind", "held_at", "attendees"])
    return meeting


@transaction.atomic
def build_agenda(actor: Actor, meeting: Meeting) -> list[Case]:
    """Open cases of the meeting's kinds with an action due by the meeting, or high risk: only those
    the scheduling user may see (a restricted case stays off an agenda its author cannot see)."""
    require(actor.user, "meeting.manage", meeting)
    cases = Case.objects.visible_to(actor.user).open().filter(
        partnership=meeting.partnership, kind__in=AGENDA_KINDS[meeting.kind]
    ).filter(
        pk__in=Action.objects.filter(status="open", due__lte=meeting.held_at.date()).values("case_id")
    ) | Case.objects.visible_to(actor.user).open().filter(
        partnership=meeting.partnership, kind__in=AGENDA_KINDS[meeting.kind], risk="high"
    )
    cases = list(cases.distinct()[:200])
    meeting.agenda.add(*cases)
    for case in cases:
        timeline.append(case, actor, "meeting", meeting=meeting.pk, kind=meeting.kind)
    audit.record(actor, AuditEntry.Kind.UPDATE, meeting, fields=["agenda"], summary=f"{len(cases)} cases")
    return cases


@transaction.atomic
def record_minutes(actor: Actor, meeting: Meeting, minutes: str) -> Meeting:
    require(actor.user, "meeting.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not minutes.strip():
        raise Invalid("The minutes are empty.")
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    audit.record(actor, AuditEntry.Kind.UPDATE, meeting, fields=["minutes"])
    return meeting


def queue_reminders(on=None) -> int:
    """Enqueue a reminder for each open action with an owner falling due within the reminder days.
    The key (action, due date) makes a second run, or a worker killed mid-delivery, harmless."""
    on = on or timezone.localdate()
    horizon = on + timedelta(days=rule("meeting-reminder-days", on))
    count = 0
    due = Action.objects.filter(status="open", due__lte=horizon, owner__isnull=False).exclude(owner__email="")
    with transaction.atomic():
        for action in due.select_related("owner", "case")[:5000]:
            outbox.enqueue(
                "email",
                {
                    "to": [action.owner.email],
                    "subject": f"Action due {action.due:%d %b %Y} on {action.case.reference}",
                    "body": "An action you own is due. Open the case in Watchkeeper to see it.",
                },
                key=f"cases.action:{action.pk}:{action.due.isoformat()}",
            )
            count += 1
    return count
