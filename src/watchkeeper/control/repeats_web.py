"""Pages, CSV and API for repeat locations and callers (rules and queries in control/repeats.py)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from watchkeeper.api import Paged, operation
from watchkeeper.control import repeats
from watchkeeper.core import audit
from watchkeeper.core.input import StrictSchema, csv_writer
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of, page

KINDS = ("locations", "callers")


def _filters(params) -> tuple[int, int, str | None]:
    try:
        days = int(params.get("days") or repeats.DEFAULT_DAYS)
        threshold = int(params.get("threshold") or repeats.DEFAULT_THRESHOLD)
    except ValueError:
        return 0, 0, "days and threshold must be whole numbers."
    return days, threshold, repeats.check_period(days, threshold)


def _rows(request, kind: str, days: int, threshold: int) -> list[dict]:
    if kind == "callers":
        return repeats.repeat_callers(actor_of(request), days, threshold)
    return repeats.repeat_locations(request.user, days, threshold)


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
    writer = csv_writer(response)
    writer.writerow(["key", "label", "incidents", "first", "last", "categories"])
    for row in rows:
        categories = "; ".join(f"{k} {v}" for k, v in row["categories"].items())
        writer.writerow([row["key"], row["label"], row["incidents"], row["first"], row["last"], categories])
    return response


app_name = "repeats"
urlpatterns = [
    path("", repeats_page, name="page"),
    path("export.csv", repeats_csv, name="csv"),
]

router = Router(tags=["control"])


class RepeatFilter(StrictSchema):
    days: int = Field(repeats.DEFAULT_DAYS, ge=1, le=repeats.MAX_DAYS, description="Look back this many days")
    threshold: int = Field(repeats.DEFAULT_THRESHOLD, ge=2, le=1000, description="Incidents that make a repeat")


class RepeatRow(Schema):
    key: str
    label: str
    incidents: int
    first: str | None
    last: str | None
    categories: dict[str, int]
    incident_ids: list[int]
    phone: str | None = None
    identified: bool | None = None


def _checked(filters: RepeatFilter) -> RepeatFilter:
    problem = repeats.check_period(filters.days, filters.threshold)
    if problem:
        raise HttpError(400, problem)
    return filters


@router.get("/repeats/locations", response=list[RepeatRow], summary="Places with repeat incidents")
@operation("incident.view")
@paginate(Paged)
def repeat_locations(request, filters: Query[RepeatFilter]):
    filters = _checked(filters)
    return repeats.repeat_locations(request.auth, filters.days, filters.threshold)


@router.get("/repeats/callers", response=list[RepeatRow], summary="Repeat callers (names only if you may see them)")
@operation("incident.view")
@paginate(Paged)
def repeat_callers(request, filters: Query[RepeatFilter]):
    filters = _checked(filters)
    return repeats.repeat_callers(actor_of(request), filters.days, filters.threshold)
