"""Importing an OSM extract: one-way streets, closed roads, islands, and files that cannot be used."""

import bz2
import json

import numpy as np
import pytest

from watchkeeper.routing import NetworkImportError, RoadNetwork, build_network
from watchkeeper.routing.engine import edge_between
from watchkeeper.routing.rules import DEFAULT_SPEEDS_KPH, MPH

from .conftest import corner

pytestmark = pytest.mark.kernel

# A block of four corners, 0 -- 1 across the top and 100 -- 101 across the bottom.
BLOCK = [
    (1, [0, 1], {"highway": "residential", "name": "Top Street"}),
    (2, [1, 101], {"highway": "residential"}),
    (3, [101, 100], {"highway": "residential"}),
    (4, [100, 0], {"highway": "residential"}),
]


def node(network, row, col):
    snap = network.snap(*corner(row, col), max_distance_m=1.0)
    assert snap is not None, f"corner {row},{col} is not in the network"
    return snap.node


def has_edge(network, a, b):
    try:
        edge_between(network, a, b)
    except KeyError:
        return False
    return True


def test_a_two_way_block_becomes_eight_one_way_links_timed_at_the_class_speed(write_osm):
    network = build_network(write_osm(BLOCK))
    assert (network.n_nodes, network.n_edges) == (4, 8)
    top = edge_between(network, node(network, 0, 0), node(network, 0, 1))
    assert network.length_m[top] == pytest.approx(69.3, abs=0.5)  # 0.001 deg of longitude at 51.53 N
    assert network.seconds[top] == pytest.approx(network.length_m[top] * 3.6 / (20 * MPH))
    assert network.edge_label(top) == "Top Street"
    assert network.metadata["attribution"].startswith("(c) OpenStreetMap contributors")


def test_a_one_way_street_is_only_linked_its_legal_way(write_osm):
    ways = [(1, [0, 1], {"highway": "residential", "oneway": "yes"})] + BLOCK[1:]
    network = build_network(write_osm(ways))
    a, b = node(network, 0, 0), node(network, 0, 1)
    assert has_edge(network, a, b) and not has_edge(network, b, a)
    ways = [(1, [0, 1], {"highway": "residential", "oneway": "-1"})] + BLOCK[1:]
    network = build_network(write_osm(ways))
    assert has_edge(network, b, a) and not has_edge(network, a, b)


def test_a_posted_limit_overrides_the_class_speed(write_osm):
    ways = [(1, [0, 1], {"highway": "residential", "maxspeed": "10 mph"})] + BLOCK[1:]
    network = build_network(write_osm(ways))
    top = edge_between(network, node(network, 0, 0), node(network, 0, 1))
    assert network.speed_kph[top] == pytest.approx(10 * MPH)


def test_private_roads_footpaths_and_islands_are_left_out(write_osm):
    ways = BLOCK + [
        (5, [1, 2], {"highway": "service", "access": "private"}),
        (6, [101, 102], {"highway": "footway"}),
        (7, [100, 200], {"highway": "residential", "oneway": "yes"}),  # in, but no way out
        (8, [500, 501], {"highway": "primary"}),  # an island far from the block
    ]
    network = build_network(write_osm(ways))
    assert network.n_nodes == 4
    for row, col in [(0, 2), (1, 2), (2, 0), (5, 0)]:
        assert network.snap(*corner(row, col), max_distance_m=1.0) is None


def test_two_ways_between_the_same_corners_keep_the_quicker(write_osm):
    ways = BLOCK + [(9, [0, 1], {"highway": "primary", "maxspeed": "30 mph"})]
    network = build_network(write_osm(ways))
    assert network.n_edges == 8
    top = edge_between(network, node(network, 0, 0), node(network, 0, 1))
    assert network.way_id[top] == 9


def test_a_way_running_off_the_edge_of_the_extract_keeps_the_part_inside(write_osm, tmp_path):
    path = write_osm(BLOCK + [(5, [1, 2, 1], {"highway": "residential"})])
    text = path.read_text().replace('<node id="2" ', '<node id="2" visible="false" ', 1)
    text = "\n".join(line for line in text.splitlines() if 'node id="2"' not in line)
    path.write_text(text)
    network = build_network(path)
    assert network.n_nodes == 4


def test_bz2_extracts_are_read(write_osm, tmp_path):
    xml = write_osm(BLOCK).read_bytes()
    packed = tmp_path / "block.osm.bz2"
    packed.write_bytes(bz2.compress(xml))
    assert build_network(packed).n_edges == 8


def test_progress_is_reported_up_to_done(write_osm):
    seen = []
    build_network(write_osm(BLOCK), progress=lambda fraction, step: seen.append((fraction, step)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(isinstance(step, str) and step for _, step in seen)


def test_an_edited_speed_table_is_used_and_recorded(write_osm):
    speeds = dict(DEFAULT_SPEEDS_KPH, residential=12.0)
    network = build_network(write_osm(BLOCK), speeds=speeds)
    assert np.all(network.speed_kph == 12.0)
    assert network.metadata["speeds_kph"]["residential"] == 12.0


def test_save_and_load_give_back_the_same_network(write_osm, tmp_path):
    network = build_network(write_osm(BLOCK))
    for compact in (False, True):
        network.save(tmp_path / "roads.npz", compact=compact)
        loaded = RoadNetwork.load(tmp_path / "roads.npz")
        assert np.array_equal(loaded.indptr, network.indptr) and np.array_equal(loaded.heads, network.heads)
        assert np.allclose(loaded.seconds, network.seconds, rtol=1e-6)
        assert np.allclose(loaded.lat, network.lat, atol=1e-5)
        assert loaded.names == network.names and loaded.road_classes == network.road_classes
        assert loaded.metadata["sha256"] == network.metadata["sha256"]
        assert loaded.metadata["source"] == "streets.osm"


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (b"", "empty.osm.pbf", "empty"),
        (b"\x00\x00\x00\x0dnot really a pbf file at all" * 20, "corrupt.osm.pbf", "could not be read"),
        (b"<osm><node id='1' lat='51.5' lon=", "truncated.osm", "could not be read"),
    ],
)
def test_an_unusable_file_is_refused_with_a_reason(tmp_path, content, name, says):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(NetworkImportError, match=says):
        build_network(path)


def test_a_file_without_roads_is_refused(write_osm):
    path = write_osm([(1, [0, 1, 2], {"highway": "footway"}), (2, [5, 6], {"building": "yes"})])
    with pytest.raises(NetworkImportError, match="no drivable roads"):
        build_network(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(NetworkImportError, match="does not exist"):
        build_network(tmp_path / "nowhere.osm.pbf")


def test_metadata_is_plain_json(write_osm):
    network = build_network(write_osm(BLOCK))
    assert json.loads(json.dumps(network.metadata))["nodes"] == 4
