"""Erlang C and Erlang A for one interval: pure kernels (numpy/scipy only, no Django).

Erlang C (M/M/N): Poisson arrivals, exponential handling, N agents, callers never hang up.
Erlang A (M/M/N+M, Palm 1943; Garnett, Mandelbaum and Reiman 2002): the same with exponential
patience, so callers who wait too long abandon. Both are computed in floating point from the
stable recursion of Erlang B, with no rounding at any step: only the answer to "how many agents"
is an integer (an agent is a person), and shrinkage is applied to that answer once, left fractional
(`scheduled`), so rounding happens once, when a roster covers it (pyworkforce users report
overstaffing from rounding at each step).

Definitions (the same for both models, so the figures can be compared):
- `p_wait`: the share of callers who find every agent busy (PASTA: the share of time all are busy).
- `service_level`: the share of ALL offered calls answered within the target time. In Erlang A a
  caller who abandons is never "answered", however early they hung up.
- `asa_seconds`: average wait of the calls that are answered (Erlang C: every call).
- `abandon`: the share of offered calls that abandon (0 in Erlang C).
- `occupancy`: the share of agents' time spent handling calls (answered load / N).

Erlang A is solved exactly on the birth-death chain of the number in the system (truncated where
the remaining probability is below 1e-13); the answered-within-T share and the answered callers'
mean wait follow the caller's place in the queue, in closed form through the regularised
incomplete beta function (see `_answered_within`), vectorised over every place at once.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

TAIL = 1e-13


@dataclass(frozen=True)
class Interval:
    """One interval's offered work: `calls` arriving in `minutes`, each taking `aht_seconds`."""

    calls: float
    minutes: float
    aht_seconds: float

    @property
    def rate(self) -> float:  # arrivals per second
        return self.calls / (self.minutes * 60.0)

    @property
    def traffic(self) -> float:  # offered load in Erlangs
        return self.rate * self.aht_seconds


@dataclass(frozen=True)
class Staffing:
    agents: int
    p_wait: float
    service_level: float
    asa_seconds: float
    occupancy: float
    abandon: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


def erlang_b(traffic: float, agents: int) -> float:
    """Blocking probability of M/M/N/N by the stable recursion (no factorials)."""
    b = 1.0
    for k in range(1, agents + 1):
        b = traffic * b / (k + traffic * b)
    return b


def erlang_c(traffic: float, agents: int) -> float:
    """Probability of waiting in M/M/N (1 when the agents cannot keep up)."""
    if agents <= traffic:
        return 1.0
    b = erlang_b(traffic, agents)
    return agents * b / (agents - traffic * (1.0 - b))


def erlang_c_figures(interval: Interval, agents: int, answer_seconds: float) -> Staffing:
    a, aht = interval.traffic, interval.aht_seconds
    if agents <= a:
        return Staffing(agents, 1.0, 0.0, math.inf, 1.0)
    c = erlang_c(a, agents)
    sl = 1.0 - c * math.exp(-(agents - a) * answer_seconds / aht)
    return Staffing(agents, c, sl, c * aht / (agents - a), a / agents)


def _chain(rate: float, mu: float, theta: float, agents: int) -> np.ndarray:
    """Stationary probabilities of the number in an M/M/N+M system, 0..K (truncated at TAIL)."""
    # Beyond N the queue's weights fall like rate / (N mu + i theta): a few times rate/theta
    # places always reach the tail, however heavy the load.
    extra = int(rate / theta + 12 * math.sqrt(rate / theta + 1) + 60)
    k = np.arange(1, agents + extra + 1, dtype=float)
    death = np.minimum(k, agents) * mu + np.maximum(k - agents, 0) * theta
    logs = np.concatenate(([0.0], np.cumsum(math.log(rate) - np.log(death))))
    w = np.exp(logs - logs.max())
    w /= w.sum()
    keep = len(w)
    tail = np.cumsum(w[::-1])[::-1]  # tail[i] = mass at i and beyond
    beyond = np.nonzero(tail[agents:] < TAIL)[0]
    if len(beyond):
        keep = agents + int(beyond[0])
    return w[: max(keep, agents + 1)]


def _answered_within(pi_queue: np.ndarray, agents: int, mu: float, theta: float, t: float) -> float:
    """Share of callers who find j >= 0 ahead (weights pi_queue) and are answered within t.

    With j ahead the caller leaves that place at rate r_j = Nmu + (j+1)theta (moving forward with
    probability q_j = (Nmu + j theta)/r_j, else hanging up), and how long it stays does not depend on
    which way it leaves. So from place m it is answered with probability q_0 ... q_m, after a time
    S_m = E_0 + ... + E_m with E_j ~ Exp(r_j). The rates are theta (alpha + k), alpha = Nmu/theta + 1,
    k = 0..m, and a sum of exponentials with such rates is -log(U)/theta for U ~ Beta(alpha, m+1)
    (U is a product of independent Beta(alpha + k, 1) variables). Hence
    P(S_m <= t) = 1 - I_x(alpha, m+1) with x = exp(-theta t): exact, and one vectorised call.
    """
    if t <= 0 or pi_queue.sum() == 0:
        return 0.0
    a = agents * mu
    j = np.arange(len(pi_queue), dtype=float)
    reach = np.cumprod((a + j * theta) / (a + (j + 1) * theta))
    from scipy.special import betainc  # scipy.special costs half a second to import: only when used

    within = 1.0 - betainc(a / theta + 1.0, j + 1.0, math.exp(-theta * t))
    return float((pi_queue * reach * within).sum())


