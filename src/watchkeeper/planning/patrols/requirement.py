"""How many patrol units each hour of the week needs: the fewest, of the partnership's units at
their posts, for which the hypercube (exact to 12 units, Larson's approximation beyond) reaches the
target share of the hour's calls within the travel time, with no unit busy more than the workload
cap. Pure (numpy, no Django).

Which units: for each hour they are added one at a time, each time the unit that most raises the
share of the hour's calls within the travel time of some chosen post (ties: the lower mean travel),
so the n units tried are a good n, not the first n by call sign. The hypercube is then solved for
them with the real dispatch (nearest free unit first), so a unit busy elsewhere is allowed for.
Counts whose posts cannot reach the target share even with every unit free are not solved at all;
Larson's approximation finds where to look and the exact model settles the count."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from watchkeeper.planning.patrols import hypercube


@dataclass(frozen=True)
class Target:
    travel_seconds: float
    share: float
    max_workload: float
    label: str = ""


@dataclass(frozen=True)
class HourNeed:
    units: int  # the fewest meeting the target (the whole fleet when even that does not)
    met: bool
    within: float  # share of calls reached within the travel time with that many
    max_workload: float
    calls_per_hour: float


def order_units(rates: np.ndarray, travel: np.ndarray, seconds: float) -> list[int]:
    """Units in the order they are added: greedy maximum coverage of the calls, then mean travel."""
    weights = rates / rates.sum()
    reach = travel <= seconds  # (units, wards)
    chosen: list[int] = []
    covered = np.zeros(len(rates), dtype=bool)
    left = list(range(travel.shape[0]))
    while left:
        best = max(
            left,
            key=lambda u: (
                float((weights * (reach[u] & ~covered)).sum()),
                -float((weights * travel[u]).sum()),
                -u,
            ),
        )
        chosen.append(best)
        covered |= reach[best]
        left.remove(best)
    return chosen


def units_for_hour(rates: np.ndarray, travel: np.ndarray, job_minutes: float, target: Target) -> HourNeed:
    """The fewest units meeting `target` for calls arriving at `rates` (per minute, per ward)."""
    total = float(rates.sum())
    if total <= 0:
        return HourNeed(0, True, 1.0, 0.0, 0.0)
    mu = 1.0 / job_minutes
    order = order_units(rates, travel, target.travel_seconds)
    weights = rates / total
    # The share of calls some chosen post is within reach of bounds what n units can reach in time
    # (all of them free): n below the target there need no hypercube solved.
    reach = np.cumsum(travel[order] <= target.travel_seconds, axis=0) > 0  # (n, wards)
    coverage = (reach * weights[None, :]).sum(axis=1)
    # Fewer units than the load over the cap cannot keep any of them under it.
    first = max(1, math.ceil(total / mu / target.max_workload - 1e-9))
    candidates = [n for n in range(min(first, len(order)), len(order) + 1) if coverage[n - 1] >= target.share]
    if not candidates:  # no number of these units reaches enough calls in time: how near all come
        return _solve(rates, travel[order], mu, target) or HourNeed(len(order), False, 0.0, 1.0, total * 60)

    def meets(n: int, quick: bool = False) -> HourNeed | None:
        found = _solve(rates, travel[order[:n]], mu, target, quick)
        return found if found is not None and found.met else None

    # Larson's approximation (milliseconds) finds where to look; the hypercube proper (exact to 12
    # units) then settles it, stepping down while one fewer still meets the target, or up until one
    # does. So the answer is the exact model's, usually after two exact solves instead of many.
    start = next((i for i, n in enumerate(candidates) if meets(n, quick=True)), len(candidates) - 1)
    i = start
    found = meets(candidates[i])
    if found is not None:
        while i > 0 and (fewer := meets(candidates[i - 1])) is not None:
            i, found = i - 1, fewer
        return found
    while i + 1 < len(candidates):
        i += 1
        if (found := meets(candidates[i])) is not None:
            return found
    # Not met even by the whole fleet: say how near it comes.
    return _solve(rates, travel[order], mu, target) or HourNeed(len(order), False, 0.0, 1.0, total * 60)


def _solve(rates: np.ndarray, travel: np.ndarray, mu: float, target: Target, quick: bool = False) -> HourNeed | None:
    """The hypercube for these units (rows of `travel`), or Larson's approximation when `quick`;
    None when they cannot keep up at all."""
    try:
        fleet = hypercube.Fleet.of(rates, hypercube.preferences_from_travel(travel), mu=mu)
    except ValueError:
        return None
    solution = hypercube.approximate(fleet) if quick else hypercube.solve(fleet)
    within = solution.within(travel, rates, target.travel_seconds, fleet.mu)
    busiest = float(solution.workloads.max())
    met = within >= target.share and busiest <= target.max_workload
    return HourNeed(len(travel), met, within, busiest, float(rates.sum()) * 60)


def week(rates_by_hour: np.ndarray, travel: np.ndarray, job_minutes: float, target: Target) -> list[HourNeed]:
    """HourNeed for each of the week's 168 hours; rates_by_hour is (168, wards) calls per minute.
    Hours with the same calls are solved once."""
    seen: dict[bytes, HourNeed] = {}
    out = []
    for rates in rates_by_hour:
        key = rates.tobytes()
        if key not in seen:
            seen[key] = units_for_hour(rates, travel, job_minutes, target)
        out.append(seen[key])
    return out
