"""A referral to a partner agency as outbox messages: written in the referral's transaction, then
delivered by `watchkeeper worker` (the REFERRAL_HOOKS, and an email to the agency's users)."""

from __future__ import annotations

from watchkeeper import outbox
from watchkeeper.control.models import Incident, IncidentEvent
from watchkeeper.core.models import Agency, User


def record(incident: Incident, agency: Agency, resolved: IncidentEvent) -> None:
    """Call inside the transaction that refers the incident; `resolved` is its RESOLVED event, so a
    later referral of the same incident is a new message and a repeat of this one is not."""
    key = f"referral:{resolved.pk}"
    outbox.enqueue("control.referral", {"incident": incident.pk, "agency": agency.pk}, key=key)
    to = sorted(User.objects.filter(agency=agency, is_active=True).exclude(email="").values_list("email", flat=True))
    if to:
        subject = f"Referral from the control room: {incident.reference}"
        body = (
            f"{incident.reference} ({incident.category.label}) has been referred to {agency.name}.\n"
            f"Open it in Watchkeeper to see the details you are entitled to."
        )
        outbox.enqueue("email", {"to": to, "subject": subject, "body": body}, key=f"{key}:email")


@outbox.handles("control.referral")
def deliver(payload: dict, key: str) -> None:
    """Run the registered referral hooks (e.g. the cases module opening a case). Delivery is
    at-least-once: a hook must tolerate being called again for the same incident and agency."""
    from watchkeeper.control.services.grading import REFERRAL_HOOKS

    incident = Incident.objects.get(pk=payload["incident"])
    agency = Agency.objects.get(pk=payload["agency"])
    for hook in REFERRAL_HOOKS:
        hook(incident, agency)
