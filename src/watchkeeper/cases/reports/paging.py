"""API pagination for the long case lists (the caseload, overdue actions): the page as Paged gives
it, with the count bounded (queries.bounded_count) so a list of a quarter of a million rows does
not count every one through need-to-know to print its total."""

from typing import Any

from ninja import Field, Schema

from watchkeeper.api import Paged
from watchkeeper.cases.reports import queries
from watchkeeper.cases.reports.queries import COUNT_BOUND


class BoundedPaged(Paged):
    """Paged, with the count bounded (queries.bounded_count): exact up to COUNT_BOUND (or the page's
    end, if further), beyond it the bound with `more` true."""

    class Output(Schema):
        items: list[Any]
        count: int = Field(..., description=f"Exact when `more` is false; else at least this many ({COUNT_BOUND}+).")
        more: bool

    def paginate_queryset(self, queryset, pagination, request, **params):
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        count, more = queries.bounded_count(queryset, max(queries.COUNT_BOUND, offset + limit))
        return {"items": queryset[offset : offset + limit], "count": count, "more": more}
