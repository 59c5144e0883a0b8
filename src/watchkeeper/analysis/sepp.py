"""Grid self-exciting point process (Mohler, Short, Brantingham, Schoenberg & Tita 2011, "Self-
exciting point process modeling of crime", JASA 106(493)), fitted by expectation-maximisation.

Events are counted into cells ``c`` and time bins ``k`` (days, or months for police.uk data that
has nothing finer). The expected count is

    lambda[k, c] = mu[c] + theta * sum_{l=1..L} h(l) * sum_d g(d) * N[k - l, c - d]

a background rate per cell plus offspring of earlier events: ``theta`` offspring per event,
spread over later bins by a geometric (discrete exponential) ``h`` and over cells by an
isotropic Gaussian ``g``. Events in the same bin cannot trigger each other: at bin resolution
their order is unknown. The EM step is the usual branching-structure one, done on whole
rasters: the share of each count owed to the background is mu/lambda, the rest to triggering,
and every attribution sum is a convolution, so one iteration costs a few FFTs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .grid import Grid
from .kernels import gaussian, offset_distances


@dataclass(frozen=True)
class SeppParams:
    """Fitting limits; the fitted values are in ``SeppFit``."""

    max_lag_bins: int = 6
    iterations: int = 30
    # Smoothing the background helped nothing on 100 m cells in validation: 25 m keeps it per cell.
    background_sigma_m: float = 25.0
    initial_sigma_m: float = 150.0
    max_sigma_m: float = 600.0
    max_theta: float = 0.95
    # "em": a free background rate per cell, fitted by EM (Mohler et al.). "kde": the background's
    # shape is a Gaussian KDE (sigma ``background_sigma_m``) of the whole training window, each bin
    # weighted 0.5 ** (age / background_half_life_bins) (None: alike); EM fits only its level.
    background: str = "em"
    background_half_life_bins: float | None = None


@dataclass(frozen=True)
class SeppFit:
    mu: np.ndarray  # background events per bin per cell
    theta: float
    omega: float  # decay per bin: h(l) proportional to exp(-omega * l)
    sigma_cells: float
    iterations: int
    params: SeppParams


def _lag_kernel(omega: float, max_lag: int) -> np.ndarray:
    """h(0..L) with h(0) = 0 (no same-bin triggering) and sum 1 over 1..L."""
    lags = np.arange(max_lag + 1)
    h = np.exp(-omega * lags)
    h[0] = 0.0
    return h / h.sum()


def _space_kernels(sigma_cells: float, max_sigma_cells: float) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian g over cell offsets (sum 1) and g weighted by squared offset, for the sigma update."""
    radius = max(int(np.ceil(3 * max(sigma_cells, 0.5))), 1)
    radius = min(radius, int(np.ceil(3 * max_sigma_cells)))
    d = offset_distances(radius)
    g = np.exp(-0.5 * (d / sigma_cells) ** 2)
    g /= g.sum()
    return g, g * d**2


