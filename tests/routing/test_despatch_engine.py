"""A call handler's view of the engine on a small hand-drawn street grid: who gets there first,
by which streets, and what changes when the police close a road."""

import numpy as np
import pytest
import shapely

from watchkeeper.routing import Overlay, build_network, coverage, rank_units, route, straight_line_seconds
from watchkeeper.routing.engine import INCIDENT_OFFSET_KPH, UNIT_OFFSET_KPH, edge_between, seconds_to

from .conftest import corner

pytestmark = pytest.mark.kernel

# A 3 x 3 grid of corners (rows 0-2, cols 0-2). Row 0 is "High Street", a one-way eastbound
# street; everything else is two-way residential. Way ids: 10 + row for rows, 20 + col for columns.
GRID = [(10, [0, 1, 2], {"highway": "primary", "oneway": "yes", "name": "High Street"})]
GRID += [(10 + r, [100 * r, 100 * r + 1, 100 * r + 2], {"highway": "residential"}) for r in (1, 2)]
GRID += [(20 + c, [c, 100 + c, 200 + c], {"highway": "residential", "name": f"Col {c}"}) for c in range(3)]


@pytest.fixture
def grid(write_osm):
    return build_network(write_osm(GRID))


def at(row, col):
    return corner(row, col)


def test_a_unit_on_a_corner_is_snapped_to_it_exactly(grid):
    snap = grid.snap(*at(1, 1))
    assert snap.distance_m == pytest.approx(0, abs=0.01)
    assert grid.snap(51.60, -0.20) is None  # miles away: not on this network
    assert grid.snap(51.60, -0.20, max_distance_m=1e6) is not None


def test_the_unit_that_can_drive_there_first_is_ranked_first_not_the_nearest(grid):
    # The incident is at the east end of one-way High Street. A unit at its east end (0,2) is there
    # already; a unit just west of the incident at (0,1) is close but may drive east directly; a unit
    # east-of-centre on row 1 is further as the crow flies than it looks.
    ranked = rank_units(grid, at(0, 1), [("west", *at(0, 0)), ("east", *at(0, 2)), ("south", *at(1, 1))])
    by_id = {r.unit_id: r for r in ranked}
    assert [r.method for r in ranked] == ["road"] * 3
    # "east" is as close as "west" in a straight line but must go round the block: it is last.
    assert ranked[-1].unit_id == "east"
    assert by_id["west"].seconds < by_id["east"].seconds
    assert [r.seconds for r in ranked] == sorted(r.seconds for r in ranked)


def test_ranking_times_match_a_search_from_each_unit(grid):
    units = [(f"U{r}{c}", *at(r, c)) for r in range(3) for c in range(3)]
    for incident in [(0, 0), (1, 2), (2, 1)]:
        ranked = {r.unit_id: r.seconds for r in rank_units(grid, at(*incident), units)}
        target = grid.snap(*at(*incident)).node
        for unit_id, lat, lon in units:
            start = grid.snap(lat, lon).node
            expected = route(grid, (lat, lon), at(*incident)).seconds
            assert ranked[unit_id] == pytest.approx(expected, abs=1e-6)
            assert ranked[unit_id] == pytest.approx(seconds_to(grid, target)[start], abs=0.01)


def test_snap_offsets_are_added_at_their_documented_speeds(grid):
    lat, lon = at(1, 1)
    unit_off_road = (lat + 0.0003, lon)  # about 33 m north of the corner, in a yard
    incident = at(2, 1)
    on_road = rank_units(grid, incident, [("A", lat, lon)])[0].seconds
    off_road = rank_units(grid, incident, [("A", *unit_off_road)])[0]
    gap = grid.snap(*unit_off_road).distance_m
    assert off_road.snapped and off_road.method == "road"
    assert off_road.seconds == pytest.approx(on_road + gap * 3.6 / UNIT_OFFSET_KPH)
    walk_in = rank_units(grid, (incident[0] - 0.0002, incident[1]), [("A", lat, lon)])[0].seconds
    walk = grid.snap(incident[0] - 0.0002, incident[1]).distance_m
    assert walk_in == pytest.approx(on_road + walk * 3.6 / INCIDENT_OFFSET_KPH)


def test_a_unit_far_from_any_road_gets_a_labelled_straight_line_estimate(grid):
    far = (51.55, -0.125)  # about 2 km north of the grid
    ranked = rank_units(grid, at(1, 1), [("far", *far), ("near", *at(1, 0))])
    assert [r.unit_id for r in ranked] == ["near", "far"]
    assert ranked[1].method == "straight-line" and not ranked[1].snapped
    assert ranked[1].seconds == pytest.approx(straight_line_seconds(far, at(1, 1)))
    everyone = rank_units(grid, (51.55, -0.125), [("near", *at(1, 0))])
    assert everyone[0].method == "straight-line"


