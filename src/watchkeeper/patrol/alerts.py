"""Outbox handlers for the patrol module: expiry alerts to the contractor's and the council's people."""

from __future__ import annotations

from django.core.mail import EmailMessage

from watchkeeper import outbox
from watchkeeper.core.access import allowed
from watchkeeper.core.models import User
from watchkeeper.outbox.email import message_id


def recipients(contract) -> list[str]:
    """The contractor's staff and the partnership's contract managers who have an email address."""
    users = User.objects.filter(is_active=True, agency__partnerships=contract.partnership).exclude(email="")
    return sorted({u.email for u in users if u.agency_id == contract.contractor_id or allowed(u, "patrol.manage")})


@outbox.handles("patrol.expiry_alert")
def deliver_expiry(payload: dict, key: str) -> None:
    from watchkeeper.patrol.officers.models import Officer

    officer = Officer.objects.select_related("contract").get(pk=payload["officer"])
    to = recipients(officer.contract)
    if not to:
        return
    what = {"sia": "SIA licence", "power": "CSAS power", "vetting": "Vetting", "training": "Training"}[payload["what"]]
    EmailMessage(
        subject=f"Patrol: {what} for {officer} expires {payload['expires_on']}",
        body=(
            f"{what} {payload['name']} held by {officer} on {officer.contract} expires on {payload['expires_on']}.\n"
            "Renew it before then: an expired power is no longer offered to the officer."
        ),
        to=to,
        headers={"Message-ID": message_id(key), "X-Watchkeeper-Key": key},
    ).send(fail_silently=False)
