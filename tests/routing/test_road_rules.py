"""The rules that decide which OSM ways a response car may use, which way, and how fast."""

import pytest

from watchkeeper.routing import DEFAULT_SPEEDS_KPH, parse_maxspeed
from watchkeeper.routing.rules import MPH, direction, drivable, way_speed_kph

pytestmark = pytest.mark.kernel


@pytest.mark.parametrize(
    ("tag", "kph"),
    [
        ("20 mph", 20 * MPH),
        ("20mph", 20 * MPH),
        ("30", 30 * MPH),  # UK mappers mean mph when they leave the unit off
        ("50 km/h", 50.0),
        ("48 kmh", 48.0),
        ("20;30 mph", 20 * MPH),
        ("GB:nsl_single", 60 * MPH),
        ("UK:nsl_dual", 70 * MPH),
        ("UK:motorway", 70 * MPH),
        ("walk", 6.0),
    ],
)
def test_a_posted_limit_is_read_in_km_per_hour(tag, kph):
    assert parse_maxspeed(tag) == pytest.approx(kph)


def test_national_limit_depends_on_the_carriageway():
    assert parse_maxspeed("national", "residential") == pytest.approx(60 * MPH)
    assert parse_maxspeed("national", "motorway") == pytest.approx(70 * MPH)
    assert parse_maxspeed("UK:national", "trunk", oneway=True) == pytest.approx(70 * MPH)
    assert parse_maxspeed("GB:national", "trunk", oneway=False) == pytest.approx(60 * MPH)


@pytest.mark.parametrize("tag", [None, "", "signals", "variable", "none", "0", "-5 mph", "fast"])
def test_an_unusable_limit_gives_no_speed(tag):
    assert parse_maxspeed(tag) is None


def test_the_class_table_fills_in_where_no_limit_is_posted():
    residential = DEFAULT_SPEEDS_KPH["residential"]
    assert way_speed_kph({"highway": "residential"}, DEFAULT_SPEEDS_KPH, False) == residential
    assert (
        way_speed_kph({"highway": "residential", "maxspeed": "signals"}, DEFAULT_SPEEDS_KPH, False)
        == (DEFAULT_SPEEDS_KPH["residential"])
    )
    assert way_speed_kph({"highway": "primary", "maxspeed": "20 mph"}, DEFAULT_SPEEDS_KPH, False) == (
        pytest.approx(20 * MPH)
    )
    assert way_speed_kph({"highway": "primary"}, {"primary": 17.0}, False) == 17.0


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"highway": "residential"}, (True, True)),
        ({"highway": "residential", "oneway": "yes"}, (True, False)),
        ({"highway": "residential", "oneway": "true"}, (True, False)),
        ({"highway": "residential", "oneway": "1"}, (True, False)),
        ({"highway": "residential", "oneway": "-1"}, (False, True)),
        ({"highway": "residential", "oneway": "no"}, (True, True)),
        ({"highway": "primary", "junction": "roundabout"}, (True, False)),
        ({"highway": "primary", "junction": "roundabout", "oneway": "no"}, (True, True)),
        ({"highway": "motorway"}, (True, False)),
        ({"highway": "motorway_link"}, (True, False)),
        ({"highway": "motorway", "oneway": "no"}, (True, True)),
    ],
)
def test_one_way_streets_are_driven_only_their_legal_way(tags, expected):
    assert direction(tags) == expected


@pytest.mark.parametrize(
    ("tags", "open_to_units"),
    [
        ({"highway": "residential"}, True),
        ({"highway": "service", "access": "destination"}, True),
        ({"highway": "residential", "access": "private"}, False),
        ({"highway": "residential", "access": "no"}, False),
        ({"highway": "residential", "motor_vehicle": "no"}, False),
        ({"highway": "residential", "access": "no", "motor_vehicle": "yes"}, True),
        ({"highway": "residential", "vehicle": "no", "motorcar": "yes"}, True),
        ({"highway": "footway"}, False),
        ({"highway": "path"}, False),
        ({"highway": "steps"}, False),
        ({"highway": "cycleway"}, False),
        ({"highway": "pedestrian"}, False),
        ({"highway": "bridleway"}, False),
        ({"highway": "track"}, False),
        ({"highway": "construction"}, False),
        ({"highway": "service", "area": "yes"}, False),
        ({"highway": "residential", "oneway": "reversible"}, False),
        ({"building": "yes"}, False),
    ],
)
def test_only_roads_open_to_a_response_car_are_drivable(tags, open_to_units):
    assert drivable(tags, DEFAULT_SPEEDS_KPH) is open_to_units


def test_a_rural_force_can_make_tracks_drivable_by_editing_the_table():
    speeds = dict(DEFAULT_SPEEDS_KPH, track=15.0)
    assert drivable({"highway": "track"}, speeds)
