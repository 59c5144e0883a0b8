"""Response coverage (which streets some available unit can reach within T minutes) and the road
network as GeoJSON for the offline map layer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from scipy.sparse.csgraph import dijkstra

from watchkeeper.routing.network import DEFAULT_MAX_SNAP_M, RoadNetwork
from watchkeeper.routing.overlay import Overlay

MAJOR_CLASSES = frozenset(
    {
        "motorway",
        "motorway_link",
        "trunk",
        "trunk_link",
        "primary",
        "primary_link",
        "secondary",
        "secondary_link",
    }
)
_DECIMALS = 6  # about 0.1 m: plenty for a map, and keeps the JSON small


@dataclass
class Coverage:
    """Coverage of the street network within `minutes` by the units that could be snapped.

    segment_fraction holds, for each undirected street segment, the share of its length a unit can
    reach in time. A segment is driven into from whichever end(s) can be reached: from an end reached
    with s seconds to spare a unit gets s seconds' driving along it, so a long street can be
    covered from both ends yet still have an unreached middle ("partial"). One-way streets are only
    covered in their legal direction.
    """

    minutes: float
    seconds: np.ndarray  # per node: quickest time from any unit (inf beyond the limit)
    segment_fraction: np.ndarray
    segment_length_m: np.ndarray
    segment_edge: np.ndarray  # one forward edge per segment, to draw it
    units_used: int

    @property
    def covered_share(self) -> float:
        """Share of total road length (each street counted once, not per direction) covered."""
        total = self.segment_length_m.sum()
        return float((self.segment_fraction * self.segment_length_m).sum() / total) if total else 0.0

    def geojson(self, network: RoadNetwork) -> dict:
        """FeatureCollection with one MultiLineString each for covered, partial and uncovered roads."""
        status = np.where(
            self.segment_fraction >= 1.0,
            "covered",
            np.where(self.segment_fraction > 0, "partial", "uncovered"),
        )
        features = []
        for name in ("covered", "partial", "uncovered"):
            edges = self.segment_edge[status == name]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"coverage": name, "minutes": self.minutes, "segments": int(len(edges))},
                    "geometry": {"type": "MultiLineString", "coordinates": _edge_lines(network, edges)},
                }
            )
        return {"type": "FeatureCollection", "features": features}


def coverage(
    network: RoadNetwork,
    units: Iterable[tuple[float, float]],
    minutes: float,
    overlay: Overlay | None = None,
    max_snap_m: float = DEFAULT_MAX_SNAP_M,
) -> Coverage:
    """Which roads the given unit positions (lat, lon) can reach within `minutes`, in one
    multi-source search (units beyond max_snap_m of the network are left out)."""
    units = list(units)
    limit = float(minutes) * 60.0
    weights = network.seconds if not overlay else overlay.weights(network)
    snaps = [s for s in network.snap_many([u[0] for u in units], [u[1] for u in units], max_snap_m) if s]
    seconds = np.full(network.n_nodes, np.inf)
    if snaps:
        sources = np.unique([s.node for s in snaps])
        seconds = dijkstra(network.graph(weights), indices=sources, min_only=True, limit=limit)
    spare = np.clip(limit - seconds[network.tails], 0.0, None)
    with np.errstate(invalid="ignore", divide="ignore"):
        reach = np.where(np.isfinite(weights), np.minimum(spare / weights, 1.0), 0.0)
    segment, n_segments = network.segment
    fraction = np.minimum(np.bincount(segment, weights=reach, minlength=n_segments), 1.0)
    length = np.zeros(n_segments)
    np.maximum.at(length, segment, network.length_m)
    first_edge = np.full(n_segments, -1, dtype=np.int64)
    first_edge[segment[::-1]] = np.arange(network.n_edges)[::-1]
    return Coverage(float(minutes), seconds, fraction, length, first_edge, len(snaps))


def _edge_lines(network: RoadNetwork, edges: np.ndarray) -> list:
    lat = np.round(network.lat, _DECIMALS)
    lon = np.round(network.lon, _DECIMALS)
    tails, heads = network.tails[edges], network.heads[edges]
    return [[[float(lon[t]), float(lat[t])], [float(lon[h]), float(lat[h])]] for t, h in zip(tails, heads, strict=True)]


def network_geojson(network: RoadNetwork, classes: Iterable[str] | None = None, major_only: bool = False) -> dict:
    """The road network as a GeoJSON FeatureCollection for the offline map layer.

    One feature per (road class, street name) with segments merged into the longest lines shapely
    can make, so the layer is a few hundred kilobytes rather than one feature per segment. Limit it
    with classes=... or major_only=True (A and B roads) for small zoom levels.
    """
    wanted = set(MAJOR_CLASSES if major_only else classes or network.road_classes)
    class_ok = np.array([c in wanted for c in network.road_classes] + [False])
    segment, n_segments = network.segment
    first_edge = np.full(n_segments, -1, dtype=np.int64)
    first_edge[segment[::-1]] = np.arange(network.n_edges)[::-1]
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for edge in first_edge[class_ok[network.class_index[first_edge]]]:
        groups[(int(network.class_index[edge]), int(network.name_index[edge]))].append(int(edge))
    features = []
    for (class_index, name_index), edges in sorted(groups.items()):
        merged = shapely.line_merge(shapely.MultiLineString(_edge_lines(network, np.array(edges))))
        lines = [merged] if merged.geom_type == "LineString" else list(merged.geoms)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "class": network.road_classes[class_index],
                    "name": network.names[name_index] if name_index >= 0 else None,
                    "major": network.road_classes[class_index] in MAJOR_CLASSES,
                },
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": [[list(xy) for xy in line.coords] for line in lines],
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "attribution": network.metadata.get("attribution"),
    }