def erlang_a_figures(interval: Interval, agents: int, answer_seconds: float, patience_seconds: float) -> Staffing:
    """Erlang A figures for `agents` agents, mean patience `patience_seconds`."""
    mu, theta = 1.0 / interval.aht_seconds, 1.0 / patience_seconds
    rate = interval.rate
    if rate == 0:
        return Staffing(agents, 0.0, 1.0, 0.0, 0.0, 0.0)
    if agents == 0:
        return Staffing(0, 1.0, 0.0, math.inf, 0.0, 1.0)
    pi = _chain(rate, mu, theta, agents)
    n = np.arange(len(pi))
    p_wait = float(pi[agents:].sum())
    queue = float((np.maximum(n - agents, 0) * pi).sum())
    busy = float((np.minimum(n, agents) * pi).sum())
    abandon = theta * queue / rate  # abandonments per second / arrivals per second
    within = _answered_within(pi[agents:], agents, mu, theta, answer_seconds)
    sl = (1.0 - p_wait) + within
    # Mean wait of answered callers: all waiting (E[Q]/rate by Little) less the waiting of those
    # who abandon, which is (their share) x (mean time to abandon given they did, via the chain).
    answered_share = 1.0 - abandon
    asa = _answered_wait(pi[agents:], agents, mu, theta) / answered_share if answered_share > 0 else math.inf
    return Staffing(agents, p_wait, sl, asa, busy / agents, abandon)


def _answered_wait(pi_queue: np.ndarray, agents: int, mu: float, theta: float) -> float:
    """E[wait; answered] for a caller finding j ahead with weights pi_queue (exact).

    From place m the caller is answered with probability P_m = q_0 ... q_m after an expected
    1/r_0 + ... + 1/r_m (the stay at each place does not depend on how it ends; see above)."""
    a = agents * mu
    j = np.arange(len(pi_queue), dtype=float)
    r = a + (j + 1) * theta
    reach = np.cumprod((a + j * theta) / r)
    return float((pi_queue * reach * np.cumsum(1.0 / r)).sum())


def figures(interval: Interval, agents: int, answer_seconds: float, patience_seconds: float | None = None) -> Staffing:
    """Erlang A when a mean patience is given, else Erlang C."""
    if patience_seconds is None:
        return erlang_c_figures(interval, agents, answer_seconds)
    return erlang_a_figures(interval, agents, answer_seconds, patience_seconds)


def required_agents(
    interval: Interval,
    answer_seconds: float,
    service_level: float,
    patience_seconds: float | None = None,
    max_occupancy: float = 1.0,
) -> Staffing:
    """The fewest agents meeting the service level (and the occupancy cap), with their figures."""
    check(interval, answer_seconds, service_level, patience_seconds, max_occupancy)
    if interval.calls == 0:
        return figures(interval, 0, answer_seconds, patience_seconds)

    def meets(n: int) -> Staffing | None:
        result = figures(interval, n, answer_seconds, patience_seconds)
        ok = result.service_level >= service_level and result.occupancy <= max_occupancy
        return result if ok else None

    # The service level rises with every agent added: step from the load towards the answer.
    n = max(1, math.ceil(interval.traffic))
    found = meets(n)
    if found is None:
        while found is None:
            n += 1
            found = meets(n)
        return found
    while n > 1 and (lower := meets(n - 1)) is not None:
        n, found = n - 1, lower
    return found


def scheduled(agents: float, shrinkage: float) -> float:
    """Agents to schedule so `agents` are on the phones after shrinkage (breaks, training,
    absence): one division, kept fractional until a roster rounds it."""
    return agents / (1.0 - shrinkage)


def check(interval, answer_seconds, service_level, patience_seconds=None, max_occupancy=1.0) -> None:
    """Refuse inputs with no meaning, with a message a person can act on (ValueError)."""
    problems = []
    if not (math.isfinite(interval.calls) and interval.calls >= 0):
        problems.append("calls must be zero or more")
    if not (math.isfinite(interval.minutes) and interval.minutes > 0):
        problems.append("the interval must be longer than 0 minutes")
    if not (math.isfinite(interval.aht_seconds) and interval.aht_seconds > 0):
        problems.append("the average handling time must be more than 0 seconds")
    if not (math.isfinite(answer_seconds) and answer_seconds >= 0):
        problems.append("the answer time must be 0 seconds or more")
    if not (math.isfinite(service_level) and 0 < service_level < 1):
        problems.append("the service level must be between 0 and 1 (e.g. 0.9 for 90%)")
    if patience_seconds is not None and not (math.isfinite(patience_seconds) and patience_seconds > 0):
        problems.append("the mean patience must be more than 0 seconds")
    if not (math.isfinite(max_occupancy) and 0 < max_occupancy <= 1):
        problems.append("the occupancy cap must be above 0 and at most 1")
    if interval.traffic > 100000:
        problems.append("the load is over 100,000 Erlangs: check the units (calls per interval, seconds)")
    if problems:
        raise ValueError("; ".join(problems) + ".")
