"""Pure decisions for the intelligence app (no database, no I/O): months, district names from LSOA
names, RAG status with exact Poisson intervals, Wilson intervals for survey shares."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from scipy import stats

# data.police.uk LSOA names are "<local authority> <code>", e.g. "Stevenage 004A". Partnerships may
# name their districts more briefly than the ONS does.
DISTRICT_ALIASES = {
    "east hertfordshire": "east herts",
    "north hertfordshire": "north herts",
}
_LSOA_SUFFIX = re.compile(r"\s+\d{3}[A-Z]$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def lsoa_district(lsoa_name: str) -> str:
    """The normalised district part of an LSOA name ("" when the name has no LSOA code suffix)."""
    if not lsoa_name or not _LSOA_SUFFIX.search(lsoa_name):
        return ""
    name = _LSOA_SUFFIX.sub("", lsoa_name).strip().lower()
    return DISTRICT_ALIASES.get(name, name)


def district_key(name: str) -> str:
    name = name.strip().lower()
    return DISTRICT_ALIASES.get(name, name)


def parse_month(text: str) -> date | None:
    """'2021-03' -> date(2021, 3, 1); None when it is not a YYYY-MM month."""
    m = _MONTH.match((text or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1900 <= int(m.group(1)) <= 2200:
        return None
    return date(int(m.group(1)), int(m.group(2)), 1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_range(start: date, end: date) -> list[date]:
    """Every first-of-month from start to end inclusive."""
    out, cursor = [], date(start.year, start.month, 1)
    while cursor <= end:
        out.append(cursor)
        cursor = add_months(cursor, 1)
    return out


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


# --- Targets -----------------------------------------------------------------------------------

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
    alpha = 1 - confidence
    p_low = stats.beta.ppf(alpha / 2, observed, baseline + 1) if observed > 0 else 0.0
    p_high = stats.beta.ppf(1 - alpha / 2, observed + 1, baseline) if baseline > 0 else 1.0
    scale = baseline_months / observed_months

    def to_ratio(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) * scale

    ratio = (observed / observed_months) / (baseline / baseline_months) if baseline else math.inf
    return ratio, to_ratio(p_low), to_ratio(p_high)


def target_status(
    observed: int, observed_months: int, baseline: int, baseline_months: int, reduction_percent: float
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


# --- Surveys ------------------------------------------------------------------------------------


def wilson(positive: int, n: int, z: float = 1.959963984540054) -> tuple[float, float, float] | None:
    """Share and Wilson score 95% interval; None for no answers."""
    if n <= 0:
        return None
    p = positive / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return p, max(0.0, centre - half), min(1.0, centre + half)


def survey_answer(text: str) -> tuple[str, bool] | None:
    """Normalised answer and whether it is positive (yes, or 4-5 of 5); None if not yes/no or 1-5."""
    value = (text or "").strip().lower()
    if value in {"yes", "y"}:
        return "yes", True
    if value in {"no", "n"}:
        return "no", False
    if value in {"1", "2", "3", "4", "5"}:
        return value, int(value) >= 4
    return None
