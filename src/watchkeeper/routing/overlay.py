"""Temporary road closures and speed changes (a cordon, roadworks, a march, flooding) applied on top
of the imported network without rebuilding it: an Overlay turns into a new weight array in O(E),
and the graph structure is shared untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform

from watchkeeper.routing.network import RoadNetwork, to_bng


@dataclass
class Overlay:
    """Closures and speed factors. A factor multiplies speed: 0.5 doubles the time along a road,
    0 closes it. Factors from an edge, its way and any areas it lies in multiply together.

    Areas are shapely geometries in WGS84 (x=lon, y=lat); an edge is in an area when its midpoint
    is, which is exact enough for cordons drawn on a map at street scale.
    """

    closed_edges: set[int] = field(default_factory=set)
    closed_ways: set[int] = field(default_factory=set)
    edge_factors: dict[int, float] = field(default_factory=dict)
    way_factors: dict[int, float] = field(default_factory=dict)
    area_factors: list[tuple[BaseGeometry, float]] = field(default_factory=list)
    # Weights already worked out, per network: a standing overlay (the closures in force) is
    # applied to many searches. Every change below clears it.
    _weights: dict = field(default_factory=dict, repr=False, compare=False)

    def close_edge(self, edge: int) -> Overlay:
        self.closed_edges.add(int(edge))
        self._weights.clear()
        return self

    def close_way(self, way_id: int) -> Overlay:
        """Close an OSM way in both directions along its whole length."""
        self.closed_ways.add(int(way_id))
        self._weights.clear()
        return self

    def slow_edge(self, edge: int, factor: float) -> Overlay:
        self.edge_factors[int(edge)] = _checked(factor)
        self._weights.clear()
        return self

    def slow_way(self, way_id: int, factor: float) -> Overlay:
        self.way_factors[int(way_id)] = _checked(factor)
        self._weights.clear()
        return self

    def slow_area(self, area_lonlat: BaseGeometry, factor: float) -> Overlay:
        """Change speed inside a polygon given in lon/lat (factor 0 closes every road inside)."""
        self.area_factors.append((area_lonlat, _checked(factor)))
        self._weights.clear()
        return self

    def weights(self, network: RoadNetwork) -> np.ndarray:
        """Travel seconds per forward edge with this overlay applied (inf where closed); worked out
        once per network and reused (treat the array as read-only)."""
        cached = self._weights.get(id(network))
        if cached is not None and cached[0] is network:
            return cached[1]
        weights = self._compute(network)
        weights.flags.writeable = False
        self._weights[id(network)] = (network, weights)
        return weights

    def _compute(self, network: RoadNetwork) -> np.ndarray:
        factor = np.ones(network.n_edges)
        if self.way_factors or self.closed_ways:
            ways = dict(self.way_factors)
            ways.update({way: 0.0 for way in self.closed_ways})
            keys = np.fromiter(ways, dtype=np.int64, count=len(ways))
            values = np.fromiter(ways.values(), dtype=float, count=len(ways))
            order = np.argsort(keys)
            position = np.clip(np.searchsorted(keys[order], network.way_id), 0, len(keys) - 1)
            hit = keys[order][position] == network.way_id
            factor[hit] *= values[order][position[hit]]
        for edge, value in self.edge_factors.items():
            factor[_edge_in(network, edge)] *= value
        for edge in self.closed_edges:
            factor[_edge_in(network, edge)] = 0.0
        if self.area_factors:
            mx, my = _edge_midpoints_bng(network)
            for area, value in self.area_factors:
                inside = shapely.contains_xy(_area_to_bng(area), mx, my)
                factor[inside] *= value
        with np.errstate(divide="ignore"):
            return np.where(factor > 0, network.seconds / np.where(factor > 0, factor, 1.0), np.inf)

    def __bool__(self) -> bool:
        return bool(self.closed_edges or self.closed_ways or self.edge_factors or self.way_factors or self.area_factors)


def _checked(factor: float) -> float:
    factor = float(factor)
    if not (factor >= 0 and np.isfinite(factor)):
        raise ValueError(f"a speed factor must be 0 (closed) or more, not {factor}")
    return factor


def _edge_in(network: RoadNetwork, edge: int) -> int:
    if not 0 <= edge < network.n_edges:
        raise ValueError(f"edge {edge} is not in this network (it has {network.n_edges} edges)")
    return edge


def _edge_midpoints_bng(network: RoadNetwork) -> tuple[np.ndarray, np.ndarray]:
    x, y = network.bng
    return (x[network.tails] + x[network.heads]) / 2, (y[network.tails] + y[network.heads]) / 2


def _area_to_bng(area: BaseGeometry) -> BaseGeometry:
    return transform(lambda lon, lat, z=None: to_bng(lat, lon), area)
