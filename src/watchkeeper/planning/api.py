"""Planning API: the week's demand and requirement, the patrol hypercube for an hour, rosters."""

import math

from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.errors import NotFound
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of
from watchkeeper.planning.patrols.queries import picture
from watchkeeper.planning.rosters import services as roster_services
from watchkeeper.planning.rosters.models import Roster
from watchkeeper.planning.schemas import PatrolOut, RosterIn, RosterOut, WeekOut
from watchkeeper.planning.scope import partnership_for
from watchkeeper.planning.staffing.queries import recorded_abandon, week_plan

router = Router(tags=["planning"])


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def _partnership(request, slug):
    found = partnership_for(request.auth, slug)
    if found is None:
        raise NotFound("You are not a member of any partnership.")
    return found


@router.get("/planning/week", response=WeekOut, summary="Forecast calls and call handlers per 15 minutes")
@operation("planning.view")
def week(request, partnership: str = ""):
    p = _partnership(request, partnership)
    plan = week_plan(request.auth, p)
    if plan is None:
        return {
            "partnership": p.slug,
            "weeks": 0,
            "target": "",
            "patience_seconds": None,
            "patience_source": "",
            "slots": [],
        }
    f = plan["forecast"]
    recorded = recorded_abandon(plan)
    slots = [
        {
            "slot": i,
            "forecast_calls": float(f.mean[0][i]),
            "low95": float(f.low95[0][i]),
            "high95": float(f.high95[0][i]),
            "aht_seconds": float(plan["handling"][i]),
            "agents": s.agents,
            "scheduled": float(plan["scheduled"][i]),
            "p_wait": s.p_wait,
            "service_level": s.service_level,
            "asa_seconds": _finite(s.asa_seconds),
            "occupancy": s.occupancy,
            "abandon": s.abandon,
            "recorded_abandon": recorded[i],
        }
        for i, s in enumerate(plan["staffing"])
    ]
    return {
        "partnership": p.slug,
        "weeks": plan["history"].weeks,
        "target": plan["target"].label,
        "patience_seconds": plan["target"].patience_seconds,
        "patience_source": plan["target"].patience_source,
        "slots": slots,
    }


@router.get("/planning/patrols", response=PatrolOut, summary="Hypercube workloads and travel for one hour")
@operation("planning.view")
def patrols(request, hour_of_week: int = 100, partnership: str = ""):
    if not 0 <= hour_of_week < 168:
        from watchkeeper.core.errors import Invalid

        raise Invalid("hour_of_week is 0 (Monday 00:00) to 167 (Sunday 23:00).")
    pic = picture(request.auth, _partnership(request, partnership), hour_of_week)
    loads = pic.solution.workloads.tolist() if pic.solution is not None else []
    return {
        "hour_of_week": hour_of_week,
        "method": pic.solution.method if pic.solution is not None else None,
        "problem": pic.problem,
        "mean_travel_seconds": pic.mean_travel_seconds,
        "workloads": [{"unit": u.call_sign, "workload": w} for u, w in zip(pic.units, loads, strict=False)],
    }


@listing(router, "/planning/rosters", RosterOut, "planning.view", "Saved rosters")
def list_rosters(request):
    return list(Roster.objects.visible_to(request.auth))


@router.get("/planning/rosters/{roster_id}", response=RosterOut, summary="One roster")
@operation("planning.view")
def get_roster(request, roster_id: int = PK):
    return get_visible_or_404(Roster, request.auth, "No such roster.", pk=roster_id)


@router.post("/planning/rosters", response={201: RosterOut}, summary="Build and save a roster (CP-SAT)")
@operation("planning.roster")
def create_roster(request, body: RosterIn):
    p = _partnership(request, body.partnership)
    roster = roster_services.build_roster(
        actor_of(request), p, body.team, body.staff, body.name, body.week_start, weeks=body.weeks
    )
    return 201, roster


__all__ = ["router"]
