"""Shift tasking (pure): which team covers which hotspot, and the order and times of the visits.

After Koper (1995), a visit lasts 10-15 minutes and each hotspot is visited roughly every 2 hours:
the shift is cut into rounds of `revisit_minutes`, every hotspot of a team is due once per round,
and the order inside each round is shuffled with a seeded generator, so the patrol is not
predictable to offenders but the same plan can be reproduced from the shift's seed."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Hotspot:
    key: str
    lat: float
    lon: float
    x: float  # British National Grid metres
    y: float
    source: str  # "forecast" or "demand"
    weight: float  # forecast risk or incident count: the heavier first
    cell: int | None = None


@dataclass(frozen=True)
class PlannedTask:
    team: str
    round: int
    position: int
    hotspot: Hotspot
    due_from: datetime
    due_by: datetime


def merge(forecast: list[Hotspot], demand: list[Hotspot], radius_m: float) -> list[Hotspot]:
    """Forecast hotspots, then demand hotspots not within `radius_m` of one already kept."""
    kept: list[Hotspot] = []
    for h in [*forecast, *demand]:
        if all(math.hypot(h.x - k.x, h.y - k.y) > radius_m for k in kept):
            kept.append(h)
    return kept


def split_teams(hotspots: list[Hotspot], foot_radius_m: float) -> dict[str, list[Hotspot]]:
    """Foot patrols take the heaviest hotspot and those within walking distance of it; the hot-spot
    vehicle takes the rest (with a single hotspot, or all of them close, the vehicle gets none)."""
    if not hotspots:
        return {"foot": [], "vehicle": []}
    ranked = sorted(hotspots, key=lambda h: (-h.weight, h.key))
    anchor = ranked[0]
    foot = [h for h in ranked if math.hypot(h.x - anchor.x, h.y - anchor.y) <= foot_radius_m]
    vehicle = [h for h in ranked if h not in foot]
    return {"foot": foot, "vehicle": vehicle}


def plan(
    teams: dict[str, list[Hotspot]], start: datetime, end: datetime, revisit_minutes: int, dwell_minutes: int, seed: int
) -> list[PlannedTask]:
    """Every hotspot of each team due once per round; rounds of `revisit_minutes` from the start
    while a visit of `dwell_minutes` still fits; the order within a round shuffled (seeded)."""
    rng = random.Random(seed)
    tasks: list[PlannedTask] = []
    step, dwell = timedelta(minutes=revisit_minutes), timedelta(minutes=dwell_minutes)
    begins, number = start, 1
    while begins + dwell <= end:
        ends = min(begins + step, end)
        for team in sorted(teams):
            order = list(teams[team])
            rng.shuffle(order)
            tasks += [PlannedTask(team, number, i + 1, h, begins, ends) for i, h in enumerate(order)]
        begins, number = begins + step, number + 1
    return tasks
