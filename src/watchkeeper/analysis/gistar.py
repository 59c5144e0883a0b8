"""Getis-Ord Gi* hotspots on a grid, with Benjamini-Hochberg false-discovery-rate control.

The z-score is the one esda's ``G_Local(y, w, transform='B', star=True)`` reports as ``Zs``:

    z_i = (sum_j w_ij y_j - c_i * ybar) / (s * sqrt(c_i * (n - c_i) / (n - 1)))

with binary weights that include the cell itself (w_ii = 1: esda sets the diagonal to 1 when
``star=True`` and the weights have none), ``c_i = sum_j w_ij`` (neighbours + self, counted only
inside the study area), ``n`` the number of study-area cells, ``ybar`` their mean and ``s`` the
*population* standard deviation (esda's E[y^2] - E[y]^2, no n-1). esda writes it as
(G - E[G]) / sqrt(V[G]) with G = (Wy)/sum(y); the ratio simplifies to the line above.

Subtleties: a cell whose band covers the whole study area (c_i = n) has zero variance and no
z-score (NaN, as in esda); a surface with no variance at all (e.g. all zeros) likewise. esda's
``p_norm`` is one-sided; ``p`` here is two-sided, because a supervisor asks "hot or cold?".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .grid import Grid
from .kernels import convolve, distance_band, queen


@dataclass(frozen=True)
class GiStar:
    """Gi* rasters (NaN outside the study area) and the FDR-controlled hot and cold cells."""

    z: np.ndarray
    p: np.ndarray
    hot: np.ndarray
    cold: np.ndarray
    cardinality: np.ndarray
    alpha: float

    def hot_ids(self) -> np.ndarray:
        return np.flatnonzero(self.hot.ravel())

    def cold_ids(self) -> np.ndarray:
        return np.flatnonzero(self.cold.ravel())


def gistar(
    grid: Grid, values: np.ndarray, band_m: float | None = None, alpha: float = 0.05, fdr: bool = True
) -> GiStar:
    """Gi* of ``values`` (an ``(ny, nx)`` raster, e.g. ``grid.counts(x, y)``) on ``grid``.

    Weights are binary: every cell within ``band_m`` metres centre to centre, or queen contiguity
    (the 8 touching cells) when ``band_m`` is None; the cell itself is always included.
    Significance is two-sided at ``alpha``, Benjamini-Hochberg-adjusted over the study-area
    cells when ``fdr`` (the default: thousands of cells would otherwise give many false hits).
    """
    from scipy import stats  # scipy.stats costs about a second to import: only when used

    kernel = queen() if band_m is None else distance_band(band_m, grid.cell)
    mask = grid.mask
    y = np.where(mask, np.asarray(values, float), 0.0)
    n = int(mask.sum())
    inside = y[mask]
    ybar = inside.mean()
    s = np.sqrt((inside**2).mean() - ybar**2)
    lag = convolve(y, kernel)
    # Cardinalities are small integers; rounding removes FFT noise for wide bands.
    card = np.rint(convolve(mask.astype(float), kernel))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (lag - card * ybar) / (s * np.sqrt(card * (n - card) / (n - 1)))
    z = np.where(mask & np.isfinite(z), z, np.nan)
    p = 2.0 * stats.norm.sf(np.abs(z))
    significant = np.zeros(grid.shape, bool)
    valid = np.isfinite(p)
    if fdr:
        significant[valid] = benjamini_hochberg(p[valid], alpha)
    else:
        significant[valid] = p[valid] <= alpha
    return GiStar(
        z=z,
        p=p,
        hot=significant & (z > 0),
        cold=significant & (z < 0),
        cardinality=np.where(mask, card, 0),
        alpha=alpha,
    )


def benjamini_hochberg(p: np.ndarray, alpha: float = 0.05) -> np.ndarray:
    """Which p-values are discoveries at false-discovery rate ``alpha`` (step-up BH procedure).

    Find the largest rank k with p_(k) <= k * alpha / m; the k smallest p-values are
    significant, including any above their own rank's threshold (that is the step-up part).
    """
    p = np.asarray(p, float)
    m = p.size
    if m == 0:
        return np.zeros(0, bool)
    order = np.argsort(p, kind="stable")
    passes = p[order] <= alpha * np.arange(1, m + 1) / m
    significant = np.zeros(m, bool)
    if passes.any():
        k = int(np.flatnonzero(passes).max())
        significant[order[: k + 1]] = True
    return significant
