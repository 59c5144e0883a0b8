"""Larson's hypercube queueing model (1974) for patrol units answering calls from wards: pure
kernels (numpy/scipy, no Django).

Each ward (an "atom") sends Poisson calls; a call goes to the first free unit in the ward's
dispatch preference list (nearest first, by travel time); a unit is busy for an exponential time
with mean 1/mu; when every unit is busy calls queue first come, first served (infinite line) and
the next unit to free takes the next call. The state is which units are busy: 2^N states.

- `exact(...)` solves the 2^N balance equations (sparse; practical to about 12 units).
- `approximate(...)` is Larson's approximation (1975, Urban Operations Research 5.5): each unit's
  workload from the others' workloads with the M/M/N correction factors Q(N, rho, j), iterated to
  a fixed point; it scales to any fleet.

Both give each unit's workload, the share of each ward's calls each unit answers (queued calls go
to whichever unit frees first, in proportion to its service rate), and the mean travel time given
a unit-to-ward travel-time matrix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

EXACT_MAX_UNITS = 12


@dataclass(frozen=True)
class Fleet:
    """rates[j]: calls per unit time from ward j; preferences[j]: every unit, first choice first;
    mu: service rate of each unit (calls per unit time when busy)."""

    rates: np.ndarray
    preferences: np.ndarray  # (wards, units) of unit indices
    mu: np.ndarray

    @classmethod
    def of(cls, rates, preferences, mu=1.0) -> Fleet:
        prefs = np.asarray(preferences, dtype=int)
        units = prefs.shape[1]
        mus = np.broadcast_to(np.asarray(mu, dtype=float), (units,)).copy()
        fleet = cls(np.asarray(rates, dtype=float), prefs, mus)
        fleet.check()
        return fleet

    @property
    def units(self) -> int:
        return self.preferences.shape[1]

    @property
    def load(self) -> float:
        return float(self.rates.sum() / self.mu.sum())

    def check(self) -> None:
        if self.preferences.shape[0] != len(self.rates):
            raise ValueError("One dispatch preference list is needed for each ward.")
        if any(sorted(row) != list(range(self.units)) for row in self.preferences.tolist()):
            raise ValueError("Each ward's preference list must name every unit once.")
        if (self.rates < 0).any() or not np.isfinite(self.rates).all() or (self.mu <= 0).any():
            raise ValueError("Call rates must be zero or more and service rates above zero.")
        if self.load >= 1:
            raise ValueError(f"The units cannot keep up: calls arrive at {self.load:.0%} of what the fleet can answer.")


@dataclass(frozen=True)
class Solution:
    workloads: np.ndarray  # (units,) share of time each unit is busy
    shares: np.ndarray  # (wards, units): share of ward j's calls answered by unit n
    p_all_busy: float  # share of calls that queue
    method: str

    def mean_travel(self, travel: np.ndarray, rates: np.ndarray) -> float:
        """Mean travel time over all calls; travel[n, j] from unit n's post to ward j."""
        weights = rates / rates.sum()
        return float((self.shares * travel.T * weights[:, None]).sum())

    def within(self, travel: np.ndarray, rates: np.ndarray, seconds: float, mu: np.ndarray) -> float:
        """Share of all calls a free unit is sent to at once and reaches within `seconds`.

        A call that finds every unit busy waits for one to free first, so it is counted as missing
        the target whatever the distance (the conservative reading: its wait is not bounded). The
        queued share of each unit is p_all_busy x its share of the service rate, as in `exact`;
        Larson's approximation queues in proportion 1/N, the same with equal rates."""
        weights = rates / rates.sum()
        sent_at_once = self.shares - self.p_all_busy * (mu / mu.sum())[None, :]
        reached = travel.T <= seconds
        return float((np.clip(sent_at_once, 0.0, None) * reached * weights[:, None]).sum())

    def ward_travel(self, travel: np.ndarray) -> np.ndarray:
        """Mean travel time to each ward's calls."""
        return (self.shares * travel.T).sum(axis=1)


