"""Gathering one month of a contract's figures from the records (tasks, visits, incidents, notices)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from watchkeeper.patrol.contract.models import Complaint, Contract, Indicator
from watchkeeper.patrol.contract.queries import rules_on
from watchkeeper.patrol.powers.models import FixedPenaltyNotice, PatrolIncident, PowerUse
from watchkeeper.patrol.proof.models import Visit
from watchkeeper.patrol.reports import rules
from watchkeeper.patrol.tasking.models import ShiftTask


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1)


def month_counts(contract: Contract, month: date, now: datetime | None = None) -> rules.Month:
    now = now or timezone.now()
    first, after = month_bounds(month)
    nights = {"shift__contract": contract, "shift__service_date__gte": first, "shift__service_date__lt": after}
    due = ShiftTask.objects.filter(**nights, due_by__lte=now)
    visits = Visit.objects.filter(**nights, task__isnull=False)
    handed = PatrolIncident.objects.filter(**nights, handed_to_police_at__isnull=False)
    target = timedelta(minutes=rules_on(first).handover_target_minutes)
    notices = FixedPenaltyNotice.objects.filter(**nights)
    S = FixedPenaltyNotice.Status
    return rules.Month(
        tasks_due=due.count(),
        tasks_attended=due.filter(visit__isnull=False).count(),
        visits=visits.count(),
        visits_dwell_met=visits.filter(met_dwell=True).count(),
        incidents_handed=handed.count(),
        handed_in_time=sum(1 for h in handed if h.handed_to_police_at - h.recorded_at <= target),
        complaints=Complaint.objects.filter(contract=contract, received_on__gte=first, received_on__lt=after).count(),
        notices=notices.count(),
        notices_paid=notices.filter(status=S.PAID).count(),
        notices_settled=notices.filter(status__in=[S.PAID, S.CANCELLED, S.PROSECUTED]).count(),
        appeals_upheld=notices.filter(appeal_upheld=True).count(),
        cancellations=notices.filter(status=S.CANCELLED).count(),
        notices_with_video=notices.filter(video_running=True).count(),
    )


def report(contract: Contract, month: date) -> list[rules.Figure]:
    targets = {i.code: (i.target, i.direction) for i in Indicator.objects.filter(contract=contract)}
    labels = dict(Indicator.Code.choices)
    return rules.figures(month_counts(contract, month), labels, targets, set(Indicator.NEVER_TARGETED))


def power_counts(contract: Contract, month: date) -> list[rules.PowerCount]:
    """The month's powers used and notices issued, per power and per officer (counts only: no
    person named in a power use or notice is read)."""
    first, after = month_bounds(month)
    nights = {"shift__contract": contract, "shift__service_date__gte": first, "shift__service_date__lt": after}
    fields = ("power__label", "officer__collar_number", "officer__name")

    def pairs(model):
        return [(p, f"{collar} {name}") for p, collar, name in model.objects.filter(**nights).values_list(*fields)]

    return rules.power_counts(pairs(PowerUse), pairs(FixedPenaltyNotice))
