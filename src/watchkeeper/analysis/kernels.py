"""Spatial kernels on cell offsets and the one convolution routine every surface uses.

Kernels are odd-sized square arrays indexed by cell offset (centre = offset 0), so a surface is
``convolve(counts, kernel)``. Small kernels go through ``scipy.ndimage.correlate`` (exact sums,
which Gi* needs to match esda to 1e-9); large ones through FFT, where rounding error is ~1e-12.
"""

from __future__ import annotations

import numpy as np

# Above this many kernel cells the direct sum costs more than an FFT on grids we use.
_DIRECT_LIMIT = 225


def offset_distances(radius_cells: int) -> np.ndarray:
    """Euclidean distance, in cells, from the centre to every offset in a (2r+1)^2 window."""
    r = np.arange(-radius_cells, radius_cells + 1)
    return np.hypot(*np.meshgrid(r, r, indexing="ij"))


def distance_band(band_m: float, cell: float) -> np.ndarray:
    """Binary weights: 1 for every cell whose centre is within ``band_m`` (inclusive), self included.

    The 1e-9 tolerance makes a band of exactly one cell width include the four edge neighbours,
    as libpysal's ``DistanceBand`` (a KD-tree ``<=`` query) does despite float noise.
    """
    radius = int(np.floor(band_m / cell + 1e-9))
    return (offset_distances(radius) * cell <= band_m + 1e-9).astype(float)


def queen() -> np.ndarray:
    """Queen contiguity plus the cell itself (the 'star' self-weight of Gi*)."""
    return np.ones((3, 3))


def quartic(bandwidth_m: float, cell: float) -> np.ndarray:
    """Quartic (biweight) kernel, normalised to sum 1 over the discrete offsets."""
    radius = max(int(np.ceil(bandwidth_m / cell)), 1)
    u = offset_distances(radius) * cell / bandwidth_m
    k = np.where(u < 1, (1 - u**2) ** 2, 0.0)
    if k.sum() == 0:  # bandwidth narrower than half a cell: all mass stays in the cell
        k[radius, radius] = 1.0
    return k / k.sum()


def gaussian(sigma_m: float, cell: float, truncate: float = 4.0) -> np.ndarray:
    """Gaussian kernel with standard deviation ``sigma_m``, cut at ``truncate`` sigmas, sum 1."""
    radius = max(int(np.ceil(truncate * sigma_m / cell)), 1)
    d = offset_distances(radius) * cell
    k = np.exp(-0.5 * (d / sigma_m) ** 2)
    k[d > truncate * sigma_m] = 0.0
    return k / k.sum()


def convolve(raster: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Sum of ``kernel``-weighted neighbours for every cell, zero beyond the raster edge.

    Kernels here are symmetric, so correlation and convolution agree.
    """
    from scipy import ndimage, signal  # imported when used: a web process seldom convolves

    raster = np.asarray(raster, float)
    if kernel.size <= _DIRECT_LIMIT:
        return ndimage.correlate(raster, kernel, mode="constant", cval=0.0)
    # FFT rounding leaves ~1e-17 negatives where the true sum is 0; counts and risks cannot be.
    out = signal.fftconvolve(raster, kernel[::-1, ::-1], mode="same")
    return np.clip(out, 0.0, None) if (raster >= 0).all() and (kernel >= 0).all() else out
