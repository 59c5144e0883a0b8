"""API for repeat locations and callers."""

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from watchkeeper.api import listing
from watchkeeper.control.repeats import queries, rules
from watchkeeper.core.input import StrictSchema
from watchkeeper.core.web import actor_of

router = Router(tags=["control"])


class RepeatFilter(StrictSchema):
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


@listing(router, "/repeats/locations", RepeatRow, "incident.view", "Places with repeat incidents")
def repeat_locations(request, filters: Query[RepeatFilter]):
    filters = _checked(filters)
    return queries.repeat_locations(request.auth, filters.days, filters.threshold)


@listing(router, "/repeats/callers", RepeatRow, "incident.view", "Repeat callers (names only if you may see them)")
def repeat_callers(request, filters: Query[RepeatFilter]):
    filters = _checked(filters)
    return queries.repeat_callers(actor_of(request), filters.days, filters.threshold)
