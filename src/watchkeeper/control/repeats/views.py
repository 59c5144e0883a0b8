"""Page and CSV for repeat locations and callers (rules and queries beside this file)."""

import csv

from django.http import HttpResponse
from django.shortcuts import render

from watchkeeper.control.repeats import queries, rules
from watchkeeper.core import audit
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of, page

KINDS = ("locations", "callers")


def _filters(params) -> tuple[int, int, str | None]:
    try:
        days = int(params.get("days") or rules.DEFAULT_DAYS)
        threshold = int(params.get("threshold") or rules.DEFAULT_THRESHOLD)
    except ValueError:
        return 0, 0, "days and threshold must be whole numbers."
    return days, threshold, rules.check_period(days, threshold)


def _rows(request, kind: str, days: int, threshold: int) -> list[dict]:
    if kind == "callers":
        return queries.repeat_callers(actor_of(request), days, threshold)
    return queries.repeat_locations(request.user, days, threshold)


@page("incident.view")
def repeats_page(request):
    kind = request.GET.get("kind", "locations")
    days, threshold, error = _filters(request.GET)
    if kind not in KINDS:
        error = "Choose locations or callers."
    rows = [] if error else _rows(request, kind, days, threshold)
    context = {"kind": kind, "days": days, "threshold": threshold, "rows": rows, "error": error}
    return render(request, "control/repeats.html", context, status=400 if error else 200)


@page("incident.view")
def repeats_csv(request):
    kind = request.GET.get("kind", "locations")
    days, threshold, error = _filters(request.GET)
    if kind not in KINDS:
        error = "kind must be locations or callers."
    if error:
        return HttpResponse(error, status=400, content_type="text/plain")
    rows = _rows(request, kind, days, threshold)
    audit.record(
        actor_of(request),
        AuditEntry.Kind.EXPORT,
        ("control.repeats", kind),
        summary=f"Repeat {kind} CSV: {len(rows)} rows, {days} days, threshold {threshold}",
    )
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="repeat-{kind}.csv"'
    writer = csv.writer(response)
    writer.writerow(["key", "label", "incidents", "first", "last", "categories"])
    for row in rows:
        categories = "; ".join(f"{k} {v}" for k, v in row["categories"].items())
        writer.writerow([row["key"], row["label"], row["incidents"], row["first"], row["last"], categories])
    return response
