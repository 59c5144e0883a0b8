"""Naming a hotspot the way an officer would: the street (nearest named road on the network) and ward."""

from __future__ import annotations

import functools
from pathlib import Path

from watchkeeper.core import geo, roads

BUNDLED = Path(__file__).resolve().parents[2] / "demo" / "data" / "camden-network.npz"


@functools.lru_cache(maxsize=2)
def _network(path: str):
    from watchkeeper.routing import RoadNetwork

    return RoadNetwork.load(path)  # not contracted: naming needs only nodes, edges and names


def network():
    path = roads.active_path() or (BUNDLED if BUNDLED.exists() else None)
    return _network(str(path)) if path else None


def street_at(lat: float, lon: float) -> str:
    """The named road nearest the point (among the 12 nearest junctions within 250 m), or "" when
    there is none or no network is loaded."""
    net = network()
    if net is None:
        return ""
    x, y = geo.to_bng(lat, lon)
    distances, nodes = net._tree.query([x, y], k=12, distance_upper_bound=250)
    for distance, node in zip(distances, nodes, strict=True):
        if distance == float("inf"):
            break
        for edge in range(int(net.indptr[node]), int(net.indptr[node + 1])):
            if net.name_index[edge] >= 0:
                return net.names[net.name_index[edge]]
    return ""


def ward_at(partnership_id: int, lat: float, lon: float) -> int | None:
    return geo.ward_index(partnership_id).ward_at(lat, lon)
