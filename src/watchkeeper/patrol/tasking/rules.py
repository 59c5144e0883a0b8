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
    source: str  # "forecast", "demand" or "case"
    weight: float  # forecast risk, incident or case count: the heavier first
    cell: int | None = None
    cases: tuple[int, ...] = ()  # the open ASB cases behind a "case" hotspot (never shown to officers)


@dataclass(frozen=True)
class PlannedTask:
    team: str
    round: int
    position: int
    hotspot: Hotspot
    due_from: datetime
    due_by: datetime


def merge(forecast: list[Hotspot], demand: list[Hotspot], radius_m: float) -> list[Hotspot]:
    """Forecast hotspots, then the others (demand, cases) in the order given, each kept only when
    not within `radius_m` of one already kept."""
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


def cells(points: list[tuple[int, float, float]], size_m: float) -> dict[tuple[int, int], list[int]]:
    """Group (id, x, y) points (British National Grid metres) into square cells of `size_m`:
    cell -> the ids inside it, so a place is named by its cell (then its street and ward), never
    by the address of the record behind it."""
    found: dict[tuple[int, int], list[int]] = {}
    for pk, x, y in points:
        found.setdefault((int(x // size_m), int(y // size_m)), []).append(pk)
    return found


def alternate(first: list[Hotspot], second: list[Hotspot]) -> list[Hotspot]:
    """One of each in turn (control-room demand and ASB cases weigh in different units: neither
    list's weights outrank the other's), the longer list's rest at the end."""
    merged: list[Hotspot] = []
    for i in range(max(len(first), len(second))):
        merged += [h[i] for h in (first, second) if i < len(h)]
    return merged
