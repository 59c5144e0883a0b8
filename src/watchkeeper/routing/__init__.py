"""Road network import and travel-time engine for directed despatch (pure Python, no Django).

    network = build_network("camden.osm.pbf", progress=bar.update)   # or RoadNetwork.load(...)
    network.save("var/roads.npz")
    ranked = rank_units(network, (51.539, -0.142), [("CA-11", 51.55, -0.16), ...])
    path = route(network, (51.55, -0.16), (51.539, -0.142))
    cover = coverage(network, [(51.55, -0.16), ...], minutes=8)
    cover.covered_share, cover.geojson(network)

Closures and speed changes: pass overlay=Overlay().close_way(123).slow_area(polygon, 0.5).
"""

from watchkeeper.routing.coverage import Coverage, coverage, network_geojson
from watchkeeper.routing.engine import (
    Ranked,
    Route,
    rank_units,
    route,
    seconds_to,
    straight_line_seconds,
)
from watchkeeper.routing.network import DEFAULT_MAX_SNAP_M, RoadNetwork, Snap
from watchkeeper.routing.osm_import import ATTRIBUTION, NetworkImportError, build_network
from watchkeeper.routing.overlay import Overlay
from watchkeeper.routing.rules import DEFAULT_SPEEDS_KPH, parse_maxspeed

__all__ = [
    "ATTRIBUTION",
    "DEFAULT_MAX_SNAP_M",
    "DEFAULT_SPEEDS_KPH",
    "Coverage",
    "NetworkImportError",
    "Overlay",
    "Ranked",
    "RoadNetwork",
    "Route",
    "Snap",
    "build_network",
    "coverage",
    "network_geojson",
    "parse_maxspeed",
    "rank_units",
    "route",
    "seconds_to",
    "straight_line_seconds",
]
