"""Targets against their baselines: observed vs baseline counts, RAG status and the interval behind it."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from watchkeeper.core.models import Partnership
from watchkeeper.intel.crime import rules as months
from watchkeeper.intel.crime.models import Crime
from watchkeeper.intel.targets import rules
from watchkeeper.intel.targets.models import Baseline, Target


def _count(user, target: Target, start: date, end: date) -> int:
    qs = Crime.objects.visible_to(user).filter(
        partnership=target.partnership, outside_area=False, month__gte=start, month__lte=end
    )
    if target.category:
        qs = qs.filter(category=target.category)
    if target.district_id:
        qs = qs.filter(district_id=target.district_id)
    return qs.count()


def target_report(user, target: Target) -> dict:
    """Observed vs baseline for a target, its RAG status and the exact interval behind it."""
    base = target.baseline
    observed_end = min(
        target.period_end,
        Crime.objects.filter(partnership=target.partnership).order_by("-month").values_list("month", flat=True).first()
        or target.period_end,
    )
    observed_months = max(months.months_between(target.period_start, observed_end), 0)
    observed = _count(user, target, target.period_start, observed_end) if observed_months else 0
    baseline = _count(user, target, base.start_month, base.end_month)
    status = rules.target_status(observed, observed_months, baseline, base.months, target.reduction_percent)
    return {
        "target": target,
        "category": target.category or "All crime",
        "baseline_name": base.name,
        "baseline_count": baseline,
        "baseline_months": base.months,
        "observed_count": observed,
        "observed_months": observed_months,
        "status": status,
    }


def targets_for(user, partnership: Partnership) -> list[dict]:
    qs = Target.objects.visible_to(user).filter(partnership=partnership).select_related("baseline")
    return [target_report(user, t) for t in qs if t.baseline_id]


def baselines_for(user, partnership: Partnership) -> QuerySet:
    return Baseline.objects.visible_to(user).filter(partnership=partnership)
