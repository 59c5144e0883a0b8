"""Directed despatch: rank every available unit by driving time to one incident, and the route for
the unit chosen.

One Dijkstra search from the incident over the *reversed* network gives every node's time to the
incident at once, so ranking 2,000 units costs the same single search as ranking 5. The search runs
on the junctions only: chains of degree-2 shape points along a street are contracted into single
links (three quarters of Camden's nodes), with exact times for units and incidents part-way along a
chain (contraction.py). scipy's compiled Dijkstra then settles Camden's junctions in well under a
millisecond, faster than an early-exit search written in Python and than contraction hierarchies
queried pair by pair (see benchmarks/despatch.py). The contraction depends only on the topology, so
overlays still apply instantly (new weights, same structure). Routes use the full graph for their
geometry.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

import numpy as np
from scipy.sparse.csgraph import dijkstra

from watchkeeper.routing.network import DEFAULT_MAX_SNAP_M, RoadNetwork, Snap, to_bng
from watchkeeper.routing.overlay import Overlay

# The gap between a point and the network is not free. A unit parked off the road (a yard, a car
# park, a private drive) covers its gap at crawling speed; at the incident end the last metres from
# the kerb to the door are on foot.
UNIT_OFFSET_KPH = 10.0
INCIDENT_OFFSET_KPH = 5.0
# Straight-line fallback: crow-fly distance times a typical urban detour factor (street distance is
# about 1.4x the straight line in a London grid), at an average blue-light speed of 30 km/h. It is
# only used when a point cannot be snapped to the road network, and is labelled as an estimate.
STRAIGHT_LINE_KPH = 30.0
DETOUR_FACTOR = 1.4

Method = Literal["road", "straight-line"]


class Ranked(NamedTuple):
    """One unit's place in the despatch list."""

    unit_id: object
    seconds: float
    snapped: bool  # both the unit and the incident were within reach of the network
    method: Method


class Route(NamedTuple):
    """The way a unit would drive: seconds, the line to draw, and the streets to read out."""

    seconds: float
    coordinates: list[tuple[float, float]]  # (lat, lon) from the unit to the incident
    streets: list[str]  # street names in driving order, consecutive repeats removed


def straight_line_seconds(
    origin: tuple[float, float],
    destination: tuple[float, float],
    speed_kph: float = STRAIGHT_LINE_KPH,
    detour_factor: float = DETOUR_FACTOR,
) -> float:
    """Estimated seconds between two (lat, lon) points without the road network: British National
    Grid distance times detour_factor at speed_kph."""
    x, y = to_bng([origin[0], destination[0]], [origin[1], destination[1]])
    metres = math.hypot(x[1] - x[0], y[1] - y[0])
    return metres * detour_factor * 3.6 / speed_kph


def seconds_to(network: RoadNetwork, node: int, overlay: Overlay | None = None) -> np.ndarray:
    """Driving seconds from every node to `node` (inf where it cannot be reached), one search."""
    return _seconds_from(network, int(node), np.arange(network.n_nodes), overlay)


def _seconds_from(network: RoadNetwork, node: int, nodes: np.ndarray, overlay: Overlay | None) -> np.ndarray:
    """Seconds from each of `nodes` to `node`: one search over the junctions of the contracted
    graph, then the time along each unit's street to its junctions (see contraction.py)."""
    search = network.contracted(overlay.weights(network) if overlay else None)
    return search.seconds_for(node, search.core_seconds(node), nodes)


