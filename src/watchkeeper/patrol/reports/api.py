"""Contract report API: one month's indicators."""

from ninja import Query, Router

from watchkeeper.api import operation
from watchkeeper.core.errors import NotFound
from watchkeeper.patrol.reports.queries import report
from watchkeeper.patrol.reports.views import ReportQuery, contract_and_month
from watchkeeper.patrol.schemas import FigureRow

router = Router(tags=["patrol"])


@router.get("/patrol/report", response=list[FigureRow], summary="A contract's indicators for one month")
@operation("patrol.report")
def month_report(request, params: Query[ReportQuery]):
    contract, month = contract_and_month(request.auth, params)
    if contract is None:
        raise NotFound("No patrol contract that you can see.")
    return [f.__dict__ for f in report(contract, month)]


__all__ = ["router"]
