"""Thin adapter from crimes in the database to the numeric kernels in watchkeeper.analysis (grid,
KDE, Gi* with FDR, BJP/SEPP forecasts, top cells). No writes here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import shapely
from shapely.geometry import shape

from watchkeeper.analysis import Grid, bjp, build_grid, gistar, kde, sepp, to_metres, top_cells
from watchkeeper.analysis.evaluate import Settings
from watchkeeper.analysis.grid import BRITISH_NATIONAL_GRID
from watchkeeper.analysis.sepp import SeppParams
from watchkeeper.core.models import Ward
from watchkeeper.intel.crime import rules

KDE_CLASSES = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]
HOT, COLD = "#c0392b", "#2c7bb6"
MAX_CELLS = 250_000


class HotspotError(ValueError):
    """Not enough data, or an area too large for the cell size: the person can change the request."""


@dataclass
class Surface:
    grid: Grid
    values: np.ndarray
    ids: np.ndarray
    colours: list[str]
    label: str
    events: int

    def geojson(self) -> dict:
        collection = self.grid.geojson({"value": self.values}, ids=self.ids)
        for feature, colour in zip(collection["features"], self.colours, strict=True):
            feature["properties"]["colour"] = colour
        return collection

    def rows(self) -> list[dict]:
        lon, lat = self.grid.centres_lonlat(self.ids)
        flat = self.values.ravel()
        return [
            {
                "cell_id": int(c),
                "lat": float(lat[i]),
                "lon": float(lon[i]),
                "value": float(flat[c]),
                "colour": self.colours[i],
            }
            for i, c in enumerate(self.ids)
        ]


def points(qs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Metric x, y (British National Grid) and month of every located crime in `qs`."""
    rows = list(qs.filter(no_location=False).values_list("lon", "lat", "month"))
    if not rows:
        return np.zeros(0), np.zeros(0), np.zeros(0, dtype=object)
    lon, lat, month = zip(*rows, strict=True)
    x, y = to_metres(np.array(lon), np.array(lat))
    return x, y, np.array(month, dtype=object)


def study_area(partnership, x: np.ndarray, y: np.ndarray, cell: float) -> shapely.Geometry:
    """The partnership's wards (in metres) when it has boundaries, else the events' hull plus half a cell."""
    boundaries = list(Ward.objects.filter(district__partnership=partnership).values_list("boundary", flat=True))
    if boundaries:
        union = shapely.union_all([shape(b) for b in boundaries])
        return shapely.transform(union, lambda xy: np.column_stack(to_metres(xy[:, 0], xy[:, 1])))
    if x.size < 3:
        raise HotspotError("Too few located crimes to draw a map: widen the period or category.")
    return shapely.MultiPoint(np.column_stack([x, y])).convex_hull.buffer(cell / 2)


def grid_for(partnership, x, y, cell: float) -> Grid:
    area = study_area(partnership, x, y, cell)
    xmin, ymin, xmax, ymax = area.bounds
    if (xmax - xmin) * (ymax - ymin) / cell**2 > MAX_CELLS:
        raise HotspotError(f"The area is too large for {cell:g} m cells: choose a larger cell or a district.")
    return build_grid(None, None, BRITISH_NATIONAL_GRID, cell, area=area)


def kde_surface(partnership, qs, cell: float = 100.0, bandwidth_m: float = 200.0, top: int = 400) -> Surface:
    """Quartic KDE; the `top` densest cells are returned, coloured in five equal-count classes."""
    x, y, _ = points(qs)
    if x.size == 0:
        raise HotspotError("No located crimes in this selection.")
    grid = grid_for(partnership, x, y, cell)
    values = kde(grid, x, y, bandwidth_m=bandwidth_m)
    flat = np.nan_to_num(values.ravel(), nan=0.0)
    ids = np.argsort(-flat, kind="stable")[:top]
    ids = ids[flat[ids] > 0]
    ranks = np.arange(ids.size)
    colours = [KDE_CLASSES[len(KDE_CLASSES) - 1 - int(r * len(KDE_CLASSES) / max(ids.size, 1))] for r in ranks]
    return Surface(grid, values, ids, colours, f"KDE, {bandwidth_m:g} m quartic, crimes per km²", int(x.size))


def gistar_surface(partnership, qs, cell: float = 100.0, band_m: float | None = None, alpha: float = 0.05) -> Surface:
    """Gi* on cell counts; only cells significant after Benjamini-Hochberg FDR control are returned."""
    x, y, _ = points(qs)
    if x.size == 0:
        raise HotspotError("No located crimes in this selection.")
    grid = grid_for(partnership, x, y, cell)
    result = gistar(grid, grid.counts(x, y), band_m=band_m, alpha=alpha, fdr=True)
    hot, cold = result.hot_ids(), result.cold_ids()
    ids = np.concatenate([hot, cold])
    colours = [HOT] * hot.size + [COLD] * cold.size
    return Surface(grid, result.z, ids, colours, f"Gi* z-score, FDR {alpha:g}", int(x.size))


FORECAST_SETTINGS = Settings()


def _mid_month_days(month: date) -> float:
    nxt = rules.add_months(month, 1)
    return (nxt - month).days / 2.0


def forecast(method: str, partnership, qs, origin: date, days: int, cell: float = 100.0) -> tuple[Grid, np.ndarray]:
    """Risk raster for [origin, origin + days) from crimes before the origin: 'bjp' or 'sepp'.

    police.uk months carry no day, so each crime is placed mid-month (as the kernels' evaluation does).
    """
    x, y, months = points(qs.filter(month__lt=origin.replace(day=1)))
    if x.size == 0:
        raise HotspotError("No located crimes before the tasking period to forecast from.")
    grid = grid_for(partnership, x, y, cell)
    if method == "bjp":
        ages = np.array([((origin - m).days - _mid_month_days(m)) / 7.0 for m in months])
        # The space-time BJP with a long-term background, as chosen on validation months by the
        # evaluation harness (analysis.evaluate.Settings), not the classic defaults.
        return grid, bjp(grid, x, y, ages, FORECAST_SETTINGS.bjp)
    if method == "sepp":
        first = min(months)
        last = origin.replace(day=1)
        n_bins = rules.months_between(first, last) - 1
        bins = np.array([rules.months_between(first, m) - 1 for m in months])
        row, col, inside = grid.rowcol(x, y)
        stack = np.zeros((max(n_bins, 1), grid.ny, grid.nx))
        np.add.at(stack, (bins[inside], row[inside], col[inside]), 1.0)
        horizon = max(int(round(days / 30.44)), 1)
        return grid, sepp(grid, stack, horizon, SeppParams(max_lag_bins=6))
    raise HotspotError(f"Unknown method {method!r}: choose bjp or sepp.")


def tasking_cells(method: str, partnership, qs, origin: date, days: int, k: int = 20) -> list[dict]:
    grid, risk = forecast(method, partnership, qs, origin, days)
    return top_cells(grid, risk, k)
