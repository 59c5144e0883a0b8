"""The tuned prospective methods (issue 5): space-time BJP with a long-term background, and SEPP
whose background is a KDE of the whole training window. Each must find a planted near-repeat
pattern that a retrospective KDE of the same history cannot see."""

from __future__ import annotations

import numpy as np
import pytest

from watchkeeper.analysis.evaluate import score_period
from watchkeeper.analysis.grid import build_grid
from watchkeeper.analysis.prospective import BjpParams, bjp, ranked_cells, retrospective_kde
from watchkeeper.analysis.sepp import SeppParams, fit_sepp, forecast_sepp

pytestmark = pytest.mark.kernel

SPACE_TIME = BjpParams(
    decay="exponential",
    bandwidth_m=40.0,
    half_life_weeks=1.0,
    max_age_weeks=6.0,
    background_weight=0.5,
    background_sigma_m=40.0,
)


def square_grid(cells: int, cell: float = 100.0):
    edge = cells * cell - 1.0
    return build_grid(np.array([0.0, edge]), np.array([0.0, edge]), "EPSG:27700", cell)


def near_repeat_history(seed: int = 5, weeks: int = 40, cells: int = 30):
    """Weekly events: a steady background with a few busier cells, plus repeats the week after an
    event in the same or a neighbouring cell. Returns cell-centre x, y and week of each event."""
    rng = np.random.default_rng(seed)
    rate = np.full((cells, cells), 0.01)
    rate[rng.integers(0, cells, 40), rng.integers(0, cells, 40)] = 0.15
    xs, ys, ts = [], [], []
    previous: list[tuple[int, int]] = []
    for week in range(weeks):
        now = list(zip(*np.nonzero(rng.poisson(rate)), strict=True))
        for r, c in previous:
            for _ in range(rng.poisson(0.8)):
                now.append(
                    (
                        int(np.clip(r + rng.integers(-1, 2), 0, cells - 1)),
                        int(np.clip(c + rng.integers(-1, 2), 0, cells - 1)),
                    )
                )
        for r, c in now:
            xs.append(c * 100.0 + 50.0)
            ys.append(r * 100.0 + 50.0)
            ts.append(week)
        previous = now
    return np.array(xs), np.array(ys), np.array(ts, float)


def test_a_recent_burst_outranks_an_old_hotspot_only_through_the_near_repeat_term():
    grid = square_grid(10)
    # Cell (7, 7) had ten crimes a year ago; cell (2, 2) three last week.
    x = np.r_[np.full(10, 750.0), np.full(3, 250.0), 950.0]
    y = np.r_[np.full(10, 750.0), np.full(3, 250.0), 950.0]
    age = np.r_[np.full(10, 52.0), np.full(3, 1.0), -1.0]  # the last one is after the origin

    blended = bjp(grid, x, y, age, SPACE_TIME)
    background_only = bjp(grid, x, y, age, BjpParams(**{**SPACE_TIME.__dict__, "background_weight": 1.0}))

    assert ranked_cells(blended)[0] == 2 * grid.nx + 2
    assert ranked_cells(background_only)[0] == 7 * grid.nx + 7
    assert blended[9, 9] == pytest.approx(0.0), "an event after the origin is never used"
    assert np.nansum(blended) == pytest.approx(1.0)


def test_space_time_bjp_and_kde_background_sepp_beat_kde_on_a_near_repeat_process():
    grid = square_grid(30)
    x, y, week = near_repeat_history()
    scores = {"kde": [], "bjp": [], "sepp": []}
    for origin in range(30, 40):
        before, during = week < origin, week == origin
        counts = np.zeros((origin,) + grid.shape)
        row, col, _ = grid.rowcol(x[before], y[before])
        np.add.at(counts, (week[before].astype(int), row, col), 1.0)
        fit = fit_sepp(grid, counts, SeppParams(max_lag_bins=4, background="kde", background_sigma_m=40.0))
        risks = {
            "kde": retrospective_kde(grid, x[before], y[before], 40.0, "gaussian"),
            "bjp": bjp(grid, x[before], y[before], origin - week[before] - 0.5, SPACE_TIME),
            "sepp": forecast_sepp(grid, counts, fit),
        }
        for name, risk in risks.items():
            n, hits, share = score_period(grid, risk, x[during], y[during], 0.05)
            scores[name].append(hits / n / share)
    kde, bjp_pai, sepp_pai = (float(np.mean(scores[k])) for k in ("kde", "bjp", "sepp"))
    assert bjp_pai > 1.15 * kde
    assert sepp_pai > 1.15 * kde


def test_kde_background_sepp_recovers_the_triggering_and_keeps_the_background_shape():
    grid = square_grid(30)
    x, y, week = near_repeat_history(seed=2)
    counts = np.zeros((40,) + grid.shape)
    row, col, _ = grid.rowcol(x, y)
    np.add.at(counts, (week.astype(int), row, col), 1.0)

    fit = fit_sepp(grid, counts, SeppParams(max_lag_bins=4, background="kde", background_sigma_m=40.0))

    assert 0.4 < fit.theta < 0.95, "about 0.8 repeats per event were planted"
    assert fit.omega > 1.0, "repeats come the next week, so the lag decay is steep"
    assert 0.5 < fit.sigma_cells < 2.0
    # The background is a rescaled KDE of all the counts: its ranking is the KDE's.
    kde_total = retrospective_kde(grid, x, y, 40.0, "gaussian")
    top = ranked_cells(np.where(grid.mask, fit.mu, np.nan))[:20]
    assert set(top) == set(ranked_cells(kde_total)[:20])


def test_unknown_decay_and_background_are_refused():
    grid = square_grid(3)
    with pytest.raises(ValueError, match="decay"):
        bjp(grid, np.array([50.0]), np.array([50.0]), np.array([1.0]), BjpParams(decay="linear"))
    with pytest.raises(ValueError, match="background"):
        fit_sepp(grid, np.zeros((3,) + grid.shape), SeppParams(background="flat"))
