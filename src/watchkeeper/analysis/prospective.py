"""Prospective hotspotting: where crime is likely next, from where and when it happened recently.

Every method returns a risk raster aligned with a ``Grid`` (NaN outside the study area); only the
order of cells matters for tasking, so the scales differ between methods.

* ``bjp``: Bowers, Johnson & Pease (2004), "Prospective hot-spotting: the future of crime
  mapping?" Br J Criminol 44(5). Each recent event adds 1/(1+d) * 1/(1+a) to every cell within
  the bandwidth, d the distance between cell centres in cell widths and a the event's age in
  weeks; events older than the time bandwidth add nothing. ``BjpParams`` also offers the
  space-time form (Gaussian in space, exponential in time) blended with a long-term background
  KDE; ``evaluate.Settings`` holds the values tuned on validation periods.
* ``sepp``: the self-exciting point process in ``sepp.py`` (Mohler et al. 2011, on the grid).
* ``last`` and ``kde``: the naive baselines a prospective method must beat: last period's counts,
  and a retrospective KDE of the whole history.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .density import kde
from .grid import Grid
from .kernels import convolve, gaussian, offset_distances


@dataclass(frozen=True)
class BjpParams:
    """Bandwidths, decay and background. The defaults are the classic method: Bowers et al. used
    400 m and two months on 50 m cells for burglary; on 100 m cells and all-crime police.uk /
    Portland data, validation periods (the earliest test months of each dataset only, see
    ``evaluate.Settings``) preferred the event's own cell (0 m: any spread lowered PAI, 400 m by
    about a quarter) and a 16-week memory.

    ``decay="exponential"`` makes it a space-time kernel with tunable decays: an event ``a`` weeks
    old adds ``0.5 ** (a / half_life_weeks)`` (up to ``max_age_weeks``) spread by a Gaussian of
    standard deviation ``bandwidth_m``. ``background_weight`` > 0 blends in a long-term term: a
    Gaussian KDE (``background_sigma_m``) of every event before the origin, each weighted
    ``0.5 ** (a / background_half_life_weeks)`` (``None``: all alike). Both surfaces are scaled to
    sum 1 over the study area first, so the weight is the background's share of the risk.
    ``evaluate.Settings`` holds the values tuned on validation periods.
    """

    bandwidth_m: float = 0.0
    max_age_weeks: float = 16.0
    decay: str = "bowers"  # or "exponential"
    half_life_weeks: float = 1.0
    background_weight: float = 0.0
    background_sigma_m: float = 40.0
    background_half_life_weeks: float | None = None


def bjp(grid: Grid, x: np.ndarray, y: np.ndarray, age_weeks: np.ndarray, params: BjpParams = BjpParams()) -> np.ndarray:
    """Bowers-Johnson-Pease risk for every cell from events at ``x, y`` that are ``age_weeks`` old.

    Events are placed at their cell's centre (the method is defined on cells). Events with a
    negative age (in the future of the forecast origin) are ignored, never used. Pass every
    event before the origin: only the background term looks past ``max_age_weeks``.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    age = np.asarray(age_weeks, float)
    known = age >= 0
    recent = known & (age <= params.max_age_weeks)
    if params.decay == "bowers":
        weight = grid.counts(x[recent], y[recent], 1.0 / (1.0 + age[recent]))
        radius = int(np.floor(params.bandwidth_m / grid.cell + 1e-9))
        d = offset_distances(radius)
        spatial = np.where(d * grid.cell <= params.bandwidth_m + 1e-9, 1.0 / (1.0 + d), 0.0)
    elif params.decay == "exponential":
        weight = grid.counts(x[recent], y[recent], 0.5 ** (age[recent] / params.half_life_weeks))
        spatial = gaussian(params.bandwidth_m, grid.cell) if params.bandwidth_m > 0 else np.ones((1, 1))
    else:
        raise ValueError(f"unknown decay {params.decay!r}; choose bowers or exponential")
    near = np.where(grid.mask, convolve(weight, spatial), 0.0)
    if params.background_weight <= 0:
        return np.where(grid.mask, near, np.nan)
    long_weights = (
        np.ones(int(known.sum()))
        if params.background_half_life_weeks is None
        else 0.5 ** (age[known] / params.background_half_life_weeks)
    )
    background = np.where(
        grid.mask,
        convolve(grid.counts(x[known], y[known], long_weights), gaussian(params.background_sigma_m, grid.cell)),
        0.0,
    )
    w = float(np.clip(params.background_weight, 0.0, 1.0))
    risk = w * _unit_sum(background) + (1.0 - w) * _unit_sum(near)
    return np.where(grid.mask, risk, np.nan)


def _unit_sum(surface: np.ndarray) -> np.ndarray:
    total = surface.sum()
    return surface / total if total > 0 else surface


def last_period(grid: Grid, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Baseline: the previous period's event count in each cell (pass only that period's events)."""
    return np.where(grid.mask, grid.counts(x, y), np.nan)


def retrospective_kde(
    grid: Grid, x: np.ndarray, y: np.ndarray, bandwidth_m: float = 200.0, kernel: str = "quartic"
) -> np.ndarray:
    """Baseline: KDE of the whole history so far, every event weighted alike (``density.kde``:
    ``bandwidth_m`` is the quartic radius or the Gaussian standard deviation)."""
    return kde(grid, x, y, bandwidth_m=bandwidth_m, kernel=kernel)


def ranked_cells(risk: np.ndarray) -> np.ndarray:
    """Study-area raster ids from highest to lowest risk.

    Ties (common for ``last``: many cells with one event, most with none) break by ascending
    cell id, so results are repeatable; that order is arbitrary, not a hidden preference.
    """
    flat = np.asarray(risk, float).ravel()
    ids = np.flatnonzero(np.isfinite(flat))
    order = np.lexsort((ids, -flat[ids]))
    return ids[order]


def select_coverage(grid: Grid, risk: np.ndarray, coverage: float) -> np.ndarray:
    """The highest-risk cells whose area adds up to at most ``coverage`` of the study area.

    At least one cell is always chosen. Clipped edge cells count only their in-area part.
    """
    if not 0 < coverage <= 1:
        raise ValueError("coverage must be in (0, 1]")
    ranked = ranked_cells(risk)
    cumulative = np.cumsum(grid.area.ravel()[ranked])
    n = max(int(np.searchsorted(cumulative, coverage * grid.study_area_m2 * (1 + 1e-12), side="right")), 1)
    return ranked[:n]


def top_cells(grid: Grid, risk: np.ndarray, k: int = 20) -> list[dict]:
    """Patrol tasking list: the ``k`` highest-risk cells with centre lat/lon, score and rank."""
    ids = ranked_cells(risk)[:k]
    lon, lat = grid.centres_lonlat(ids)
    flat = np.asarray(risk, float).ravel()
    return [
        {"rank": i + 1, "cell_id": int(cid), "lat": float(lat[i]), "lon": float(lon[i]), "risk": float(flat[cid])}
        for i, cid in enumerate(ids)
    ]
