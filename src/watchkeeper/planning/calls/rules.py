"""Call records with abandonment: the caller's patience and the abandonment per slot. Pure (numpy
and scipy only): callers pass plain waits and outcomes.

Patience is taken as exponential (Erlang A's assumption). Every caller who waited tells us their
patience was at least their wait: an abandoning caller's patience ended at their wait, an answered
caller's was cut off (censored) when they were answered. For exponential patience the maximum-
likelihood estimate of the mean is then the total time all callers spent waiting over the number
who abandoned (Mandelbaum and Zeltyn; the same estimate as the rule "abandonments per second of
waiting"), and 2 x total / mean is close to chi-square with 2 x abandonments degrees of freedom,
which gives its 95% interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from watchkeeper.planning.demand.rules import SLOTS, slot_of, week_start

MIN_ABANDONED = 20  # fewer abandonments than this say too little about patience to plan with


@dataclass(frozen=True)
class Patience:
    mean_seconds: float
    low95: float
    high95: float
    abandoned: int
    calls: int
    waiting_seconds: float


def patience(waits: list[float], abandoned: list[bool]) -> Patience | None:
    """Mean patience from each call's wait (seconds) and whether it abandoned (None: too few)."""
    if len(waits) != len(abandoned):
        raise ValueError("One outcome is needed for each wait.")
    total = float(sum(waits))
    gave_up = int(sum(abandoned))
    if gave_up < MIN_ABANDONED or total <= 0:
        return None
    from scipy import stats  # scipy.stats costs about a second to import: only when used

    mean = total / gave_up
    dof = 2 * gave_up
    return Patience(
        mean,
        2 * total / stats.chi2.ppf(0.975, dof),
        2 * total / stats.chi2.ppf(0.025, dof),
        gave_up,
        len(waits),
        total,
    )


@dataclass(frozen=True)
class SlotAbandonment:
    offered: np.ndarray  # (672,) calls per slot over all the weeks recorded
    abandoned: np.ndarray  # (672,)
    weeks: int

    @property
    def rate(self) -> np.ndarray:
        """Share of offered calls abandoned per slot; NaN where no call was recorded."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.offered > 0, self.abandoned / np.maximum(self.offered, 1), np.nan)


def by_slot(local_times: list[datetime], abandoned: list[bool]) -> SlotAbandonment:
    """Offered and abandoned calls per 15-minute slot of the week (local times)."""
    offered, gave_up = np.zeros(SLOTS), np.zeros(SLOTS)
    for t, ab in zip(local_times, abandoned, strict=True):
        s = slot_of(t)
        offered[s] += 1
        gave_up[s] += ab
    weeks = len({week_start(t) for t in local_times})
    return SlotAbandonment(offered, gave_up, weeks)
