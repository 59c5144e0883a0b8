"""Erlang A for a whole week at once: the same figures as `erlang.erlang_a_figures`, computed for
every interval together on padded numpy arrays (one row per interval), and the fewest agents for
each interval found by moving all rows' head counts up or down together. 672 intervals take a few
array passes instead of a few thousand small ones; the incomplete beta function of
`erlang._answered_within` is summed by its recurrence along each row (all terms positive).
Pure (numpy, no Django); `tests/planning/test_erlang_week.py` checks it against the scalar kernel."""

from __future__ import annotations

import math

import numpy as np

from watchkeeper.planning.staffing.erlang import Interval, Staffing, check


def figures(
    rates: np.ndarray, aht: np.ndarray, agents: np.ndarray, answer_seconds: float, patience_seconds: float
) -> dict[str, np.ndarray]:
    """Erlang A figures per row: rates (calls per second), aht (seconds), agents (>= 1)."""
    rates, aht, agents = (np.asarray(v, dtype=float) for v in (rates, aht, agents))
    theta = 1.0 / patience_seconds
    mu = 1.0 / aht
    live = rates > 0
    lam = np.where(live, rates, 1.0)  # placeholder rate for empty rows, overwritten below
    per_patience = lam / theta
    extra = int(np.max(per_patience + 12 * np.sqrt(per_patience + 1) + 60))
    size = int(agents.max()) + extra + 1
    k = np.arange(1, size, dtype=float)[None, :]
    n = agents[:, None]
    death = np.minimum(k, n) * mu[:, None] + np.maximum(k - n, 0) * theta
    logs = np.concatenate([np.zeros((len(rates), 1)), np.cumsum(np.log(lam)[:, None] - np.log(death), axis=1)], axis=1)
    pi = np.exp(logs - logs.max(axis=1, keepdims=True))
    pi /= pi.sum(axis=1, keepdims=True)
    states = np.arange(size, dtype=float)[None, :]
    queued = states >= n
    j = np.where(queued, states - n, 0.0)
    a = (agents * mu)[:, None]
    r = a + (j + 1) * theta
    step = np.where(queued, (a + j * theta) / r, 1.0)
    reach = np.cumprod(step, axis=1)
    # 1 - I_x(alpha, j+1) by the upward recurrence I_x(a, b+1) = I_x(a, b) + x^a (1-x)^b / (b B(a, b)):
    # every term positive, one cumulative product and sum along the row (no special-function call).
    x = math.exp(-theta * answer_seconds)
    alpha = a / theta + 1.0
    factor = np.where(queued & (j >= 1), (1.0 - x) * (alpha + j - 1.0) / np.maximum(j, 1.0), 1.0)
    terms = np.where(queued, np.cumprod(factor, axis=1), 0.0)
    within = np.where(queued, 1.0 - np.exp(alpha * math.log(x)) * np.cumsum(terms, axis=1), 0.0)
    within = np.clip(within, 0.0, 1.0)
    wait_answered = np.cumsum(np.where(queued, 1.0 / r, 0.0), axis=1)
    p_wait = (pi * queued).sum(axis=1)
    queue = (pi * j).sum(axis=1)
    busy = (pi * np.minimum(states, n)).sum(axis=1)
    abandon = theta * queue / lam
    sl = (pi * ~queued).sum(axis=1) + (pi * reach * within * queued).sum(axis=1)
    asa = (pi * reach * wait_answered * queued).sum(axis=1) / np.maximum(1.0 - abandon, 1e-300)
    empty = ~live
    return {
        "p_wait": np.where(empty, 0.0, p_wait),
        "service_level": np.where(empty, 1.0, sl),
        "asa_seconds": np.where(empty, 0.0, asa),
        "occupancy": np.where(empty, 0.0, busy / agents),
        "abandon": np.where(empty, 0.0, abandon),
    }


def required_agents(
    calls: np.ndarray,
    minutes: float,
    aht: np.ndarray,
    answer_seconds: float,
    service_level: float,
    patience_seconds: float,
    max_occupancy: float = 1.0,
) -> list[Staffing]:
    """The fewest agents meeting the target in each interval (Erlang A), with their figures."""
    calls, aht = np.asarray(calls, dtype=float), np.asarray(aht, dtype=float)
    for c, h in zip(calls.tolist(), aht.tolist(), strict=True):
        check(Interval(c, minutes, h), answer_seconds, service_level, patience_seconds, max_occupancy)
    rates = calls / (minutes * 60.0)
    n = np.maximum(np.ceil(rates * aht), 1.0)

    def meets(agents):
        f = figures(rates, aht, agents, answer_seconds, patience_seconds)
        return (f["service_level"] >= service_level) & (f["occupancy"] <= max_occupancy)

    ok = meets(n)
    while not ok.all():  # up: one more agent wherever the target is missed
        n = np.where(ok, n, n + 1)
        ok = meets(n)
    trying = n > 1
    while trying.any():  # down: one fewer wherever that still meets it
        fewer = np.where(trying, n - 1, n)
        still = meets(fewer)
        n = np.where(trying & still, fewer, n)
        trying = trying & still & (n > 1)
    f = figures(rates, aht, n, answer_seconds, patience_seconds)
    out = []
    for i in range(len(calls)):
        if calls[i] == 0:
            out.append(Staffing(0, 0.0, 1.0, 0.0, 0.0, 0.0))
            continue
        out.append(
            Staffing(
                int(n[i]),
                float(f["p_wait"][i]),
                float(f["service_level"][i]),
                float(f["asa_seconds"][i]),
                float(f["occupancy"][i]),
                float(f["abandon"][i]),
            )
        )
    return out
