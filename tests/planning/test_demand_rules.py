"""Demand rules on made-up history whose answer is known (Poisson arrivals at a set rate per slot)."""

from datetime import datetime, timedelta

import numpy as np
import pytest

from watchkeeper.planning.demand.rules import SLOTS, forecast, handling_by_slot, profile, slot_of

pytestmark = pytest.mark.kernel
MONDAY = datetime(2026, 1, 5)


def history(rate: np.ndarray, weeks: int, seed: int = 1) -> list[datetime]:
    rng = np.random.default_rng(seed)
    times = []
    for w in range(weeks):
        for slot, n in enumerate(rng.poisson(rate)):
            start = MONDAY + timedelta(weeks=w, minutes=15 * slot)
            times.extend(start + timedelta(seconds=float(s)) for s in rng.uniform(0, 900, n))
    return times


def test_slots_run_from_monday_midnight():
    assert slot_of(MONDAY) == 0
    assert slot_of(MONDAY + timedelta(days=6, hours=23, minutes=59)) == SLOTS - 1


def test_profile_recovers_the_rate_and_the_evening_peak():
    rate = np.tile(np.where(np.arange(96) >= 72, 6.0, 2.0), 7)
    p = profile(history(rate, 12), MONDAY, 12)
    assert p.mean.sum() == pytest.approx(rate.sum(), rel=0.03)
    assert p.hour_index[20] > 2 * p.hour_index[8]


def test_forecast_intervals_hold_the_next_weeks_counts():
    rate = np.full(SLOTS, 3.0)
    p = profile(history(rate, 10), MONDAY, 10)
    f = forecast(p, weeks_ahead=2)
    future = profile(history(rate, 1, seed=99), MONDAY, 1).counts[0]
    inside = ((future >= f.low95[0]) & (future <= f.high95[0])).mean()
    assert inside >= 0.93
    assert (f.low80 <= f.mean).all() and (f.mean <= f.high95 + 1e-9).all()
    assert f.level[0] == pytest.approx(3.0 * SLOTS, rel=0.05)


def test_a_clear_trend_is_carried_forward():
    weeks = [history(np.full(SLOTS, 1.0 + 0.25 * w), 1, seed=w) for w in range(8)]
    times = [t + timedelta(weeks=w) for w, week in enumerate(weeks) for t in week]
    f = forecast(profile(times, MONDAY, 8), weeks_ahead=1)
    assert f.level[0] > profile(times, MONDAY, 8).weekly_totals[-1]


def test_handling_time_falls_back_to_the_hour_then_overall():
    h = handling_by_slot([(0, 100.0)] * 5 + [(5, 300.0)], fallback=180)
    assert h[0] == 100.0
    assert h[4] == 300.0  # the hour's mean (slot 5 is in hour 1)
    assert h[100] == pytest.approx((500 + 300) / 6)
