"""Demand from history: arrivals per 15-minute interval of the week, handling times, seasonality and
a forecast with its uncertainty. Pure (numpy only): callers pass plain times and durations.

- Slots: 672 a week, Monday 00:00-00:15 first, in local (Europe/London) time, because demand follows
  the clock people live by, not UTC.
- The weekly profile is the mean count per slot over the whole weeks observed, smoothed lightly
  across neighbouring slots of the same day (a 15-minute slot sees few calls; a 1-2-1 kernel keeps
  the shape without inventing peaks).
- Seasonality: weekday and hour-of-day indices (the mean of that weekday or hour over the overall
  mean), shown so a planner can see the shape.
- Forecast for each coming week: the profile scaled by the level of the last weeks (a linear trend
  fitted to the weekly totals, flattened to the mean when the trend is not clear), and each slot's
  80% and 95% intervals from a negative binomial whose extra variance comes from how much the
  weekly totals vary beyond Poisson noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

SLOTS = 672
SLOT_MINUTES = 15


def slot_of(local: datetime) -> int:
    """The slot of the week (0..671) of a local time."""
    return local.weekday() * 96 + local.hour * 4 + local.minute // 15


def week_start(local: datetime) -> datetime:
    day = local - timedelta(days=local.weekday())
    return day.replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass
class Profile:
    weeks: int
    counts: np.ndarray  # (weeks, 672) observed
    mean: np.ndarray  # (672,) smoothed mean arrivals per slot
    weekly_totals: np.ndarray  # (weeks,)

    @property
    def weekday_index(self) -> np.ndarray:
        by_day = self.mean.reshape(7, 96).sum(axis=1)
        return by_day / by_day.mean() if by_day.mean() > 0 else np.ones(7)

    @property
    def hour_index(self) -> np.ndarray:
        by_hour = self.mean.reshape(7, 24, 4).sum(axis=(0, 2))
        return by_hour / by_hour.mean() if by_hour.mean() > 0 else np.ones(24)


def profile(local_times: list[datetime], first_week: datetime, weeks: int) -> Profile:
    """Counts per slot for `weeks` whole weeks from the Monday `first_week` (times outside ignored)."""
    if weeks < 1:
        raise ValueError("At least one whole week of history is needed.")
    counts = np.zeros((weeks, SLOTS))
    for t in local_times:
        w = (week_start(t) - first_week).days // 7
        if 0 <= w < weeks:
            counts[w, slot_of(t)] += 1
    raw = counts.mean(axis=0)
    padded = np.concatenate([raw[-1:], raw, raw[:1]])  # the week wraps: Sunday night meets Monday
    smooth = (padded[:-2] + 2 * padded[1:-1] + padded[2:]) / 4
    return Profile(weeks, counts, smooth, counts.sum(axis=1))


@dataclass
class Forecast:
    mean: np.ndarray  # (weeks_ahead, 672)
    low80: np.ndarray
    high80: np.ndarray
    low95: np.ndarray
    high95: np.ndarray
    level: np.ndarray  # expected weekly totals ahead
    dispersion: float  # extra variance share (0: Poisson)


def forecast(p: Profile, weeks_ahead: int = 4) -> Forecast:
    """The next `weeks_ahead` weeks, slot by slot, with 80% and 95% intervals."""
    from scipy import stats  # scipy.stats costs about a second to import: only when used

    totals = p.weekly_totals
    base = float(totals.mean()) if len(totals) else 0.0
    ahead = np.arange(1, weeks_ahead + 1)
    level = np.full(weeks_ahead, base)
    if len(totals) >= 4 and base > 0:
        x = np.arange(len(totals))
        fit = stats.linregress(x, totals)
        # Keep the trend only when it is clear (p < 0.05); never forecast below zero.
        if fit.pvalue < 0.05:
            level = np.maximum(fit.intercept + fit.slope * (len(totals) - 1 + ahead), 0.0)
    shape = p.mean / p.mean.sum() if p.mean.sum() > 0 else np.full(SLOTS, 1 / SLOTS)
    # Extra-Poisson variation of the weekly totals, as a share of the squared mean (NB2 alpha).
    alpha = 0.0
    if len(totals) >= 3 and base > 0:
        alpha = max((float(totals.var(ddof=1)) - base) / base**2, 0.0)
    mean = level[:, None] * shape[None, :]
    bands = {}
    for name, q in (("low80", 0.10), ("high80", 0.90), ("low95", 0.025), ("high95", 0.975)):
        bands[name] = _quantile(mean, alpha, q)
    return Forecast(mean, level=level, dispersion=alpha, **bands)


def _quantile(mean: np.ndarray, alpha: float, q: float) -> np.ndarray:
    from scipy import stats  # scipy.stats costs about a second to import: only when used

    if alpha <= 1e-9:
        return stats.poisson.ppf(q, mean).astype(float)
    # Negative binomial with variance m + alpha m^2: n = 1/alpha, p = n / (n + m).
    n = 1.0 / alpha
    out = stats.nbinom.ppf(q, n, n / (n + np.maximum(mean, 1e-12)))
    return np.where(mean > 0, out, 0.0)


def handling_by_slot(slot_durations: list[tuple[int, float]], fallback: float) -> np.ndarray:
    """Mean handling seconds per slot: the slot's own mean once it has 5 or more calls, else its
    hour-of-week mean, else the overall mean (or `fallback` with no data at all)."""
    sums, counts = np.zeros(SLOTS), np.zeros(SLOTS)
    for slot, seconds in slot_durations:
        sums[slot] += seconds
        counts[slot] += 1
    overall = sums.sum() / counts.sum() if counts.sum() else fallback
    hour_sums, hour_counts = sums.reshape(168, 4).sum(axis=1), counts.reshape(168, 4).sum(axis=1)
    hour_mean = np.where(hour_counts > 0, hour_sums / np.maximum(hour_counts, 1), overall)
    own = np.where(counts >= 5, sums / np.maximum(counts, 1), np.repeat(hour_mean, 4))
    return own
