"""The IOM cohort as the reader may see it: memberships on the IOM cases they may open (the case
rule), each with its current plan, last contact, reoffending and harm against the baseline."""

from __future__ import annotations

from datetime import date

from watchkeeper.cases.iom import services as iom_services
from watchkeeper.cases.iom.models import Membership
from watchkeeper.core.visibility import visible

COLUMNS = [
    "id",
    "case_id",
    "case_reference",
    "offender_id",
    "cohort",
    "reason",
    "joined_on",
    "left_on",
    "engagement",
    "plan_review_on",
    "last_contact_on",
    "baseline",
    "since",
    "reoffended",
    "harm_baseline",
    "harm_since",
    "harm_change_pct",
]


def cohort(user, today: date, current_only: bool = True) -> list[dict]:
    qs = visible(Membership, user).select_related("case").prefetch_related("plans", "engagements")
    if current_only:
        qs = qs.filter(left_on__isnull=True)
    rows = []
    for m in qs.order_by("case__reference", "joined_on", "pk"):
        plan = next(iter(m.plans.all()), None)  # newest first (Plan.Meta.ordering)
        contact = next(iter(m.engagements.all()), None)
        rows.append(
            {
                "id": m.pk,
                "case_id": m.case_id,
                "case_reference": m.case.reference,
                "offender_id": m.offender_id,
                "cohort": m.cohort,
                "reason": m.reason,
                "joined_on": m.joined_on,
                "left_on": m.left_on,
                "engagement": m.engagement,
                "plan_review_on": plan.review_on if plan else None,
                "last_contact_on": contact.on if contact else None,
                **iom_services.outcomes(m, today),
            }
        )
    return rows
