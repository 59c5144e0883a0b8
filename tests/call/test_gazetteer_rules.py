"""The gazetteer's pure matching rules against hand-checked expectations (no database)."""

from __future__ import annotations

import pytest

from watchkeeper.control.gazetteer import rules

ENTRIES = [
    rules.entry(1, "address", "1 Camden High Street, NW1 7JE", "1", "Camden High Street", "NW1 7JE"),
    rules.entry(2, "address", "3 Camden High Street, NW1 7JE", "3", "Camden High Street", "NW1 7JE"),
    rules.entry(3, "street", "Camden High Street"),
    rules.entry(4, "address", "1 Camden Street, NW1 0HE", "1", "Camden Street", "NW1 0HE"),
    rules.entry(5, "landmark", "Euston"),
    rules.entry(6, "street", "Euston Road"),
    rules.entry(7, "address", "12 Euston Road, NW1 2AA", "12", "Euston Road", "NW1 2AA"),
    rules.entry(8, "address", "4 Parkway, NW1 7AA", "4", "Parkway", "NW1 7AA"),
    rules.entry(9, "landmark", "King's Cross St Pancras"),
    rules.entry(10, "address", "2 Acol Road, NW6 3AA", "2", "Acol Road", "NW6 3AA"),
]


def ids(query: str, limit: int = 10) -> list[int]:
    return [e.id for e, _ in rules.rank(query, ENTRIES, limit)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 Camden High Street", rules.Query("1", "", "camden high street")),
        ("12a  Euston Rd", rules.Query("12a", "", "euston road")),
        ("NW1 7", rules.Query("", "NW17", "")),
        ("nw1", rules.Query("", "NW1", "")),
        ("Parkway NW1 7AA", rules.Query("", "NW17AA", "parkway")),
        ("nw17aa", rules.Query("", "NW17AA", "")),
        ("King's Cross", rules.Query("", "", "kings cross")),
        ("3-5 Camden St", rules.Query("3-5", "", "camden street")),
    ],
)
def test_a_typed_location_is_read_as_number_postcode_and_words(text, expected):
    assert rules.parse(text) == expected


def test_house_number_and_street_find_the_house_first_then_the_street():
    found = ids("1 Camden High Street")
    assert found[0] == 1 and found[1] == 3
    assert 2 not in found  # another house number on the same street is not this address


def test_abbreviations_and_typos_still_match():
    assert ids("1 camden hgh st")[0] == 1
    assert ids("euston rd")[0] == 6


def test_partial_postcode_finds_every_address_in_that_sector_and_nothing_else():
    assert set(ids("NW1 7")) == {1, 2, 8}
    assert set(ids("nw1")) == {1, 2, 4, 7, 8}
    assert ids("NW6") == [10]


def test_a_landmark_name_alone_finds_the_landmark_before_the_road_and_the_houses():
    found = ids("Euston")
    assert found[:3] == [5, 6, 7]


def test_apostrophes_do_not_matter():
    assert ids("kings cross")[0] == 9


def test_nothing_like_it_is_no_match_and_a_bare_number_is_not_a_location():
    assert ids("xyzzy plugh") == []
    assert ids("12") == []
    assert ids("") == []


def test_nearest_point_by_plain_distance():
    points = [(1, 0.0, 0.0), (2, 30.0, 40.0), (3, -10.0, 0.0)]
    assert rules.nearest(points, 20.0, 30.0) == (2, pytest.approx(14.142, abs=0.01))
    assert rules.nearest([], 0, 0) is None


def test_address_name_reads_like_an_address():
    assert rules.address_name("1", "Camden High Street", "NW1 7JE") == "1 Camden High Street, NW1 7JE"
    assert rules.address_name("1", "Camden High Street", "") == "1 Camden High Street"
