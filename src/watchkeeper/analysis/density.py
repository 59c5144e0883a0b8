"""Kernel density surfaces on a grid (the retrospective hotspot map analysts already know)."""

from __future__ import annotations

import numpy as np

from .grid import Grid
from .kernels import convolve, gaussian, quartic

KERNELS = ("quartic", "gaussian")


def kde(
    grid: Grid,
    x: np.ndarray,
    y: np.ndarray,
    bandwidth_m: float = 200.0,
    kernel: str = "quartic",
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Event density per square kilometre on ``grid`` (NaN outside the study area).

    Points are first counted into cells and the counts convolved with a kernel normalised to sum
    1 over cell offsets, so each event contributes exactly its weight of mass (less any that
    spills past the raster edge): ``nansum(surface) * cell_km2 == n`` for interior events. The
    binning moves each point to its cell centre, an error of at most half a cell: keep
    ``bandwidth_m`` at least a cell wide. ``bandwidth_m`` is the quartic radius, or the Gaussian
    standard deviation.
    """
    if kernel == "quartic":
        k = quartic(bandwidth_m, grid.cell)
    elif kernel == "gaussian":
        k = gaussian(bandwidth_m, grid.cell)
    else:
        raise ValueError(f"unknown kernel {kernel!r}; choose one of {', '.join(KERNELS)}")
    counts = grid.counts(x, y, weights)
    cell_km2 = (grid.cell / 1000.0) ** 2
    surface = convolve(counts, k) / cell_km2
    return np.where(grid.mask, surface, np.nan)
