"""The degree-2 chain contraction gives exactly the times of a search on the full graph: for points
part-way along a street, on the incident's own street, on one-way and two-way chains, loops, rings
of shape points, and with closures inside a chain."""

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchkeeper.routing import Overlay, RoadNetwork, rank_units
from watchkeeper.routing.engine import seconds_to

from .conftest import reversed_digraph

pytestmark = pytest.mark.kernel
TOLERANCE_S = 1e-6


def network_from(pairs, n, rng):
    pairs = sorted(set(pairs))
    tails = np.array([a for a, _ in pairs], dtype=np.int64)
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(tails, minlength=n), out=indptr[1:])
    edges = len(pairs)
    return RoadNetwork(
        lat=51.5 + rng.uniform(0, 0.01, n),
        lon=-0.1 + rng.uniform(0, 0.01, n),
        indptr=indptr,
        heads=np.array([b for _, b in pairs], dtype=np.int32),
        length_m=rng.uniform(0.01, 400, edges),
        speed_kph=rng.choice([16.1, 32.2, 48.3], edges),
        way_id=np.arange(edges, dtype=np.int64),
        name_index=np.full(edges, -1, dtype=np.int32),
        class_index=np.zeros(edges, dtype=np.uint8),
        names=[],
        road_classes=["residential"],
    )


def subdivided(n_junctions, links, rng):
    """Random junction links, each drawn as a street of 0-4 shape points, one-way or two-way."""
    pairs, n = [], n_junctions
    for a, b, one_way in links:
        points = list(range(n, n + int(rng.integers(0, 5))))
        n += len(points)
        path = [a, *points, b]
        for x, y in zip(path, path[1:], strict=False):
            pairs.append((x, y))
            if not one_way:
                pairs.append((y, x))
    return network_from([p for p in pairs if p[0] != p[1]], n, rng)


def assert_matches(network, overlay=None):
    weights = overlay.weights(network) if overlay else None
    reference = reversed_digraph(network, weights)
    for target in range(network.n_nodes):
        theirs = nx.single_source_dijkstra_path_length(reference, target)
        expected = np.full(network.n_nodes, np.inf)
        expected[list(theirs)] = list(theirs.values())
        np.testing.assert_allclose(seconds_to(network, target, overlay), expected, rtol=0, atol=TOLERANCE_S)


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    junctions=st.integers(1, 8),
    links=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.booleans()), min_size=1, max_size=14),
    closures=st.integers(0, 4),
)
def test_streets_with_shape_points_agree_with_networkx_on_the_full_graph(seed, junctions, links, closures):
    rng = np.random.default_rng(seed)
    links = [(a % junctions, b % junctions, one_way) for a, b, one_way in links]
    network = subdivided(junctions, links, rng)
    assert_matches(network)
    if network.n_edges and closures:
        overlay = Overlay(closed_edges=set(rng.choice(network.n_edges, size=closures).tolist()))
        overlay.slow_edge(int(rng.integers(network.n_edges)), 0.3)
        assert_matches(network, overlay)


def test_a_ring_of_shape_points_with_no_junction():
    rng = np.random.default_rng(1)
    one_way_ring = network_from([(i, (i + 1) % 6) for i in range(6)], 6, rng)
    two_way_ring = network_from([(i, (i + 1) % 6) for i in range(6)] + [((i + 1) % 6, i) for i in range(6)], 6, rng)
    for network in (one_way_ring, two_way_ring):
        assert_matches(network)
        assert network.chains.n_core == 1


def test_a_unit_on_the_incidents_own_street_drives_straight_along_it():
    # Junctions 0 and 1 joined by a long two-way street of shape points 2..6, a quick bypass, and a
    # cul-de-sac off each junction (7, 8).
    rng = np.random.default_rng(2)
    street = [0, 2, 3, 4, 5, 6, 1]
    pairs = [(a, b) for a, b in zip(street, street[1:], strict=False)] + [(0, 1), (0, 7), (1, 8)]
    pairs += [(b, a) for a, b in pairs]
    network = network_from(pairs, 9, rng)
    assert network.chains.n_core == 4
    units = [(f"U{n}", network.lat[n], network.lon[n]) for n in range(9)]
    reference = reversed_digraph(network)
    for incident in range(9):
        theirs = nx.single_source_dijkstra_path_length(reference, incident)
        ranked = rank_units(network, (network.lat[incident], network.lon[incident]), units, max_snap_m=1e6)
        for r in ranked:
            node = int(r.unit_id[1:])
            assert r.seconds == pytest.approx(theirs[node], abs=TOLERANCE_S)
