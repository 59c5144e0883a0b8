"""A duty inspector's tasking list: prospective risk (BJP, SEPP), baselines, and how they are scored."""

from __future__ import annotations

import numpy as np
import pytest

from watchkeeper.analysis.evaluate import hit_rate_to_pai, score_period
from watchkeeper.analysis.grid import build_grid
from watchkeeper.analysis.prospective import BjpParams, bjp, ranked_cells, select_coverage, top_cells
from watchkeeper.analysis.sepp import SeppParams, fit_sepp, forecast_sepp

pytestmark = pytest.mark.kernel


def square_grid(cells: int, cell: float = 100.0):
    edge = cells * cell - 1.0
    return build_grid(np.array([0.0, edge]), np.array([0.0, edge]), "EPSG:27700", cell)


def test_bjp_matches_a_hand_worked_example():
    grid = square_grid(5)
    # One burglary in the centre cell a week ago, one in the corner cell three weeks ago, and one
    # ten weeks ago that is past the 8-week memory and must add nothing.
    x = np.array([250.0, 50.0, 450.0])
    y = np.array([250.0, 50.0, 450.0])
    age = np.array([1.0, 3.0, 10.0])

    risk = bjp(grid, x, y, age, BjpParams(bandwidth_m=150.0, max_age_weeks=8.0))

    # Within 150 m: the cell itself (d=0), edge neighbours (d=1), diagonals (d=sqrt 2).
    recent, older = 1 / (1 + 1), 1 / (1 + 3)
    assert risk[2, 2] == pytest.approx(recent)
    assert risk[2, 3] == pytest.approx(recent / 2)
    assert risk[1, 1] == pytest.approx(recent / (1 + np.sqrt(2)) + older / (1 + np.sqrt(2)))
    assert risk[0, 0] == pytest.approx(older)
    assert risk[0, 2] == pytest.approx(0.0), "two cells away is beyond 150 m"
    assert risk[4, 4] == pytest.approx(0.0), "the ten-week-old event is forgotten"


def test_sepp_recovers_a_planted_cluster_and_its_triggering():
    rng = np.random.default_rng(11)
    grid = square_grid(30)
    bins, mu, theta = 40, 0.01, 0.6
    counts = np.zeros((bins,) + grid.shape)
    # Simulate the discrete process itself: uniform background plus offspring one or two bins
    # later, within a cell or so of the parent.
    for k in range(bins):
        counts[k] += rng.poisson(mu, grid.shape)
        for lag, share in ((1, 0.7), (2, 0.3)):
            if k >= lag:
                for r, c in zip(*np.nonzero(counts[k - lag]), strict=True):
                    for _ in range(int(counts[k - lag, r, c])):
                        if rng.random() < theta * share:
                            rr = int(np.clip(r + round(rng.normal(0, 1)), 0, 29))
                            cc = int(np.clip(c + round(rng.normal(0, 1)), 0, 29))
                            counts[k, rr, cc] += 1
    counts[-1, 20, 8] += 15  # a burst of burglaries on one estate in the latest bin

    fit = fit_sepp(grid, counts, SeppParams(max_lag_bins=4, background_sigma_m=25.0))
    risk = forecast_sepp(grid, counts, fit)

    assert 0.3 < fit.theta < 0.9
    assert 0.5 < fit.sigma_cells < 2.0
    top = ranked_cells(risk)[:5]
    rows, cols = np.divmod(top, grid.nx)
    assert (abs(rows - 20) <= 1).all() and (abs(cols - 8) <= 1).all()


def test_tasking_list_ranks_cells_with_their_centres():
    grid = square_grid(4)
    risk = np.zeros(grid.shape)
    risk[3, 0], risk[1, 2] = 5.0, 2.0

    tasks = top_cells(grid, risk, k=2)

    assert [t["rank"] for t in tasks] == [1, 2]
    assert [t["cell_id"] for t in tasks] == [3 * grid.nx + 0, 1 * grid.nx + 2]
    assert tasks[0]["risk"] == 5.0 and 49 < tasks[0]["lat"] < 51


def test_hit_rate_and_pai_arithmetic():
    grid = square_grid(10)  # 100 cells, so 5% coverage is exactly 5 cells
    risk = np.zeros(grid.shape)
    risk[0, :5] = [5, 4, 3, 2, 1]
    x = np.array([50.0, 150.0, 450.0, 550.0, 950.0, 950.0, 50.0, 250.0])
    y = np.array([50.0, 50.0, 50.0, 50.0, 950.0, 950.0, 950.0, 50.0])

    events, hits, share = score_period(grid, risk, x, y, coverage=0.05)

    assert select_coverage(grid, risk, 0.05).tolist() == [0, 1, 2, 3, 4]
    assert (events, hits, share) == (8, 4, pytest.approx(0.05))
    assert hit_rate_to_pai(hits / events, share) == pytest.approx(10.0)


def test_coverage_never_selects_more_area_than_asked():
    grid = square_grid(10)
    risk = np.random.default_rng(0).random(grid.shape)
    ids = select_coverage(grid, risk, 0.034)
    assert len(ids) == 3