def _smooth(stack: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Convolve each time slice with a spatial kernel (FFT over the two spatial axes only)."""
    from scipy import signal  # imported when used: a web process seldom convolves

    return np.clip(signal.fftconvolve(stack, kernel[None], mode="same", axes=(1, 2)), 0.0, None)


def _triggered(spread: np.ndarray, h: np.ndarray, horizon: int = 0) -> np.ndarray:
    """sum_l h(l) * spread[k - l] for every bin k (and ``horizon`` bins past the end)."""
    k_bins = spread.shape[0]
    out = np.zeros((k_bins + horizon,) + spread.shape[1:])
    for lag in range(1, len(h)):
        if lag < k_bins + horizon:
            out[lag : lag + k_bins] += h[lag] * spread[: k_bins + horizon - lag]
    return out


def fit_sepp(grid: Grid, counts: np.ndarray, params: SeppParams = SeppParams()) -> SeppFit:
    """Fit the process to ``counts`` of shape ``(bins, ny, nx)``, oldest bin first."""
    counts = np.where(grid.mask[None], np.asarray(counts, float), 0.0)
    k_bins = counts.shape[0]
    background_kernel = gaussian(params.background_sigma_m, grid.cell)
    shape = None
    if params.background == "kde":
        age = k_bins - np.arange(k_bins) - 0.5
        w = (
            np.ones(k_bins)
            if params.background_half_life_bins is None
            else 0.5 ** (age / params.background_half_life_bins)
        )
        shape = _smooth(np.tensordot(w, counts, axes=1)[None], background_kernel)[0] * grid.mask
        shape = shape / shape.sum() if shape.sum() > 0 else grid.mask / max(grid.mask.sum(), 1)
        mu = shape * counts.sum() / k_bins * 0.5
    elif params.background == "em":
        mu = _smooth(counts.sum(axis=0)[None], background_kernel)[0] / k_bins * 0.5 * grid.mask
    else:
        raise ValueError(f"unknown background {params.background!r}; choose em or kde")
    theta, omega = 0.3, 0.5
    sigma = params.initial_sigma_m / grid.cell
    max_sigma = params.max_sigma_m / grid.cell
    L = min(params.max_lag_bins, max(k_bins - 1, 1))
    per_bin = counts.sum(axis=(1, 2))
    done = 0
    for done in range(1, params.iterations + 1):  # noqa: B007 -- the count is reported
        h = _lag_kernel(omega, L)
        g, g_d2 = _space_kernels(sigma, max_sigma)
        trig = _triggered(_smooth(counts, g), h)
        lam = mu[None] + theta * trig
        q = np.divide(counts, lam, out=np.zeros_like(counts), where=counts > 0)
        # E-step shares, M-step updates: background, then offspring count, timing and spread.
        background = mu * q.sum(axis=0)
        if shape is None:
            mu_new = _smooth(background[None], background_kernel)[0] / k_bins * grid.mask
        else:
            mu_new = shape * background.sum() / k_bins
        spread = _smooth(counts, g)
        by_lag = np.array(
            [theta * h[lag] * (q[lag:] * spread[: k_bins - lag]).sum() if lag < k_bins else 0.0 for lag in range(L + 1)]
        )
        total = by_lag.sum()
        if total <= 0:
            theta, mu = 0.0, mu_new
            break
        second = theta * (q * _triggered(_smooth(counts, g_d2), h)).sum()
        available = np.array([h[1 : min(k_bins - 1 - k, L) + 1].sum() for k in range(k_bins)])
        theta_new = min(total / max((per_bin * available).sum(), 1e-12), params.max_theta)
        mean_lag = max((np.arange(L + 1) * by_lag).sum() / total, 1.0 + 1e-6)
        omega = float(-np.log(1.0 - 1.0 / mean_lag))
        sigma = float(np.clip(np.sqrt(second / (2.0 * total)), 0.3, max_sigma))
        converged = abs(theta_new - theta) < 1e-5 and np.abs(mu_new - mu).max() < 1e-7
        theta, mu = float(theta_new), mu_new
        if converged:
            break
    return SeppFit(mu=mu, theta=theta, omega=omega, sigma_cells=sigma, iterations=done, params=params)


def forecast_sepp(grid: Grid, counts: np.ndarray, fit: SeppFit, horizon_bins: int = 1) -> np.ndarray:
    """Expected events per cell over the next ``horizon_bins`` bins after ``counts`` ends.

    Offspring of events inside the horizon are left out: they are not yet known at the origin
    and would add little to the ranking.
    """
    counts = np.where(grid.mask[None], np.asarray(counts, float), 0.0)
    k_bins = counts.shape[0]
    L = min(fit.params.max_lag_bins, max(k_bins - 1, 1))
    h = _lag_kernel(fit.omega, L)
    g, _ = _space_kernels(fit.sigma_cells, fit.params.max_sigma_m / grid.cell)
    future = _triggered(_smooth(counts, g), h, horizon_bins)[k_bins:]
    risk = horizon_bins * fit.mu + fit.theta * future.sum(axis=0)
    return np.where(grid.mask, risk, np.nan)


def sepp(grid: Grid, counts: np.ndarray, horizon_bins: int = 1, params: SeppParams = SeppParams()) -> np.ndarray:
    """Fit on ``counts`` (bins, ny, nx) and forecast the next ``horizon_bins``: the risk raster."""
    return forecast_sepp(grid, counts, fit_sepp(grid, counts, params), horizon_bins)
