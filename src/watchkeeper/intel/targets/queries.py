"""Targets against their baselines: observed vs baseline counts, RAG status and the interval behind it."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from watchkeeper.core.models import Partnership
from watchkeeper.intel.crime import queries as crime_queries
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
    with_data = crime_queries.months_with_data(target.partnership)
    latest = max(with_data) if with_data else None
    observed_end = min(target.period_end, latest or target.period_end)
    observed_window = months.month_range(target.period_start, observed_end) if latest else []
    missing_observed = months.missing_months(observed_window, with_data)
    observed_months = len(observed_window) - len(missing_observed)
    observed = _count(user, target, target.period_start, observed_end) if observed_months else 0
    baseline = _count(user, target, base.start_month, base.end_month)
    missing_baseline = months.missing_months(months.month_range(base.start_month, base.end_month), with_data)
    status = rules.target_status(
        observed,
        observed_months,
        baseline,
        base.months,
        target.reduction_percent,
        missing_observed=len(missing_observed),
        missing_baseline=len(missing_baseline),
    )
    return {
        "target": target,
        "category": target.category or "All crime",
        "baseline_name": base.name,
        "baseline_count": baseline,
        "baseline_months": base.months,
        "observed_count": observed,
        "observed_months": observed_months,
        "missing_months": [f"{m:%Y-%m}" for m in missing_observed + missing_baseline],
        "status": status,
    }


def targets_for(user, partnership: Partnership) -> list[dict]:
    qs = Target.objects.visible_to(user).filter(partnership=partnership).select_related("baseline")
    return [target_report(user, t) for t in qs if t.baseline_id]


def baselines_for(user, partnership: Partnership) -> QuerySet:
    return Baseline.objects.visible_to(user).filter(partnership=partnership)
