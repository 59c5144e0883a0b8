"""Contract report API: one month's indicators, and the powers used and notices issued."""

from ninja import Query, Router

from watchkeeper.api import operation
from watchkeeper.core.errors import NotFound
from watchkeeper.patrol.reports.queries import power_counts, report
from watchkeeper.patrol.reports.views import ReportQuery, contract_and_month
from watchkeeper.patrol.schemas import FigureRow, PowerCountRow

router = Router(tags=["patrol"])


@router.get("/patrol/report", response=list[FigureRow], summary="A contract's indicators for one month")
@operation("patrol.report")
def month_report(request, params: Query[ReportQuery]):
    contract, month = _contract_month(request, params)
    return [f.__dict__ for f in report(contract, month)]


@router.get(
    "/patrol/report/powers",
    response=list[PowerCountRow],
    summary="Powers used and notices issued in one month, per power and per officer (never a target)",
)
@operation("patrol.report")
def month_powers(request, params: Query[ReportQuery]):
    contract, month = _contract_month(request, params)
    return [row.__dict__ for row in power_counts(contract, month)]


def _contract_month(request, params: ReportQuery):
    contract, month = contract_and_month(request.auth, params)
    if contract is None:
        raise NotFound("No patrol contract that you can see.")
    return contract, month


__all__ = ["router"]
