"""API for repeat locations and callers."""

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from watchkeeper.api import Paged, operation
from watchkeeper.control.repeats import queries, rules
from watchkeeper.core.web import actor_of

router = Router(tags=["control"])


class RepeatFilter(Schema):
    days: int = Field(rules.DEFAULT_DAYS, ge=1, le=rules.MAX_DAYS, description="Look back this many days")
    threshold: int = Field(rules.DEFAULT_THRESHOLD, ge=2, le=1000, description="Incidents that make a repeat")


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
    problem = rules.check_period(filters.days, filters.threshold)
    if problem:
        raise HttpError(400, problem)
    return filters


@router.get("/repeats/locations", response=list[RepeatRow], summary="Places with repeat incidents")
@operation("incident.view")
@paginate(Paged)
def repeat_locations(request, filters: Query[RepeatFilter]):
    filters = _checked(filters)
    return queries.repeat_locations(request.auth, filters.days, filters.threshold)


@router.get("/repeats/callers", response=list[RepeatRow], summary="Repeat callers (names only if you may see them)")
@operation("incident.view")
@paginate(Paged)
def repeat_callers(request, filters: Query[RepeatFilter]):
    filters = _checked(filters)
    return queries.repeat_callers(actor_of(request), filters.days, filters.threshold)