def rank_units(
    network: RoadNetwork,
    incident: tuple[float, float],
    units: Iterable[tuple[object, float, float]],
    overlay: Overlay | None = None,
    max_snap_m: float = DEFAULT_MAX_SNAP_M,
) -> list[Ranked]:
    """Every unit ranked by estimated seconds to the incident, quickest first (ties by unit id).

    units are (unit_id, lat, lon). A unit (or incident) too far from any road, or cut off by a
    closure, gets a straight-line estimate marked method="straight-line" so the despatcher can see
    the figure is rougher. Road times include the snap offsets (see UNIT_OFFSET_KPH).
    """
    units = list(units)
    if not units:
        return []
    # Arrays throughout: with 2,000 units a per-unit Python step would cost more than the search.
    # The incident rides along as the last point: one projection and one tree query for all.
    lats = np.array([u[1] for u in units] + [incident[0]], dtype=float)
    lons = np.array([u[2] for u in units] + [incident[1]], dtype=float)
    x, y = to_bng(lats, lons)
    offsets, nodes = network.nearest_to_grid(x, y)
    estimate = np.hypot(x[:-1] - x[-1], y[:-1] - y[-1]) * (DETOUR_FACTOR * 3.6 / STRAIGHT_LINE_KPH)
    incident_snap = Snap(int(nodes[-1]), float(offsets[-1])) if offsets[-1] <= max_snap_m else None
    offsets, nodes = offsets[:-1], nodes[:-1]
    if incident_snap is None:
        by_road = np.zeros(len(units), dtype=bool)
        seconds = estimate
    else:
        to_incident = _seconds_from(network, incident_snap.node, nodes, overlay)
        by_road = (offsets <= max_snap_m) & np.isfinite(to_incident)
        road = to_incident + offsets * (3.6 / UNIT_OFFSET_KPH) + incident_snap.distance_m * (3.6 / INCIDENT_OFFSET_KPH)
        seconds = np.where(by_road, road, estimate)
    order = np.lexsort((np.array([str(u[0]) for u in units]), seconds))
    # Plain Python floats and bools: indexing numpy scalars one by one costs more than the sort.
    rows = zip(order.tolist(), seconds[order].tolist(), by_road[order].tolist(), strict=True)
    return [Ranked(units[i][0], sec, road, "road" if road else "straight-line") for i, sec, road in rows]


def route(
    network: RoadNetwork,
    origin: tuple[float, float],
    destination: tuple[float, float],
    overlay: Overlay | None = None,
    max_snap_m: float = DEFAULT_MAX_SNAP_M,
) -> Route | None:
    """The quickest road route from origin (the unit) to destination (the incident), or None when
    either end is beyond max_snap_m of the network or no open road connects them."""
    start = network.snap(origin[0], origin[1], max_snap_m)
    end = network.snap(destination[0], destination[1], max_snap_m)
    if start is None or end is None:
        return None
    weights = overlay.weights(network) if overlay else None
    distances, predecessors = dijkstra(network.graph(weights), indices=start.node, return_predecessors=True)
    if not np.isfinite(distances[end.node]):
        return None
    nodes = _walk_back(predecessors, start.node, end.node)
    seconds = (
        float(distances[end.node])
        + start.distance_m * 3.6 / UNIT_OFFSET_KPH
        + end.distance_m * 3.6 / INCIDENT_OFFSET_KPH
    )
    coordinates = [tuple(origin)] + [(float(network.lat[n]), float(network.lon[n])) for n in nodes]
    coordinates.append(tuple(destination))
    return Route(seconds, coordinates, _streets(network, nodes))


def _walk_back(predecessors: np.ndarray, start: int, end: int) -> list[int]:
    nodes = [end]
    while nodes[-1] != start:
        nodes.append(int(predecessors[nodes[-1]]))
    nodes.reverse()
    return nodes


def edge_between(network: RoadNetwork, tail: int, head: int) -> int:
    """Index of the directed edge tail -> head (edges are unique per node pair)."""
    start, stop = network.indptr[tail], network.indptr[tail + 1]
    offsets = np.flatnonzero(network.heads[start:stop] == head)
    if len(offsets) == 0:
        raise KeyError(f"no edge from node {tail} to node {head}")
    return int(start + offsets[0])


def _streets(network: RoadNetwork, nodes: Sequence[int]) -> list[str]:
    streets: list[str] = []
    for tail, head in zip(nodes, nodes[1:], strict=False):
        label = network.edge_label(edge_between(network, tail, head))
        if not streets or streets[-1] != label:
            streets.append(label)
    return streets
