"""Intelligence API: crime, trends, targets, hotspots, patrol tasking, imports and surveys.
Every list is paginated; changes go through intel.services."""

from django.core.exceptions import ValidationError
from ninja import Path, Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from watchkeeper.api import Paged, operation
from watchkeeper.core.models import Partnership
from watchkeeper.core.web import actor_of
from watchkeeper.intel import hotspots, queries, rules, surveys
from watchkeeper.intel.models import ImportRun, PatrolTasking, TaskedCell
from watchkeeper.intel.schemas import (
    ID,
    BaselineIn,
    CellRow,
    Created,
    CrimeRow,
    HotspotQuery,
    ImportRunRow,
    ScopeQuery,
    SurveyRow,
    TargetIn,
    TargetRow,
    TaskingIn,
    TaskingRow,
    VisitIn,
)
from watchkeeper.intel.services import targets as target_services
from watchkeeper.intel.services import tasking as tasking_services

router = Router(tags=["intel"])


def _scope(request, filters: ScopeQuery):
    try:
        return queries.scope_from(request.auth, filters.params())
    except queries.ScopeError as exc:
        raise HttpError(400, str(exc)) from None


def _partnership(request, slug: str) -> Partnership:
    found = queries.partnerships_of(request.auth).filter(slug=slug).first()
    if found is None:
        raise HttpError(404, f"No partnership {slug!r} that you belong to.")
    return found


def _month(text: str, what: str):
    month = rules.parse_month(text)
    if month is None:
        raise HttpError(400, f"{what} must be a month YYYY-MM.")
    return month


@router.get("/intel/crimes", response=list[CrimeRow], summary="Crimes in the area and period you may see")
@operation("intel.view")
@paginate(Paged)
def list_crimes(request, filters: Query[ScopeQuery]):
    return queries.crimes_in(request.auth, _scope(request, filters)).order_by("month", "id")


@router.get("/intel/trends", summary="Monthly counts, total and by category")
@operation("intel.view")
def trends(request, filters: Query[ScopeQuery]):
    scope = _scope(request, filters)
    return {
        "partnership": scope.partnership.slug,
        **queries.monthly_counts(request.auth, scope),
        "by_area": queries.counts_by_area(request.auth, scope),
    }


@router.get("/intel/targets", response=list[TargetRow], summary="Targets with RAG status and rate-ratio interval")
@operation("intel.view")
@paginate(Paged)
def list_targets(request, filters: Query[ScopeQuery]):
    scope = _scope(request, filters)
    return [
        {
            "id": r["target"].pk,
            "category": r["category"],
            "baseline": r["baseline_name"],
            "reduction_percent": r["target"].reduction_percent,
            "period_start": r["target"].period_start,
            "period_end": r["target"].period_end,
            "baseline_count": r["baseline_count"],
            "observed_count": r["observed_count"],
            "observed_months": r["observed_months"],
            "rag": r["status"].rag,
            "status": r["status"].label,
            "rate_ratio": r["status"].ratio,
            "rate_ratio_low": r["status"].ratio_low,
            "rate_ratio_high": r["status"].ratio_high,
        }
        for r in queries.targets_for(request.auth, scope.partnership)
    ]


@router.post("/intel/baselines", response={201: Created}, summary="Create or correct a baseline")
@operation("intel.manage")
def create_baseline(request, body: BaselineIn):
    partnership = _partnership(request, body.partnership)
    try:
        baseline = target_services.create_baseline(
            actor_of(request),
            partnership,
            body.name,
            _month(body.start_month, "start_month"),
            _month(body.end_month, "end_month"),
        )
    except ValidationError as exc:
        raise HttpError(400, "; ".join(exc.messages)) from None
    return 201, {"id": baseline.pk}


