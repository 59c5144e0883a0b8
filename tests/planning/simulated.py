"""Independent references for the planning kernels, by discrete-event simulation with Ciw (a peer,
not used by the product): one interval's call queue (M/M/N, with exponential patience for Erlang
A), replicated, each figure with its 95% interval across replications."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

import ciw

T_975 = {5: 2.776, 10: 2.262, 20: 2.093, 30: 2.045, 40: 2.023}


@dataclass(frozen=True)
class Estimate:
    mean: float
    half_width: float

    @property
    def low(self) -> float:
        return self.mean - self.half_width

    @property
    def high(self) -> float:
        return self.mean + self.half_width

    def covers(self, value: float) -> bool:
        return self.low <= value <= self.high


def _estimate(values: list[float]) -> Estimate:
    n = len(values)
    t = T_975.get(n - 1) or T_975.get(n) or 1.96
    return Estimate(statistics.fmean(values), t * statistics.stdev(values) / math.sqrt(n))


def simulate_interval(
    rate_per_minute: float,
    aht_minutes: float,
    agents: int,
    answer_minutes: float,
    patience_minutes: float | None = None,
    replications: int = 10,
    minutes: float = 2000.0,
    warmup: float = 200.0,
    seed: int = 15,
) -> dict[str, Estimate]:
    """Steady-state figures of one interval's queue: p_wait, service_level (answered within the
    answer time, as a share of all offered calls), asa (mean wait of answered calls), abandon."""
    runs: dict[str, list[float]] = {"p_wait": [], "service_level": [], "asa": [], "abandon": []}
    for r in range(replications):
        network = ciw.create_network(
            arrival_distributions=[ciw.dists.Exponential(rate_per_minute)],
            service_distributions=[ciw.dists.Exponential(1.0 / aht_minutes)],
            number_of_servers=[agents],
            **(
                {"reneging_time_distributions": [ciw.dists.Exponential(1.0 / patience_minutes)]}
                if patience_minutes
                else {}
            ),
        )
        ciw.seed(seed + r)
        sim = ciw.Simulation(network)
        sim.simulate_until_max_time(minutes + warmup)
        records = [rec for rec in sim.get_all_records() if rec.arrival_date > warmup]
        served = [rec for rec in records if rec.record_type == "service"]
        reneged = [rec for rec in records if rec.record_type == "renege"]
        offered = len(served) + len(reneged)
        runs["p_wait"].append((sum(1 for rec in served if rec.waiting_time > 1e-12) + len(reneged)) / offered)
        runs["service_level"].append(sum(1 for rec in served if rec.waiting_time <= answer_minutes) / offered)
        runs["asa"].append(statistics.fmean(rec.waiting_time for rec in served))
        runs["abandon"].append(len(reneged) / offered)
    return {name: _estimate(values) for name, values in runs.items()}


def simulate_calls(
    rate_per_minute: float,
    aht_minutes: float,
    agents: int,
    patience_minutes: float,
    minutes: float,
    seed: int = 15,
) -> list[tuple[float, float, bool]]:
    """Every call of one Ciw run of an M/M/N+M queue: (arrival minute, wait in minutes, abandoned).
    Calls still waiting or in service at the end are left out."""
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate_per_minute)],
        service_distributions=[ciw.dists.Exponential(1.0 / aht_minutes)],
        number_of_servers=[agents],
        reneging_time_distributions=[ciw.dists.Exponential(1.0 / patience_minutes)],
    )
    ciw.seed(seed)
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(minutes)
    return sorted(
        (rec.arrival_date, rec.waiting_time, rec.record_type == "renege")
        for rec in sim.get_all_records()
        if rec.record_type in ("service", "renege")
    )
