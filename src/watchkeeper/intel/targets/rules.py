"""Pure decisions about reduction targets (no database, no I/O): RAG status from exact Poisson
rate-ratio intervals."""

from __future__ import annotations

import math
from dataclasses import dataclass

WITHIN = "within normal variation"


@dataclass(frozen=True)
class TargetStatus:
    rag: str  # "green" | "amber" | "red" | "grey"
    label: str
    baseline_rate: float  # per month
    observed_rate: float
    target_rate: float
    ratio: float | None  # observed / baseline rate
    ratio_low: float | None
    ratio_high: float | None
    change_percent: float | None


def rate_ratio_interval(
    observed: int, observed_months: float, baseline: int, baseline_months: float, confidence: float = 0.95
) -> tuple[float, float, float] | None:
    """Exact (conditional binomial, Clopper-Pearson) interval for the ratio of two Poisson rates.

    Given the total n = observed + baseline, observed ~ Binomial(n, p) with
    p = R*t1 / (R*t1 + t0); invert the Clopper-Pearson interval on p to one on the rate ratio R.
    """
    n = observed + baseline
    if n == 0 or observed_months <= 0 or baseline_months <= 0:
        return None
    from scipy import stats  # scipy.stats costs about a second to import: only when used

    alpha = 1 - confidence
    p_low = stats.beta.ppf(alpha / 2, observed, baseline + 1) if observed > 0 else 0.0
    p_high = stats.beta.ppf(1 - alpha / 2, observed + 1, baseline) if baseline > 0 else 1.0
    scale = baseline_months / observed_months

    def to_ratio(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) * scale

    ratio = (observed / observed_months) / (baseline / baseline_months) if baseline else math.inf
    return ratio, to_ratio(p_low), to_ratio(p_high)


def not_judged_reason(missing_observed: int, missing_baseline: int) -> str:
    """Why a target cannot be judged: months without data in either period (missing, never zero)."""
    parts = []
    if missing_observed:
        parts.append(f"{missing_observed} month{'s' if missing_observed != 1 else ''} of the target period")
    if missing_baseline:
        parts.append(f"{missing_baseline} month{'s' if missing_baseline != 1 else ''} of the baseline")
    if not parts:
        return ""
    return (
        f"not judged: {' and '.join(parts)} ha{'ve' if sum((missing_observed, missing_baseline)) != 1 else 's'} no data"
    )


def target_status(
    observed: int,
    observed_months: int,
    baseline: int,
    baseline_months: int,
    reduction_percent: float,
    missing_observed: int = 0,
    missing_baseline: int = 0,
) -> TargetStatus:
    """RAG for a reduction target, honest about noise.

    green: the whole 95% interval of the rate ratio is at or below the target ratio (the reduction is
    real and big enough); red: the whole interval is above 1 (a real increase); amber: a real fall
    smaller than the target (interval below 1 but not below the target); otherwise the change is
    within normal variation (grey): neither success nor failure can be claimed.
    """
    base_rate = baseline / baseline_months if baseline_months else 0.0
    obs_rate = observed / observed_months if observed_months else 0.0
    goal = 1 - reduction_percent / 100.0
    target_rate = base_rate * goal
    reason = not_judged_reason(missing_observed, missing_baseline)
    if reason:  # judged only on complete periods: a partial import must not read as a fall
        return TargetStatus("grey", reason, base_rate, obs_rate, target_rate, None, None, None, None)
    if observed_months <= 0:
        return TargetStatus(
            "grey",
            "not judged: no month of the target period has data yet",
            base_rate,
            obs_rate,
            target_rate,
            None,
            None,
            None,
            None,
        )
    interval = rate_ratio_interval(observed, observed_months, baseline, baseline_months)
    if interval is None or baseline == 0:
        return TargetStatus(
            "grey", "no baseline crime to compare with", base_rate, obs_rate, target_rate, None, None, None, None
        )
    ratio, low, high = interval
    change = (ratio - 1) * 100
    if high <= goal:
        rag, label = "green", "target met (beyond normal variation)"
    elif low > 1:
        rag, label = "red", "real increase (beyond normal variation)"
    elif high < 1:
        rag, label = "amber", "real reduction, short of the target"
    else:
        rag, label = "grey", WITHIN
    return TargetStatus(rag, label, base_rate, obs_rate, target_rate, ratio, low, high, change)
