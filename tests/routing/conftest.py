"""Fixtures for the routing kernel: real OSM extracts from ../shared/data (skipped when absent, a
failure under CI=true), the bundled demo network, and a writer for tiny hand-made .osm files."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

import networkx as nx
import numpy as np
import pytest

from tests.support.shared_data import shared_data
from watchkeeper.routing import RoadNetwork, build_network

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "src" / "watchkeeper" / "demo" / "data" / "camden-network.npz"


def shared_osm(name: str) -> Path:
    """A file from the shared data folder's osm/ (tests/support/shared_data.py)."""
    return shared_data("osm", name)


@pytest.fixture(scope="session")
def camden() -> RoadNetwork:
    return build_network(shared_osm("camden.osm.pbf"))


@pytest.fixture(scope="session")
def bundled_camden() -> RoadNetwork:
    return RoadNetwork.load(BUNDLED)


def reversed_digraph(network: RoadNetwork, weights: np.ndarray | None = None) -> nx.DiGraph:
    """The same network in networkx, edges pointing backwards: the independent reference."""
    weights = network.seconds if weights is None else weights
    graph = nx.DiGraph()
    graph.add_nodes_from(range(network.n_nodes))
    edges = zip(network.tails.tolist(), network.heads.tolist(), weights.tolist(), strict=True)
    for tail, head, seconds in edges:
        if np.isfinite(seconds):
            graph.add_edge(head, tail, weight=seconds)
    return graph


# Street corners near King's Cross, about 110 m apart north-south and 70 m east-west.
LAT0, LON0 = 51.5300, -0.1250
STEP = 0.001


def corner(row: int, col: int) -> tuple[float, float]:
    return LAT0 + row * STEP, LON0 + col * STEP


@pytest.fixture
def write_osm(tmp_path):
    """write_osm(ways, nodes=None, name=...) -> Path of an .osm XML file.

    ways: [(way_id, [node ids], {tags})]; node ids are 100*row + col on a grid (see corner) unless
    nodes gives {id: (lat, lon)} explicitly.
    """

    def write(ways, nodes=None, name="streets.osm") -> Path:
        used = {ref for _, refs, _ in ways for ref in refs}
        nodes = dict(nodes or {})
        for ref in used - nodes.keys():
            nodes[ref] = corner(ref // 100, ref % 100)
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
        for ref, (lat, lon) in sorted(nodes.items()):
            lines.append(f'  <node id="{ref}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>')
        for way_id, refs, tags in ways:
            lines.append(f'  <way id="{way_id}" version="1">')
            lines += [f'    <nd ref="{ref}"/>' for ref in refs]
            lines += [f"    <tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in tags.items()]
            lines.append("  </way>")
        lines.append("</osm>")
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write
