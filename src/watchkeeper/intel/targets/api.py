"""Targets API: targets with RAG status; creating baselines and targets."""

from ninja import Query, Router
from ninja.errors import HttpError

from watchkeeper.api import listing, operation
from watchkeeper.core.web import actor_of
from watchkeeper.intel.crime.scope import api_month, api_partnership, api_scope
from watchkeeper.intel.schemas import Created, ScopeQuery
from watchkeeper.intel.targets import services as target_services
from watchkeeper.intel.targets.queries import baselines_for, targets_for
from watchkeeper.intel.targets.schemas import BaselineIn, TargetIn, TargetRow

router = Router(tags=["intel"])


@listing(router, "/intel/targets", TargetRow, "intel.view", "Targets with RAG status and rate-ratio interval")
def list_targets(request, filters: Query[ScopeQuery]):
    scope = api_scope(request, filters)
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
        for r in targets_for(request.auth, scope.partnership)
    ]


@router.post("/intel/baselines", response={201: Created}, summary="Create or correct a baseline")
@operation("intel.manage")
def create_baseline(request, body: BaselineIn):
    partnership = api_partnership(request, body.partnership)
    baseline = target_services.create_baseline(
        actor_of(request),
        partnership,
        body.name,
        api_month(body.start_month, "start_month"),
        api_month(body.end_month, "end_month"),
    )
    return 201, {"id": baseline.pk}


@router.post("/intel/targets", response={201: Created}, summary="Create a reduction target against a baseline")
@operation("intel.manage")
def create_target(request, body: TargetIn):
    partnership = api_partnership(request, body.partnership)
    baseline = None
    if body.baseline:
        baseline = baselines_for(request.auth, partnership).filter(pk=body.baseline).first()
        if baseline is None:
            raise HttpError(404, f"No baseline {body.baseline} in that partnership.")
    target = target_services.create_target(
        actor_of(request),
        partnership,
        baseline,
        body.category,
        body.reduction_percent,
        api_month(body.period_start, "period_start"),
        api_month(body.period_end, "period_end"),
    )
    return 201, {"id": target.pk}


__all__ = ["router"]
