"""A week's call-handler requirement: the forecast arrivals per 15-minute slot, the handling time
from the timeline and the service-level target in force, through Erlang C or A."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from django.utils import timezone

from watchkeeper.planning.calls import queries as calls
from watchkeeper.planning.demand import queries as demand
from watchkeeper.planning.demand import rules as demand_rules
from watchkeeper.planning.staffing import week
from watchkeeper.planning.staffing.erlang import Interval, Staffing, figures, required_agents, scheduled
from watchkeeper.planning.staffing.models import ServiceTarget


@dataclass
class Target:
    answer_seconds: float
    service_level: float
    max_occupancy: float
    shrinkage: float
    patience_seconds: float | None
    label: str
    patience_source: str = ""  # where the patience came from: the rule data or the call records


def target_in_force(queue: str = "999", at: date | None = None) -> Target:
    row = ServiceTarget.objects.in_force({"queue": queue}, at or timezone.localdate())
    if row is None:  # no rule data yet: the national 999 standard
        return Target(10, 0.9, 0.85, 0.3, None, "90% in 10 s (default)")
    return Target(
        row.answer_seconds, row.service_level, row.max_occupancy, row.shrinkage, row.patience_seconds, str(row)
    )


def staff_slots(
    calls: np.ndarray, handling: np.ndarray, target: Target, agents_override: dict[int, int] | None = None
) -> list[Staffing]:
    """Agents per slot (the fewest meeting the target), or the figures for a given head count.
    Erlang A weeks are solved together (staffing.week); Erlang C slot by slot (it is closed form)."""
    if target.patience_seconds is not None and not agents_override:
        return week.required_agents(
            calls,
            demand_rules.SLOT_MINUTES,
            handling,
            target.answer_seconds,
            target.service_level,
            target.patience_seconds,
            target.max_occupancy,
        )
    out = []
    for slot, (n_calls, aht) in enumerate(zip(calls.tolist(), handling.tolist(), strict=True)):
        interval = Interval(n_calls, demand_rules.SLOT_MINUTES, aht)
        if agents_override and slot in agents_override:
            out.append(figures(interval, agents_override[slot], target.answer_seconds, target.patience_seconds))
        else:
            out.append(
                required_agents(
                    interval, target.answer_seconds, target.service_level, target.patience_seconds, target.max_occupancy
                )
            )
    return out


def with_recorded_patience(target: Target, recorded: calls.Recorded) -> Target:
    """Erlang A with the patience the centre's own call records show, when they hold enough
    abandonments to estimate it (calls.rules.MIN_ABANDONED); else the target as the rule data has it."""
    p = recorded.patience
    if p is None:
        if target.patience_seconds is not None:
            return replace(target, patience_source="rule data")
        return target
    source = (
        f"estimated from {recorded.calls:,} call records ({p.abandoned:,} abandoned; "
        f"95% interval {p.low95:.0f}-{p.high95:.0f} s)"
    )
    return replace(target, patience_seconds=p.mean_seconds, patience_source=source)


def week_plan(user, partnership, weeks: int = 12, queue: str = "999") -> dict | None:
    """Demand, forecast and requirement for the coming week (None: no incidents to learn from)."""
    h = demand.history(user, partnership, weeks)
    if h.profile is None:
        return None
    f = demand_rules.forecast(h.profile, weeks_ahead=4)
    handling = demand_rules.handling_by_slot(h.handling, demand.DEFAULT_HANDLING_SECONDS)
    recorded = calls.recorded(user, partnership, queue)
    target = with_recorded_patience(target_in_force(queue), recorded)
    staffing = staff_slots(f.mean[0], handling, target)
    agents = np.array([s.agents for s in staffing])
    sched = np.array([scheduled(s.agents, target.shrinkage) for s in staffing])
    return {
        "history": h,
        "forecast": f,
        "handling": handling,
        "target": target,
        "recorded": recorded,
        "staffing": staffing,
        "agents": agents,
        "scheduled": sched,
        "hourly_requirement": _hourly(sched),
    }


def _hourly(sched: np.ndarray) -> list[int]:
    """People to schedule each hour: the busiest quarter's fractional figure, rounded up once."""
    return [math.ceil(sched[h * 4 : h * 4 + 4].max() - 1e-9) for h in range(168)]


def hourly_requirement(plan: dict, week: int = 0) -> list[int]:
    """The hourly requirement for forecast week `week` (0: next week, as in the plan)."""
    if week == 0:
        return plan["hourly_requirement"]
    staffing = staff_slots(plan["forecast"].mean[week], plan["handling"], plan["target"])
    return _hourly(np.array([scheduled(s.agents, plan["target"].shrinkage) for s in staffing]))


def recorded_abandon(plan: dict) -> list[float | None]:
    """The share of calls abandoned in each slot as the call records show it (None: none recorded)."""
    slots = plan["recorded"].slots
    if slots is None:
        return [None] * len(plan["staffing"])
    return [None if math.isnan(r) else float(r) for r in slots.rate.tolist()]
