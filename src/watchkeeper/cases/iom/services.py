"""IOM: cohort membership with its reason (fixed, flex, free), the intervention plan and
engagement, and reoffending and harm from the incidents and crimes linked to the case."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Case, Kind, Link
from watchkeeper.cases.iom import rules as iom_rules
from watchkeeper.cases.iom.models import Membership
from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid, NotFound
from watchkeeper.core.models import AuditEntry, Person
from watchkeeper.core.visibility import visible_get

BASELINE_DAYS = 365  # the fixed baseline window; a rule row when a partnership asks for another


@transaction.atomic
def join(actor: Actor, case: Case, offender_id: int, cohort: str, reason: str, joined_on: date, plan: str = ""):
    case = case_services.editable(actor, case, "iom.manage")
    if case.kind != Kind.IOM:
        raise Invalid("Cohort membership is recorded on IOM cases.")
    if cohort not in Membership.Cohort.values or not reason.strip():
        raise Invalid("Give the cohort (fixed, flex or free) and the reason for selection.")
    if joined_on > timezone.localdate():
        raise Invalid("Joining cannot be dated in the future.")
    offender = visible_get(Person.objects.filter(partnership=case.partnership), actor.user, pk=offender_id)
    if offender is None:
        raise NotFound(f"No person {offender_id} that you can see.")
    membership = Membership.objects.create(
        case=case, offender=offender, cohort=cohort, reason=reason.strip()[:300], joined_on=joined_on, plan=plan
    )
    timeline.append(case, actor, "iom", cohort=cohort, joined_on=joined_on.isoformat())
    audit.record(actor, AuditEntry.Kind.CREATE, membership, fields=["cohort", "reason"], summary=case.reference)
    return membership


def outcomes(membership: Membership, today: date | None = None) -> dict:
    """Linked incidents and crimes in the baseline window and since joining: reoffending is any
    linked offence since; harm is their count (a weighting by offence type can follow)."""
    today = today or timezone.localdate()
    (b0, b1), (s0, s1) = iom_rules.windows(membership.joined_on, today, BASELINE_DAYS)
    links = Link.objects.filter(case=membership.case).exclude(kind=Link.Kind.CCTV)

    def count(start, end):
        incidents = links.filter(incident__received_at__date__gte=start, incident__received_at__date__lt=end).count()
        crimes = links.filter(crime__month__gte=start, crime__month__lt=end).count()
        return incidents + crimes

    before, since = count(b0, b1), count(s0, s1 + timezone.timedelta(days=1))
    return {
        "baseline": before,
        "since": since,
        "reoffended": since > 0,
        "harm_change_pct": iom_rules.harm_change(before, since),
    }