def _first_free(fleet: Fleet) -> np.ndarray:
    """first[s, j]: the unit sent to ward j's call in state s (-1 when all are busy)."""
    n = fleet.units
    states = np.arange(2**n)
    first = np.full((2**n, len(fleet.rates)), -1, dtype=int)
    for j, prefs in enumerate(fleet.preferences):
        # Walk the list from the last choice back, so the first free choice is written last.
        for unit in prefs[::-1]:
            free = (states >> unit) & 1 == 0
            first[free, j] = unit
    return first


def exact(fleet: Fleet) -> Solution:
    """The hypercube's balance equations solved exactly (2^N states plus the M/M/N queue tail)."""
    n = fleet.units
    if n > EXACT_MAX_UNITS:
        raise ValueError(f"The exact model is limited to {EXACT_MAX_UNITS} units: use approximate().")
    from scipy.sparse import coo_matrix  # scipy.sparse is imported when a plan is solved, not at start-up

    size = 2**n
    first = _first_free(fleet)
    rows, cols, vals = [], [], []
    states = np.arange(size)
    full = size - 1
    for j, rate in enumerate(fleet.rates):
        go = states != full
        to = states[go] | (1 << first[go, j])
        rows.append(states[go]), cols.append(to), vals.append(np.full(go.sum(), rate))
    for unit in range(n):
        busy = (states >> unit) & 1 == 1
        (
            rows.append(states[busy]),
            cols.append(states[busy] & ~(1 << unit)),
            vals.append(np.full(busy.sum(), fleet.mu[unit])),
        )
    r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    # Generator Q (row = from); calls queued when all are busy return the chain to the full state,
    # so the queue tail only scales the full state's mass (handled after solving).
    q = coo_matrix((v, (r, c)), shape=(size, size)).tocsr()
    out = np.asarray(q.sum(axis=1)).ravel()
    a = (q.T - coo_matrix((out, (states, states)), shape=(size, size))).tocsc()
    # Fix the all-free state's weight at 1 and solve the other balance equations for the rest, then
    # normalise: the system stays as sparse as the chain (replacing an equation by the normalisation
    # would add a dense row, which costs the sparse solver most of its time).
    p = np.ones(size)
    if size > 1:
        p[1:] = _solve_balance(a[1:, 1:].tocsr(), -a[1:, 0].toarray().ravel())
    p /= p.sum()
    ratio = fleet.rates.sum() / fleet.mu.sum()
    tail = p[full] * ratio / (1 - ratio)  # all busy with 1, 2, ... calls waiting
    p = p / (1 + tail)
    tail = tail / (1 + tail)
    busy_bits = ((states[:, None] >> np.arange(n)) & 1).astype(float)
    workloads = p @ busy_bits + tail
    p_all_busy = float(p[full] + tail)
    shares = np.zeros((len(fleet.rates), n))
    for j in range(len(fleet.rates)):
        sent = first[:, j]
        ok = sent >= 0
        np.add.at(shares[j], sent[ok], p[ok])
    shares += p_all_busy * (fleet.mu / fleet.mu.sum())[None, :]
    return Solution(workloads, shares, p_all_busy, "exact")


def _solve_balance(matrix, rhs: np.ndarray) -> np.ndarray:
    """The balance equations solved iteratively (BiCGSTAB: the 2^N-state chain's direct LU fills in
    badly, seconds for 12 units against milliseconds), kept only when the residual shows it solved
    them; else directly, with the fill-reducing ordering that suits this chain best."""
    from scipy.sparse.linalg import bicgstab, spsolve  # imported when used, not at start-up

    x, info = bicgstab(matrix, rhs, rtol=1e-13, atol=0.0, maxiter=20 * matrix.shape[0])
    if info == 0 and np.linalg.norm(matrix @ x - rhs) <= 1e-10 * max(np.linalg.norm(rhs), 1e-300):
        return x
    return spsolve(matrix.tocsc(), rhs, permc_spec="MMD_AT_PLUS_A")