@router.post("/intel/targets", response={201: Created}, summary="Create a reduction target against a baseline")
@operation("intel.manage")
def create_target(request, body: TargetIn):
    partnership = _partnership(request, body.partnership)
    baseline = None
    if body.baseline:
        baseline = queries.baselines_for(request.auth, partnership).filter(pk=body.baseline).first()
        if baseline is None:
            raise HttpError(404, f"No baseline {body.baseline} in that partnership.")
    try:
        target = target_services.create_target(
            actor_of(request),
            partnership,
            baseline,
            body.category,
            body.reduction_percent,
            _month(body.period_start, "period_start"),
            _month(body.period_end, "period_end"),
        )
    except ValidationError as exc:
        raise HttpError(400, "; ".join(exc.messages)) from None
    return 201, {"id": target.pk}


@router.get("/intel/hotspots", summary="Hotspot cells as GeoJSON (KDE or Gi* with FDR); each has a colour")
@operation("intel.view")
def hotspot_cells(request, filters: Query[HotspotQuery]):
    scope = _scope(request, filters)
    qs = queries.crimes_in(request.auth, scope)
    try:
        if filters.method == "gistar":
            surface = hotspots.gistar_surface(scope.partnership, qs, cell=filters.cell)
        else:
            surface = hotspots.kde_surface(
                scope.partnership, qs, cell=filters.cell, bandwidth_m=max(2 * filters.cell, 200)
            )
    except hotspots.HotspotError as exc:
        raise HttpError(400, str(exc)) from None
    return surface.geojson()


@router.get("/intel/taskings", response=list[TaskingRow], summary="Patrol taskings you may see")
@operation("tasking.view")
@paginate(Paged)
def list_taskings(request):
    return PatrolTasking.objects.visible_to(request.auth)


@router.post("/intel/taskings", response={201: Created}, summary="Create a tasking from the bjp/sepp forecast")
@operation("intel.manage")
def create_tasking(request, body: TaskingIn):
    partnership = _partnership(request, body.partnership)
    try:
        tasking = tasking_services.create_tasking(
            actor_of(request),
            partnership,
            body.name,
            body.method,
            body.period_start,
            body.period_end,
            body.category,
            body.cells,
        )
    except ValidationError as exc:
        raise HttpError(400, "; ".join(exc.messages)) from None
    return 201, {"id": tasking.pk}


@router.get("/intel/taskings/{tasking_id}/cells", response=list[CellRow], summary="A tasking's cells by rank")
@operation("tasking.view")
@paginate(Paged)
def tasking_cells(request, tasking_id: int = Path(..., **ID)):
    tasking = PatrolTasking.objects.visible_to(request.auth).filter(pk=tasking_id).first()
    if tasking is None:
        raise HttpError(404, f"No tasking {tasking_id} that you can see.")
    return tasking.cells.all()


@router.post("/intel/visits", response={201: Created}, summary="Record a patrol visit to a tasked cell")
@operation("tasking.record")
def record_visit(request, body: VisitIn):
    cell = TaskedCell.objects.visible_to(request.auth).filter(pk=body.cell).first()
    if cell is None:
        raise HttpError(404, f"No tasked cell {body.cell} that you can see.")
    try:
        visit = tasking_services.record_visit(actor_of(request), cell, body.arrived_at, body.left_at, body.note)
    except ValidationError as exc:
        raise HttpError(400, "; ".join(exc.messages)) from None
    return 201, {"id": visit.pk}


@router.get("/intel/import-runs", response=list[ImportRunRow], summary="Crime import runs")
@operation("intel.import")
@paginate(Paged)
def list_import_runs(request):
    return ImportRun.objects.filter(partnership__in=queries.partnerships_of(request.auth))


@router.get("/intel/surveys", response=list[SurveyRow], summary="Survey shares per ward, question and quarter")
@operation("intel.view")
@paginate(Paged)
def survey_results(request, filters: Query[ScopeQuery], question: str | None = None):
    scope = _scope(request, filters)
    return surveys.results(request.auth, scope.partnership, question)["points"]


__all__ = ["router"]
