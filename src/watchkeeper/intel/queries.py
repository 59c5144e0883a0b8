"""Read-only figures for pages, API and the data pack: monthly counts, targets with RAG, outcome
rates and repeat locations. Every query starts from Crime.objects.visible_to(user)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from watchkeeper.core.models import District, Partnership, Ward
from watchkeeper.intel import rules
from watchkeeper.intel.models import Baseline, Crime, Target


@dataclass(frozen=True)
class Scope:
    """What a page asks for: a partnership, whole months, optionally a category, district or ward."""

    partnership: Partnership
    start: date
    end: date  # inclusive month
    category: str = ""
    district: District | None = None
    ward: Ward | None = None

    @property
    def months(self) -> list[date]:
        return rules.month_range(self.start, self.end)

    def query(self) -> str:
        parts = [f"partnership={self.partnership.slug}", f"start={self.start:%Y-%m}", f"end={self.end:%Y-%m}"]
        if self.category:
            parts.append(f"category={self.category}")
        if self.district:
            parts.append(f"district={self.district.pk}")
        if self.ward:
            parts.append(f"ward={self.ward.pk}")
        return "&".join(parts)


class ScopeError(ValueError):
    """A filter a person can correct (bad month, unknown area)."""


def partnerships_of(user) -> QuerySet:
    return Partnership.objects.filter(id__in=user.partnership_ids()).order_by("pk")


def _month(text: str, name: str) -> date:
    month = rules.parse_month((text or "")[:7])
    if month is None:
        raise ScopeError(f"{name} must be a month written YYYY-MM, not {text!r}.")
    return month


def _int(text) -> int | None:
    try:
        value = int(text)
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**62 else None


def scope_from(user, params) -> Scope:
    """Build a Scope from GET parameters; defaults to the twelve months up to the latest data."""
    partnerships = partnerships_of(user)
    slug = params.get("partnership") or ""
    partnership = (partnerships.filter(slug=slug).first() if slug else None) or partnerships.first()
    if partnership is None:
        raise ScopeError("Your agency is not a member of any partnership.")
    crimes = Crime.objects.visible_to(user).filter(partnership=partnership)
    latest = crimes.order_by("-month").values_list("month", flat=True).first() or date.today().replace(day=1)
    end = _month(params["end"], "End") if params.get("end") else latest
    start = _month(params["start"], "Start") if params.get("start") else rules.add_months(end, -11)
    if end < start:
        raise ScopeError("The end month is before the start month.")
    if rules.months_between(start, end) > 120:
        raise ScopeError("Choose at most ten years.")
    district = ward = None
    own = getattr(user.agency, "district", None)
    if params.get("district"):
        district = District.objects.filter(partnership=partnership, pk=_int(params["district"])).first()
        if district is None:
            raise ScopeError("No such district in this partnership.")
    if own is not None:
        district = own  # a district-bound user always sees their own district only
    if params.get("ward"):
        ward = Ward.objects.filter(district__partnership=partnership, pk=_int(params["ward"])).first()
        if ward is None or (district and ward.district_id != district.pk):
            raise ScopeError("No such ward in this area.")
    return Scope(partnership, start, end, (params.get("category") or "")[:80], district, ward)


def crimes_in(user, scope: Scope, months: tuple[date, date] | None = None, category: bool = True) -> QuerySet:
    """Visible crimes of the scope inside the partnership's area (outside-area rows are left out)."""
    start, end = months or (scope.start, scope.end)
    qs = Crime.objects.visible_to(user).filter(
        partnership=scope.partnership, outside_area=False, month__gte=start, month__lte=end
    )
    if category and scope.category:
        qs = qs.filter(category=scope.category)
    if scope.district:
        qs = qs.filter(district=scope.district)
    if scope.ward:
        qs = qs.filter(ward=scope.ward)
    return qs


def categories(user, partnership: Partnership) -> list[str]:
    return list(
        Crime.objects.visible_to(user)
        .filter(partnership=partnership)
        .order_by("category")
        .values_list("category", flat=True)
        .distinct()
    )


def monthly_counts(user, scope: Scope) -> dict:
    """{"months": [...], "total": [...], "by_category": {category: [...]}} over every month of the scope."""
    months = scope.months
    index = {m: i for i, m in enumerate(months)}
    by_category: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
    for row in crimes_in(user, scope).values("month", "category").annotate(n=Count("id")):
        by_category[row["category"]][index[row["month"]]] = row["n"]
    total = [sum(col) for col in zip(*by_category.values(), strict=True)] if by_category else [0] * len(months)
    return {
        "months": [f"{m:%Y-%m}" for m in months],
        "total": total,
        "by_category": dict(sorted(by_category.items(), key=lambda kv: -sum(kv[1]))),
    }


def counts_by_area(user, scope: Scope) -> list[dict]:
    """Crime per ward (or per district where there are no ward boundaries)."""
    qs = crimes_in(user, scope)
    rows = list(qs.values("ward__name").annotate(n=Count("id")).order_by("-n"))
    if all(r["ward__name"] is None for r in rows):
        return [
            {"area": r["district__name"] or "unplaced", "count": r["n"]}
            for r in qs.values("district__name").annotate(n=Count("id")).order_by("-n")
        ]
    return [{"area": r["ward__name"] or "no ward (no location)", "count": r["n"]} for r in rows]


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
    observed_months = max(rules.months_between(target.period_start, observed_end), 0)
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


# data.police.uk outcome wording: a "positive" outcome brings a formal sanction or resolution.
_CHARGED = (
    Q(outcome_type__icontains="charged")
    | Q(outcome_type__icontains="summonsed")
    | Q(outcome_type__icontains="sent to Crown Court")
    | Q(outcome_type__startswith="Offender ")
)
_OUT_OF_COURT = (
    Q(outcome_type__icontains="caution")
    | Q(outcome_type__icontains="penalty notice")
    | Q(outcome_type__icontains="resolution")
    | Q(outcome_type__icontains="drugs possession warning")
)
_NO_SUSPECT = Q(outcome_type__icontains="no suspect identified")


def outcome_rates(user, scope: Scope) -> list[dict]:
    """Per category: crimes with a joined outcome, and the shares charged/summonsed, resolved out of
    court and closed with no suspect identified (from the outcomes-file join, not Last outcome)."""
    qs = crimes_in(user, scope, category=False).exclude(outcome_type="")
    rows = (
        qs.values("category")
        .annotate(
            n=Count("id"),
            charged=Count("id", filter=_CHARGED),
            out_of_court=Count("id", filter=_OUT_OF_COURT & ~_CHARGED),
            no_suspect=Count("id", filter=_NO_SUSPECT),
        )
        .order_by("-n")
    )
    return [
        {
            **r,
            "charged_share": r["charged"] / r["n"],
            "out_of_court_share": r["out_of_court"] / r["n"],
            "no_suspect_share": r["no_suspect"] / r["n"],
        }
        for r in rows
    ]


def repeat_locations(user, scope: Scope, minimum: int = 3, limit: int = 50) -> list[dict]:
    """Snap points (same location text and point) with at least `minimum` crimes in the scope."""
    rows = (
        crimes_in(user, scope)
        .filter(no_location=False)
        .values("location", "lat", "lon")
        .annotate(n=Count("id"))
        .filter(n__gte=minimum)
        .order_by("-n", "location")[:limit]
    )
    return [{"location": r["location"], "lat": r["lat"], "lon": r["lon"], "count": r["n"]} for r in rows]