def mmn(load_per_unit: float, units: int) -> np.ndarray:
    """M/M/N probabilities of 0..N-1 busy, and P(all busy) last (infinite line)."""
    a = load_per_unit * units
    logs = np.array([k * math.log(a) - math.lgamma(k + 1) for k in range(units)]) if a > 0 else None
    if a == 0:
        out = np.zeros(units + 1)
        out[0] = 1.0
        return out
    full = units * math.log(a) - math.lgamma(units + 1) - math.log(1 - load_per_unit)
    top = max(logs.max(), full)
    w = np.append(np.exp(logs - top), math.exp(full - top))
    return w / w.sum()


def correction(units: int, rho: float) -> np.ndarray:
    """Larson's correction factors Q(N, rho, j), j = 0..N-1 (Urban OR eq. 5.48, infinite line):
    P(j named units busy and one other named unit free) in M/M/N, over rho^j (1 - rho)."""
    p = mmn(rho, units)
    q = np.zeros(units)
    for j in range(units):
        total = 0.0
        for k in range(j, units):
            # C(N-j-1, k-j) / C(N, k): the chance a random set of k busy units holds the j named ones
            # and not the named free one.
            total += p[k] * math.exp(
                math.lgamma(units - j)
                - math.lgamma(k - j + 1)
                - math.lgamma(units - k)
                + math.lgamma(k + 1)
                + math.lgamma(units - k + 1)
                - math.lgamma(units + 1)
            )
        q[j] = total / (rho**j * (1 - rho)) if rho > 0 else (1.0 if j == 0 else 0.0)
    return q


def approximate(fleet: Fleet, tolerance: float = 1e-10, max_rounds: int = 1000) -> Solution:
    """Larson's approximation (equal service rates): workloads by fixed-point iteration."""
    if not np.allclose(fleet.mu, fleet.mu[0]):
        raise ValueError("Larson's approximation needs every unit to have the same service rate.")
    n, mu = fleet.units, float(fleet.mu[0])
    rho = fleet.rates.sum() / (n * mu)
    q = correction(n, rho)
    p_all_busy = float(mmn(rho, n)[-1])
    prefs = fleet.preferences
    workloads = np.full(n, rho)
    for _ in range(max_rounds):
        busy_before = _busy_before(workloads, prefs)  # (wards, k): product of earlier choices' loads
        dispatch = fleet.rates[:, None] * q[None, :] * busy_before  # before the (1 - rho_n) factor
        per_unit = np.zeros(n)
        np.add.at(per_unit, prefs.ravel(), dispatch.ravel())
        queued = fleet.rates.sum() * p_all_busy / n
        # rho_n = (1 - rho_n) * per_unit / mu + queued / mu, solved for rho_n; then scaled so the
        # workloads add up to the offered load (every call is answered with an infinite line), as
        # Larson's procedure does at each round.
        new = (per_unit + queued) / (mu + per_unit)
        new *= fleet.rates.sum() / mu / new.sum()
        if np.abs(new - workloads).max() < tolerance:
            workloads = new
            break
        workloads = new
    busy_before = _busy_before(workloads, prefs)
    sent = q[None, :] * busy_before * (1 - workloads[prefs])  # (wards, k): P(k-th choice is sent)
    shares = np.zeros((len(fleet.rates), n))
    np.put_along_axis(shares, prefs, sent, axis=1)
    shares += p_all_busy / n
    # The approximation's shares need not add to one for every ward: scale so they do.
    shares /= shares.sum(axis=1, keepdims=True)
    return Solution(workloads, shares, p_all_busy, "approximate")


def _busy_before(workloads: np.ndarray, prefs: np.ndarray) -> np.ndarray:
    ordered = workloads[prefs]
    return np.concatenate([np.ones((prefs.shape[0], 1)), np.cumprod(ordered[:, :-1], axis=1)], axis=1)


def solve(fleet: Fleet) -> Solution:
    """Exact for small fleets, Larson's approximation beyond EXACT_MAX_UNITS units."""
    if fleet.units <= EXACT_MAX_UNITS:
        return exact(fleet)
    return approximate(fleet)


def preferences_from_travel(travel: np.ndarray) -> np.ndarray:
    """Each ward's dispatch preferences: units by travel time to it, nearest first (ties by unit)."""
    return np.argsort(travel.T, axis=1, kind="stable")
