"""Read-only crime figures for pages, API and the data pack: monthly counts, counts by area, outcome
rates and repeat locations. Every query starts from Crime.objects.visible_to(user)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q, QuerySet

from watchkeeper.intel.crime import rules
from watchkeeper.intel.crime.models import Crime, ImportRun
from watchkeeper.intel.crime.scope import Scope


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


def months_with_data(partnership) -> set[date]:
    """Months the partnership has data for: any crime recorded that month (in or outside its area)
    or an import run that loaded the month. Every other month is missing, not zero."""
    found = set(Crime.objects.filter(partnership=partnership).order_by().values_list("month", flat=True).distinct())
    for months in ImportRun.objects.filter(partnership=partnership).values_list("months", flat=True):
        found.update(m for m in (rules.parse_month(str(text)) for text in months or []) if m is not None)
    return found


def monthly_counts(user, scope: Scope) -> dict:
    """{"months": [...], "total": [...], "by_category": {category: [...]}, "missing": [...]} over every
    month of the scope; a month without data is None (a gap in a chart), never 0."""
    months = scope.months
    index = {m: i for i, m in enumerate(months)}
    by_category: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
    for row in crimes_in(user, scope).values("month", "category").annotate(n=Count("id")):
        by_category[row["category"]][index[row["month"]]] = row["n"]
    total = [sum(col) for col in zip(*by_category.values(), strict=True)] if by_category else [0] * len(months)
    with_data = months_with_data(scope.partnership)
    return {
        "months": [f"{m:%Y-%m}" for m in months],
        "total": rules.with_gaps(total, months, with_data),
        "by_category": {
            k: rules.with_gaps(v, months, with_data) for k, v in sorted(by_category.items(), key=lambda kv: -sum(kv[1]))
        },
        "missing": [f"{m:%Y-%m}" for m in rules.missing_months(months, with_data)],
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
