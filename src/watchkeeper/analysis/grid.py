"""Regular square grids over a study area, in metres, for hotspot and forecast surfaces.

Every surface in this package is a 2-D numpy array of shape ``(ny, nx)`` aligned with a
``Grid``: row 0 is the southern-most row, column 0 the western-most. Cells outside the study
area are kept in the raster (so convolutions stay simple) but masked out by ``grid.mask``; their
``area`` is 0, so anything that sums area (PAI's area share) only counts the study area.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pyproj
import shapely
from shapely.geometry import box, mapping

BRITISH_NATIONAL_GRID = "EPSG:27700"
WGS84 = "EPSG:4326"


@lru_cache(maxsize=16)
def metres_per_unit(crs: str) -> float:
    """Length of one CRS axis unit in metres (0.3048 for EPSG:2913's international feet)."""
    return float(pyproj.CRS(crs).axis_info[0].unit_conversion_factor)


@lru_cache(maxsize=16)
def _transformer(src: str, dst: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(src, dst, always_xy=True)


def to_metres(lon: np.ndarray, lat: np.ndarray, crs: str = BRITISH_NATIONAL_GRID) -> tuple[np.ndarray, np.ndarray]:
    """Project WGS84 lon/lat to ``crs`` and scale to metres (grids are always built in metres)."""
    x, y = _transformer(WGS84, crs).transform(np.asarray(lon, float), np.asarray(lat, float))
    k = metres_per_unit(crs)
    return np.asarray(x) * k, np.asarray(y) * k


def native_to_metres(x: np.ndarray, y: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Scale coordinates given in ``crs`` native units (e.g. US/intl feet) to metres."""
    k = metres_per_unit(crs)
    return np.asarray(x, float) * k, np.asarray(y, float) * k


def to_lonlat(x_m: np.ndarray, y_m: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of ``to_metres``: metric grid coordinates back to WGS84 lon/lat."""
    k = metres_per_unit(crs)
    lon, lat = _transformer(crs, WGS84).transform(np.asarray(x_m, float) / k, np.asarray(y_m, float) / k)
    return np.asarray(lon), np.asarray(lat)


@dataclass(frozen=True, eq=False)
class Grid:
    """A raster of square cells; ``x0, y0`` is the south-west corner of cell (0, 0), in metres."""

    x0: float
    y0: float
    cell: float
    nx: int
    ny: int
    crs: str
    area: np.ndarray = field(repr=False)  # (ny, nx) square metres of each cell inside the study area

    @property
    def shape(self) -> tuple[int, int]:
        return (self.ny, self.nx)

    @property
    def mask(self) -> np.ndarray:
        """Cells that belong to the study area (any positive clipped area)."""
        return self.area > 0

    @property
    def cell_ids(self) -> np.ndarray:
        """Raster ids (``row * nx + col``) of study-area cells, ascending."""
        return np.flatnonzero(self.mask.ravel())

    @property
    def study_area_m2(self) -> float:
        return float(self.area.sum())

    def rowcol(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Row and column of each point, and whether it lands in a study-area cell."""
        col = np.floor((np.asarray(x, float) - self.x0) / self.cell).astype(np.int64)
        row = np.floor((np.asarray(y, float) - self.y0) / self.cell).astype(np.int64)
        inside = (col >= 0) & (col < self.nx) & (row >= 0) & (row < self.ny)
        inside[inside] = self.mask[row[inside], col[inside]]
        return row, col, inside

    def counts(self, x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """Events per cell as a float raster; points outside the study area are ignored."""
        row, col, inside = self.rowcol(x, y)
        w = None if weights is None else np.asarray(weights, float)[inside]
        flat = np.bincount(row[inside] * self.nx + col[inside], weights=w, minlength=self.nx * self.ny)
        return flat.reshape(self.shape).astype(float)

    def centres(self, ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Metric centres of the given raster ids (default: all study-area cells)."""
        ids = self.cell_ids if ids is None else np.asarray(ids)
        row, col = np.divmod(ids, self.nx)
        return self.x0 + (col + 0.5) * self.cell, self.y0 + (row + 0.5) * self.cell

    def centres_lonlat(self, ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        return to_lonlat(*self.centres(ids), self.crs)

    def cell_box(self, cell_id: int) -> shapely.Polygon:
        row, col = divmod(int(cell_id), self.nx)
        x, y = self.x0 + col * self.cell, self.y0 + row * self.cell
        return box(x, y, x + self.cell, y + self.cell)

    def geojson(
        self,
        values: dict[str, np.ndarray] | None = None,
        ids: np.ndarray | None = None,
        area: shapely.Geometry | None = None,
    ) -> dict:
        """GeoJSON FeatureCollection of cell polygons in WGS84, with per-cell ``values`` rasters.

        Pass the study ``area`` polygon (metres) to return clipped cell shapes along the boundary.
        """
        ids = self.cell_ids if ids is None else np.asarray(ids)
        k = metres_per_unit(self.crs)
        project = _transformer(self.crs, WGS84).transform
        features = []
        for cid in ids:
            poly = self.cell_box(cid)
            if area is not None:
                poly = poly.intersection(area)
            lonlat = shapely.transform(poly, lambda xy: np.column_stack(project(xy[:, 0] / k, xy[:, 1] / k)))
            props = {"cell_id": int(cid), "area_m2": float(self.area.flat[cid])}
            for name, raster in (values or {}).items():
                props[name] = float(np.asarray(raster).flat[cid])
            features.append({"type": "Feature", "geometry": mapping(lonlat), "properties": props})
        return {"type": "FeatureCollection", "features": features}


def build_grid(
    x: np.ndarray,
    y: np.ndarray,
    crs: str,
    cell: float = 100.0,
    area: shapely.Geometry | None = None,
    margin: float = 0.0,
) -> Grid:
    """Grid of ``cell``-metre squares covering the points (or ``area``, metres, when given).

    With ``area``, each cell's ``area`` is its overlap with the polygon, so coverage and PAI use
    the study area rather than the bounding box; points outside it are ignored downstream.
    The origin is snapped to a multiple of ``cell`` so grids over the same region line up.
    """
    if area is not None:
        xmin, ymin, xmax, ymax = area.bounds
    else:
        x, y = np.asarray(x, float), np.asarray(y, float)
        if x.size == 0:
            raise ValueError("cannot build a grid over zero points and no area")
        xmin, ymin, xmax, ymax = x.min(), y.min(), x.max(), y.max()
    x0 = np.floor((xmin - margin) / cell) * cell
    y0 = np.floor((ymin - margin) / cell) * cell
    nx = int(np.floor((xmax + margin - x0) / cell)) + 1
    ny = int(np.floor((ymax + margin - y0) / cell)) + 1
    cell_area = np.full((ny, nx), cell * cell)
    if area is not None:
        cell_area = _clipped_areas(area, x0, y0, cell, nx, ny)
    return Grid(float(x0), float(y0), float(cell), nx, ny, crs, cell_area)


def _clipped_areas(area: shapely.Geometry, x0: float, y0: float, cell: float, nx: int, ny: int) -> np.ndarray:
    """Overlap of every cell with ``area``; cells wholly inside skip the exact intersection."""
    cols, rows = np.meshgrid(np.arange(nx), np.arange(ny))
    xs, ys = x0 + cols.ravel() * cell, y0 + rows.ravel() * cell
    boxes = shapely.box(xs, ys, xs + cell, ys + cell)
    shapely.prepare(area)
    out = np.zeros(nx * ny)
    touching = shapely.intersects(area, boxes)
    inside = touching & shapely.contains_properly(area, boxes)
    out[inside] = cell * cell
    edge = touching & ~inside
    out[edge] = shapely.area(shapely.intersection(boxes[edge], area))
    return out.reshape(ny, nx)