def test_straight_line_estimate_is_distance_times_detour_at_the_assumed_speed():
    one_km_north = (51.5300 + 1000 / 111_250, -0.125)
    seconds = straight_line_seconds((51.53, -0.125), one_km_north, speed_kph=36.0, detour_factor=1.0)
    assert seconds == pytest.approx(100.0, rel=0.01)


def test_no_units_no_ranking(grid):
    assert rank_units(grid, at(1, 1), []) == []


def test_the_route_follows_one_way_streets_and_names_them(grid):
    path = route(grid, at(0, 0), at(0, 2))
    assert path.streets == ["High Street"]
    assert len(path.coordinates) == 5  # the unit, three corners, the incident
    back = route(grid, at(0, 2), at(0, 0))
    assert "High Street" not in back.streets  # it cannot drive west along a one-way eastbound street
    assert back.seconds > path.seconds


def test_a_closed_road_is_routed_around_and_reopening_restores_the_time(grid):
    open_time = route(grid, at(0, 0), at(0, 2)).seconds
    closed = Overlay().close_way(10)
    detour = route(grid, at(0, 0), at(0, 2), overlay=closed)
    assert "High Street" not in detour.streets and detour.seconds > open_time
    assert route(grid, at(0, 0), at(0, 2)).seconds == open_time  # the network itself is untouched
    ranked = rank_units(grid, at(0, 2), [("A", *at(0, 0))], overlay=closed)
    assert ranked[0].seconds == pytest.approx(detour.seconds)


def test_closing_every_way_out_leaves_a_straight_line_estimate(grid):
    shut = Overlay().close_way(11).close_way(20).close_way(10)  # every road touching corner (0,0)
    ranked = rank_units(grid, at(2, 2), [("stuck", *at(0, 0))], overlay=shut)
    assert ranked[0].method == "straight-line"
    assert route(grid, at(0, 0), at(2, 2), overlay=shut) is None


def test_speed_factors_by_edge_way_and_area_scale_travel_time(grid):
    a, b = grid.snap(*at(0, 0)).node, grid.snap(*at(0, 1)).node
    edge = edge_between(grid, a, b)
    base = grid.seconds
    assert Overlay().slow_edge(edge, 0.5).weights(grid)[edge] == pytest.approx(2 * base[edge])
    by_way = Overlay().slow_way(10, 0.25).weights(grid)
    assert np.allclose(by_way[grid.way_id == 10], 4 * base[grid.way_id == 10])
    assert np.array_equal(by_way[grid.way_id != 10], base[grid.way_id != 10])
    lat, lon = at(0, 0)
    # A box around the west half of High Street.
    box = shapely.box(lon - 0.0001, lat - 0.0001, lon + 0.0016, lat + 0.0001)
    in_area = Overlay().slow_area(box, 0.5).slow_way(10, 0.5).weights(grid)
    assert in_area[edge] == pytest.approx(4 * base[edge])  # factors multiply
    assert Overlay().close_edge(edge).weights(grid)[edge] == np.inf
    assert not Overlay() and Overlay().close_way(1)
    with pytest.raises(ValueError):
        Overlay().slow_way(10, -1)
    with pytest.raises(ValueError):
        Overlay().close_edge(10_000).weights(grid)


def test_coverage_counts_each_street_once_and_grows_with_time(grid):
    shares = [coverage(grid, [at(1, 1)], minutes).covered_share for minutes in (0, 0.1, 0.3, 10)]
    assert shares[0] == 0.0 and shares[-1] == pytest.approx(1.0)
    assert shares == sorted(shares) and 0 < shares[1] < shares[2] < 1
    full = coverage(grid, [at(1, 1)], 10)
    assert full.segment_length_m.sum() == pytest.approx(12 * 69.3, rel=0.35)  # 12 street segments
    assert len(full.segment_length_m) == 12


def test_coverage_is_partial_along_a_street_reached_with_little_time_to_spare(grid):
    centre = grid.snap(*at(1, 1)).node
    a_street = grid.seconds[grid.indptr[centre]]
    result = coverage(grid, [at(1, 1)], minutes=a_street / 2 / 60)
    assert 0 < result.covered_share < 1
    statuses = {f["properties"]["coverage"]: f for f in result.geojson(grid)["features"]}
    assert set(statuses) == {"covered", "partial", "uncovered"}
    assert statuses["covered"]["properties"]["segments"] == 0
    assert statuses["partial"]["properties"]["segments"] == 4  # the four streets out of the centre
    assert coverage(grid, [(51.7, 0.3)], 10).covered_share == 0.0  # no unit on the network


def test_coverage_from_several_units_is_the_best_of_them(grid):
    one = coverage(grid, [at(0, 0)], 0.3).covered_share
    two = coverage(grid, [at(0, 0), at(2, 2)], 0.3).covered_share
    assert two > one
