"""Reports over the cases a user may see: the caseload, overdue actions, time to resolution,
outcomes and repeat victims. Every one starts from `visible(...)`, so counts never include a case
the reader could not open (a Channel case is not counted for anyone outside its panel)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from watchkeeper.cases.core.models import Action, Case, Party
from watchkeeper.core.visibility import visible


def caseload(user, kind: str | None = None, agency_id: int | None = None, before: tuple | None = None):
    """Open cases newest first. `before` = (opened_at, id) of the last row seen: the next page by
    keyset, so a deep page walks the index from that row instead of counting past every earlier one."""
    qs = visible(Case, user).open()
    if kind:
        qs = qs.filter(kind=kind)
    if agency_id:
        qs = qs.filter(owner_agency_id=agency_id)
    if before is not None:
        opened_at, pk = before
        qs = qs.filter(Q(opened_at__lt=opened_at) | Q(opened_at=opened_at, pk__lt=pk))
    return qs.order_by("-opened_at", "-pk")


def caseload_counts(user) -> list[dict]:
    rows = (
        visible(Case, user)
        .open()
        .values("kind", "owner_agency__name")
        .annotate(open_cases=Count("pk"))
        .order_by("kind", "owner_agency__name")
    )
    return [{"kind": r["kind"], "agency": r["owner_agency__name"] or "", "open_cases": r["open_cases"]} for r in rows]


def overdue_actions(user, on: date, agency_id: int | None = None):
    qs = visible(Action, user).filter(status="open", due__lt=on)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return qs.order_by("due", "pk")


# The overdue list's count is exact up to here and "more than this" beyond it (as mature lists show
# "1,000+"): counting every one of a quarter of a million overdue actions through need-to-know is
# what made the view slow, and nobody pages past a thousand. A display bound, not law: a constant.
COUNT_BOUND = 1000


def bounded_count(qs, bound: int = COUNT_BOUND) -> tuple[int, bool]:
    """(n, more): n the exact count when there are at most `bound` rows, else `bound` with more
    true. It counts the same rows the list shows (the same queryset, need-to-know and all), and
    stops reading after bound + 1 of them."""
    n = qs.order_by()[: bound + 1].count()
    return min(n, bound), n > bound


def overdue_by_agency(user, on: date) -> list[dict]:
    """Exact counts per agency. Grouped by agency id, read from the overdue index alone, and named
    after (a join to agencies for the names made SQLite read every row: 411 ms median at full
    scale against 260 ms this way)."""
    from watchkeeper.core.models import Agency

    rows = overdue_actions(user, on).order_by().values("agency_id").annotate(overdue=Count("pk"))
    counts = {r["agency_id"]: r["overdue"] for r in rows}
    names = dict(Agency.objects.filter(pk__in=counts).values_list("pk", "name"))
    return sorted(
        ({"agency": names[pk], "overdue": n} for pk, n in counts.items()), key=lambda r: (r["agency"], r["overdue"])
    )


def resolution(user) -> list[dict]:
    """Closed cases by type: how many, median days open (computed here: portable across backends),
    and their outcomes."""
    closed = visible(Case, user).filter(closed_at__isnull=False)
    found = []
    for kind in sorted(set(closed.values_list("kind", flat=True))):
        spans = sorted(
            (c - o).total_seconds() / 86400 for o, c in closed.filter(kind=kind).values_list("opened_at", "closed_at")
        )
        outcomes = dict(closed.filter(kind=kind).values("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
        found.append(
            {"kind": kind, "closed": len(spans), "median_days": round(spans[len(spans) // 2], 1), "outcomes": outcomes}
        )
    return found


def repeat_victims(user, minimum: int = 2) -> int:
    """People who are victims on `minimum` or more cases the user may see (a count, no names)."""
    return (
        visible(Party, user)
        .filter(role="victim", person__isnull=False)
        .values("person_id")
        .annotate(n=Count("case", distinct=True))
        .filter(n__gte=minimum)
        .count()
    )
