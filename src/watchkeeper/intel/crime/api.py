"""Crime API: recorded crime, monthly trends and the crime import runs. Every list is paginated."""

from ninja import Query, Router

from watchkeeper.api import listing, operation
from watchkeeper.intel.crime import queries
from watchkeeper.intel.crime.models import ImportRun
from watchkeeper.intel.crime.schemas import CrimeRow, ImportRunRow
from watchkeeper.intel.crime.scope import api_scope, partnerships_of
from watchkeeper.intel.schemas import ScopeQuery

router = Router(tags=["intel"])


@listing(router, "/intel/crimes", CrimeRow, "intel.view", "Crimes in the area and period you may see")
def list_crimes(request, filters: Query[ScopeQuery]):
    return queries.crimes_in(request.auth, api_scope(request, filters)).order_by("month", "id")


@router.get("/intel/trends", summary="Monthly counts, total and by category")
@operation("intel.view")
def trends(request, filters: Query[ScopeQuery]):
    scope = api_scope(request, filters)
    return {
        "partnership": scope.partnership.slug,
        **queries.monthly_counts(request.auth, scope),
        "by_area": queries.counts_by_area(request.auth, scope),
    }


@listing(router, "/intel/import-runs", ImportRunRow, "intel.import", "Crime import runs")
def list_import_runs(request):
    return ImportRun.objects.visible_to(request.auth).filter(partnership__in=partnerships_of(request.auth))


__all__ = ["router"]
