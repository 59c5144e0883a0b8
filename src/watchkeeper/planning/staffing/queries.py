"""A week's call-handler requirement: the forecast arrivals per 15-minute slot, the handling time
from the timeline and the service-level target in force, through Erlang C or A."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.utils import timezone

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


def week_plan(user, partnership, weeks: int = 12, queue: str = "999") -> dict | None:
    """Demand, forecast and requirement for the coming week (None: no incidents to learn from)."""
    h = demand.history(user, partnership, weeks)
    if h.profile is None:
        return None
    f = demand_rules.forecast(h.profile, weeks_ahead=4)
    handling = demand_rules.handling_by_slot(h.handling, demand.DEFAULT_HANDLING_SECONDS)
    target = target_in_force(queue)
    staffing = staff_slots(f.mean[0], handling, target)
    agents = np.array([s.agents for s in staffing])
    sched = np.array([scheduled(s.agents, target.shrinkage) for s in staffing])
    hourly = [math.ceil(sched[h * 4 : h * 4 + 4].max() - 1e-9) for h in range(168)]
    return {
        "history": h,
        "forecast": f,
        "handling": handling,
        "target": target,
        "staffing": staffing,
        "agents": agents,
        "scheduled": sched,
        "hourly_requirement": hourly,
    }
