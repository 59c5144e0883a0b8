"""What if: change demand, the target, the staff or the units for one hour of the week and see the
service level and response figures beside the plan's, and beside what the control room actually
achieved in the same hour of the week over the history (from the KPI figures)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import timedelta

from watchkeeper.control import kpis
from watchkeeper.planning.demand import queries as demand
from watchkeeper.planning.patrols import queries as patrols
from watchkeeper.planning.staffing import queries as staffing
from watchkeeper.planning.staffing.erlang import Interval, figures, required_agents


@dataclass(frozen=True)
class Change:
    hour_of_week: int
    demand_factor: float = 1.0
    agents: int | None = None
    answer_seconds: float | None = None
    service_level: float | None = None
    units: int | None = None


def _hour_figures(plan: dict, hour: int, factor: float, target, agents: int | None) -> dict:
    calls = float(plan["forecast"].mean[0][hour * 4 : hour * 4 + 4].sum()) * factor
    aht = float(plan["handling"][hour * 4 : hour * 4 + 4].mean())
    interval = Interval(calls, 60, aht)
    if agents is None:
        result = required_agents(
            interval, target.answer_seconds, target.service_level, target.patience_seconds, target.max_occupancy
        )
    else:
        result = figures(interval, agents, target.answer_seconds, target.patience_seconds)
    return {"calls": calls, "aht_seconds": aht, **result.as_dict()}


def achieved(user, partnership, hour: int, history) -> dict:
    """The KPI figures for incidents received in this hour of the week over the history weeks."""
    if history.first_week is None:
        return {}
    ids = []
    for pk, received in (
        demand.incidents_for(user, partnership)
        .filter(
            received_at__gte=history.first_week.replace(tzinfo=demand.LONDON),
            received_at__lt=(history.first_week + timedelta(weeks=history.weeks)).replace(tzinfo=demand.LONDON),
        )
        .values_list("pk", "received_at")
    ):
        local = received.astimezone(demand.LONDON)
        if local.weekday() * 24 + local.hour == hour:
            ids.append(pk)
    rows = kpis.rows_for(demand.incidents_for(user, partnership).filter(pk__in=ids))
    return kpis.response_figures(rows, kpis.grade_table())


def compare(user, partnership, change: Change) -> dict | None:
    plan = staffing.week_plan(user, partnership)
    if plan is None:
        return None
    hour = change.hour_of_week
    target = plan["target"]
    changed_target = replace(
        target,
        answer_seconds=change.answer_seconds if change.answer_seconds is not None else target.answer_seconds,
        service_level=change.service_level if change.service_level is not None else target.service_level,
    )
    planned = _hour_figures(plan, hour, 1.0, target, None)
    changed = _hour_figures(plan, hour, change.demand_factor, changed_target, change.agents)
    base_patrol = patrols.picture(user, partnership, hour)
    new_patrol = patrols.picture(user, partnership, hour, change.demand_factor, change.units)
    return {
        "hour": hour,
        "target": target,
        "changed_target": changed_target,
        "planned": planned,
        "changed": changed,
        "patrol_planned": base_patrol,
        "patrol_changed": new_patrol,
        "achieved": achieved(user, partnership, hour, plan["history"]),
        "weeks": plan["history"].weeks,
    }


def finite(value):
    return None if value is None or (isinstance(value, float) and not math.isfinite(value)) else value
