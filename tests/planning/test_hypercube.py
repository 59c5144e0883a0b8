"""The hypercube model against Larson and Odoni's worked example (Urban Operations Research, 1981,
section 5.4.3: three units, ten atoms, lambda = 1.5, mu = 1) and its approximation (section 5.5.3),
and against a direct simulation of the same dispatch rules.

The book gives the atoms' rates in its Figure 5.11 (a drawing); the text says atom 5 sends 0.15,
unit 1's area (atoms 1, 2, 4) half the calls, unit 2's area atoms 3, 5, 6, and Table 5-4's
preferences: unit 2 backs up atoms 1 and 2, unit 3 atom 4, unit 1 everything in areas 2 and 3.
With fixed preferences only the total rate of each preference list matters, so the atoms are
grouped by list: (1,2,3) 0.50, (1,3,2) 0.25, (2,1,3) 0.35, (3,1,2) 0.40. Those totals reproduce
both of the book's printed results: the exact workloads to all four decimals, and the
approximation's to its convergence criterion."""

import heapq
import random

import numpy as np
import pytest

from watchkeeper.planning.patrols.hypercube import Fleet, approximate, correction, exact, preferences_from_travel, solve

pytestmark = pytest.mark.kernel

BOOK = Fleet.of([0.50, 0.25, 0.35, 0.40], [[0, 1, 2], [0, 2, 1], [1, 0, 2], [2, 0, 1]], mu=1.0)


def test_exact_workloads_match_larson_and_odoni_5_4_3():
    solution = exact(BOOK)
    assert [round(w, 4) for w in solution.workloads] == [0.5574, 0.4734, 0.4693]
    assert solution.workloads.sum() == pytest.approx(1.5)
    assert solution.shares.sum(axis=1) == pytest.approx(np.ones(4))


def test_correction_factors_match_the_book():
    assert correction(3, 0.5) == pytest.approx([1.0, 0.73684, 0.63158], abs=5e-6)


def test_larson_approximation_matches_the_books_iteration():
    # The book stops at its third iteration with a convergence criterion of about 0.001.
    solution = approximate(BOOK)
    assert solution.workloads == pytest.approx([0.5627, 0.4716, 0.4657], abs=0.0005)
    assert np.abs(solution.workloads - exact(BOOK).workloads).max() < 0.01


def simulate(fleet: Fleet, calls: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Event-by-event: Poisson calls per ward, first free unit in the ward's list, FCFS queue.
    Returns each unit's workload, the share of each ward's calls each unit answered, and the share
    each unit was sent to at once (the call found it free)."""
    rng = random.Random(seed)
    total = float(fleet.rates.sum())
    cum = np.cumsum(fleet.rates) / total
    busy_until = [0.0] * fleet.units
    busy_time = np.zeros(fleet.units)
    answered = np.zeros((len(fleet.rates), fleet.units))
    at_once = np.zeros((len(fleet.rates), fleet.units))
    queue: list = []  # (time when some unit frees, unit) for FCFS when all are busy
    t = 0.0
    for _ in range(calls):
        t += rng.expovariate(total)
        ward = int(np.searchsorted(cum, rng.random()))
        free = [u for u in fleet.preferences[ward] if busy_until[u] <= t]
        if free:
            unit, start = free[0], t
            at_once[ward, unit] += 1
        else:
            # Every unit busy: the call waits for the first to free (calls queue in arrival order).
            queue = [(busy_until[u], u) for u in range(fleet.units)]
            heapq.heapify(queue)
            start, unit = heapq.heappop(queue)
        service = rng.expovariate(float(fleet.mu[unit]))
        busy_until[unit] = start + service
        busy_time[unit] += service
        answered[ward, unit] += 1
    per_ward = answered.sum(axis=1, keepdims=True)
    return busy_time / t, answered / per_ward, at_once / per_ward


def test_exact_model_agrees_with_simulation():
    solution = exact(BOOK)
    runs = [simulate(BOOK, 20000, seed) for seed in range(10)]
    loads = np.array([r[0] for r in runs])
    shares = np.array([r[1] for r in runs])
    half = 2.262 * loads.std(axis=0, ddof=1) / np.sqrt(len(runs))
    assert (np.abs(loads.mean(axis=0) - solution.workloads) <= half).all()
    share_half = 2.262 * shares.std(axis=0, ddof=1) / np.sqrt(len(runs))
    assert (np.abs(shares.mean(axis=0) - solution.shares) <= share_half + 1e-9).all()


def test_twenty_units_use_the_approximation_and_stay_consistent():
    rng = np.random.default_rng(4)
    travel = rng.uniform(60, 900, size=(20, 20))
    fleet = Fleet.of(rng.uniform(0.1, 1.0, 20) * 12 / 11, preferences_from_travel(travel), mu=1.0)
    solution = solve(fleet)
    assert solution.method == "approximate"
    assert solution.workloads.sum() == pytest.approx(fleet.rates.sum())
    assert ((solution.workloads > 0) & (solution.workloads < 1)).all()
    assert solution.shares.sum(axis=1) == pytest.approx(np.ones(20))
    # Nearest units answer most of a ward's calls: the mean travel beats sending units at random.
    assert solution.mean_travel(travel, fleet.rates) < travel.mean()


def test_approximation_is_close_to_exact_on_a_ten_unit_fleet():
    rng = np.random.default_rng(9)
    travel = rng.uniform(60, 900, size=(10, 14))
    fleet = Fleet.of(rng.uniform(0.1, 1.0, 14) * 5.5 / 7.7, preferences_from_travel(travel))
    assert np.abs(approximate(fleet).workloads - exact(fleet).workloads).max() < 0.03


def test_refuses_a_fleet_that_cannot_keep_up():
    with pytest.raises(ValueError, match="cannot keep up"):
        Fleet.of([2.0, 2.0], [[0, 1], [1, 0]], mu=1.0)
