"""The drivable road network as compact arrays: a CSR adjacency (tail node -> head node) with one
travel time per directed edge, node coordinates in WGS84 and British National Grid, and per-edge
way id, street name and road class so routes and closures can be described in OSM terms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pyproj import Transformer
from scipy.sparse import csr_matrix
from scipy.spatial import cKDTree

FORMAT_VERSION = 1
# Beyond this a point is not "on" the network (a park, a railway yard, the wrong borough): the
# caller falls back to a straight-line estimate instead of trusting a far-fetched road time.
DEFAULT_MAX_SNAP_M = 250.0

_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def to_bng(lat, lon) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 degrees to British National Grid eastings/northings in metres (EPSG:27700)."""
    x, y = _TO_BNG.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


class Snap(NamedTuple):
    """A point attached to the network: the nearest node and how far away it was (metres)."""

    node: int
    distance_m: float


@dataclass(eq=False)
class RoadNetwork:
    """A directed travel-time graph. Edge arrays are aligned with CSR order (edges sorted by tail)."""

    lat: np.ndarray  # float64, one per node
    lon: np.ndarray
    indptr: np.ndarray  # int32, n_nodes + 1
    heads: np.ndarray  # int32, one per edge
    length_m: np.ndarray  # float64
    speed_kph: np.ndarray  # float64
    way_id: np.ndarray  # int64, OSM way each edge came from
    name_index: np.ndarray  # int32 into names (-1: unnamed)
    class_index: np.ndarray  # uint8 into road_classes
    names: list[str]
    road_classes: list[str]
    metadata: dict = field(default_factory=dict)
    _free_flow_search: object = field(default=None, repr=False, compare=False)
    _overlay_search: object = field(default=None, repr=False, compare=False)

    @property
    def n_nodes(self) -> int:
        return len(self.lat)

    @property
    def n_edges(self) -> int:
        return len(self.heads)

    @cached_property
    def seconds(self) -> np.ndarray:
        """Free-flow travel time of every directed edge, in seconds."""
        return self.length_m * 3.6 / self.speed_kph

    @cached_property
    def tails(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_nodes, dtype=np.int32), np.diff(self.indptr))

    @cached_property
    def bng(self) -> tuple[np.ndarray, np.ndarray]:
        """Node eastings and northings (metres): snapping and areas are measured on the grid."""
        return to_bng(self.lat, self.lon)

    @cached_property
    def reverse(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The transposed CSR (indptr, heads, forward edge index per reversed edge).

        Searching the reversed graph from an incident gives every unit's time *to* the incident in
        one pass; the edge map lets an overlay's forward weights be reordered in O(E).
        """
        order = np.argsort(self.heads, kind="stable")
        counts = np.bincount(self.heads, minlength=self.n_nodes)
        indptr = np.zeros(self.n_nodes + 1, dtype=np.int32)
        np.cumsum(counts, out=indptr[1:])
        return indptr, self.tails[order].astype(np.int32), order.astype(np.int64)

    @cached_property
    def segment(self) -> tuple[np.ndarray, int]:
        """Undirected street segment id per edge (both directions of a two-way street share one)."""
        lo = np.minimum(self.tails, self.heads).astype(np.int64)
        hi = np.maximum(self.tails, self.heads).astype(np.int64)
        ids, inverse = np.unique(lo * self.n_nodes + hi, return_inverse=True)
        return inverse.astype(np.int64), len(ids)

    @cached_property
    def _tree(self) -> cKDTree:
        x, y = self.bng
        return cKDTree(np.column_stack([x, y]))

    def snap(self, lat: float, lon: float, max_distance_m: float = DEFAULT_MAX_SNAP_M) -> Snap | None:
        """The nearest network node to a point, or None when it is further than max_distance_m."""
        snaps = self.snap_many([lat], [lon], max_distance_m)
        return snaps[0]

    def snap_many(self, lats, lons, max_distance_m: float = DEFAULT_MAX_SNAP_M) -> list[Snap | None]:
        """Snap a list of points (one cKDTree query); None for each point too far from any road."""
        nodes, distances = self.nearest_nodes(lats, lons)
        return [Snap(int(n), float(d)) if d <= max_distance_m else None for n, d in zip(nodes, distances, strict=True)]

    def nearest_nodes(self, lats, lons) -> tuple[np.ndarray, np.ndarray]:
        """Array form of snap without the distance cut-off: (node per point, metres to it)."""
        x, y = to_bng(np.asarray(lats, dtype=float), np.asarray(lons, dtype=float))
        distances, nodes = self.nearest_to_grid(x, y)
        return nodes, distances

    def nearest_to_grid(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        """(metres, node) of the nearest node to each British National Grid point."""
        distances, nodes = self._tree.query(np.column_stack([np.atleast_1d(x), np.atleast_1d(y)]))
        return np.asarray(distances, dtype=float), np.asarray(nodes, dtype=np.int64)

    def edge_label(self, edge: int) -> str:
        """A street name a despatcher would recognise, or the road class when the way is unnamed."""
        index = int(self.name_index[edge])
        return self.names[index] if index >= 0 else f"unnamed {self.road_classes[self.class_index[edge]]}"

    def save(self, path: str | Path, compact: bool = False) -> None:
        """Write the network to one .npz file. compact=True stores coordinates, lengths and speeds
        as float32 (sub-metre precision; about half the size) for the bundled demo network."""
        real = np.float32 if compact else np.float64
        meta = dict(self.metadata, format_version=FORMAT_VERSION)
        np.savez_compressed(
            path,
            lat=self.lat.astype(real),
            lon=self.lon.astype(real),
            indptr=self.indptr.astype(np.int32),
            heads=self.heads.astype(np.int32),
            length_m=self.length_m.astype(real),
            speed_kph=self.speed_kph.astype(real),
            way_id=self.way_id.astype(np.int64),
            name_index=self.name_index.astype(np.int32),
            class_index=self.class_index.astype(np.uint8),
            names=np.array(self.names, dtype=str),
            road_classes=np.array(self.road_classes, dtype=str),
            metadata=np.array(json.dumps(meta)),
        )

    @classmethod
    def load(cls, path: str | Path) -> RoadNetwork:
        """Read a network written by save(); arrays come back as float64/int32 whatever was stored."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["metadata"]))
            if meta.get("format_version") != FORMAT_VERSION:
                raise ValueError(f"{path}: network format {meta.get('format_version')} is not supported")
            return cls(
                lat=data["lat"].astype(np.float64),
                lon=data["lon"].astype(np.float64),
                indptr=data["indptr"].astype(np.int32),
                heads=data["heads"].astype(np.int32),
                length_m=data["length_m"].astype(np.float64),
                speed_kph=data["speed_kph"].astype(np.float64),
                way_id=data["way_id"].astype(np.int64),
                name_index=data["name_index"].astype(np.int32),
                class_index=data["class_index"].astype(np.uint8),
                names=[str(n) for n in data["names"]],
                road_classes=[str(c) for c in data["road_classes"]],
                metadata=meta,
            )

    @cached_property
    def chains(self):
        """The degree-2 chain contraction used by despatch searches (built once per network)."""
        from watchkeeper.routing.contraction import contract

        return contract(self.n_nodes, self.indptr, self.heads)

    def contracted(self, weights: np.ndarray | None = None):
        """A ContractedSearch for these weights (free-flow when None: built once and kept)."""
        from watchkeeper.routing.contraction import ContractedSearch

        if weights is None:
            if self._free_flow_search is None:
                self._free_flow_search = ContractedSearch(self.chains, self.seconds)
            return self._free_flow_search
        # The last overlay's search is kept: the same closures apply to every ranking until they
        # change, and an Overlay hands back the same (read-only) weights array until then.
        last = self._overlay_search
        if last is not None and last[0] is weights:
            return last[1]
        search = ContractedSearch(self.chains, weights)
        self._overlay_search = (weights, search)
        return search

    @cached_property
    def _free_flow_graphs(self) -> tuple[csr_matrix, csr_matrix]:
        # Built once: despatch without an overlay should not pay for re-wrapping the arrays.
        return self.graph(self.seconds), self.graph(self.seconds, reverse=True)

    def graph(self, weights: np.ndarray | None = None, reverse: bool = False) -> csr_matrix:
        """The network as a scipy sparse matrix of travel seconds, optionally transposed.

        weights (one per forward edge, e.g. from an Overlay) replace the free-flow times without
        touching the structure: only the data array is swapped, O(E).
        """
        if weights is None:
            return self._free_flow_graphs[reverse]
        if reverse:
            indptr, heads, forward_edge = self.reverse
            return csr_matrix((weights[forward_edge], heads, indptr), shape=(self.n_nodes, self.n_nodes))
        return csr_matrix((weights, self.heads, self.indptr), shape=(self.n_nodes, self.n_nodes))
