"""Scheduled reminders through the outbox (run by `watchkeeper cctv_reminders`, e.g. hourly):
a review before a rapid-deployment camera's end date, and asking the police for the outcome of a
released package. Each is keyed, so running the job again sends nothing twice."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from watchkeeper import outbox
from watchkeeper.cctv.limits import limits_on


def send_due(today: date) -> dict:
    from watchkeeper.cctv.deployments.models import Deployment
    from watchkeeper.cctv.evidence.models import Release

    limits = limits_on(today)
    horizon = today + timedelta(days=limits.deployment_reminder_days)
    reviews = outcomes = 0
    with transaction.atomic():
        for d in Deployment.objects.filter(removed_on__isnull=True, ends_on__lte=horizon).select_related(
            "bid", "camera"
        ):
            if d.bid.contact_email:
                outbox.enqueue(
                    "email",
                    {
                        "subject": f"Review due: rapid-deployment camera {d.camera.code} at {d.bid.location}",
                        "body": f"The deployment ends on {d.ends_on:%d %b %Y}. Bring it to the JAG to extend or "
                        "remove it.",
                        "to": [d.bid.contact_email],
                    },
                    key=f"cctv-deployment-review-{d.pk}-{d.ends_on}",
                )
                reviews += 1
        asked_before = today - timedelta(days=limits.outcome_request_days)
        for r in (
            Release.objects.filter(outcome="", released_at__date__lte=asked_before)
            .exclude(recipient_email="")
            .select_related("master")
        ):
            outbox.enqueue(
                "email",
                {
                    "subject": f"Outcome of CCTV evidence {r.master.exhibit}",
                    "body": "Please tell the CCTV control room what the evidence was used for (charge, no "
                    "further action, court).",
                    "to": [r.recipient_email],
                },
                key=f"cctv-outcome-{r.pk}",
            )
            outcomes += 1
    return {"reviews": reviews, "outcomes": outcomes}
