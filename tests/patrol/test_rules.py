"""Pure patrol rules against independent references (hand-worked clock changes, hand-built tracks)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from watchkeeper.patrol.contract.rules import target_problem
from watchkeeper.patrol.officers.rules import Held, expiring, usable_powers
from watchkeeper.patrol.powers import rules as fpn
from watchkeeper.patrol.proof import rules as proof
from watchkeeper.patrol.shifts.rules import service_date_of, window
from watchkeeper.patrol.tasking.rules import Hotspot, merge, plan, split_teams

START, END = time(16, 0), time(3, 0)


def test_an_ordinary_winter_shift_is_eleven_hours_in_gmt():
    begins, ends = window(date(2026, 1, 10), START, END)
    assert begins == datetime(2026, 1, 10, 16, 0, tzinfo=UTC)
    assert ends == datetime(2026, 1, 11, 3, 0, tzinfo=UTC)


def test_a_summer_shift_is_an_hour_earlier_in_utc():
    begins, ends = window(date(2026, 7, 4), START, END)
    assert (begins, ends) == (datetime(2026, 7, 4, 15, 0, tzinfo=UTC), datetime(2026, 7, 5, 2, 0, tzinfo=UTC))


def test_the_spring_change_night_is_ten_hours():
    # Clocks go forward at 01:00 GMT on Sunday 29 March 2026: 16:00 GMT Saturday to 03:00 BST Sunday.
    begins, ends = window(date(2026, 3, 28), START, END)
    assert begins == datetime(2026, 3, 28, 16, 0, tzinfo=UTC)
    assert ends == datetime(2026, 3, 29, 2, 0, tzinfo=UTC)
    assert ends - begins == timedelta(hours=10)


def test_the_autumn_change_night_is_twelve_hours():
    # Clocks go back at 02:00 BST on Sunday 25 October 2026: 16:00 BST Saturday to 03:00 GMT Sunday.
    begins, ends = window(date(2026, 10, 24), START, END)
    assert begins == datetime(2026, 10, 24, 15, 0, tzinfo=UTC)
    assert ends == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)
    assert ends - begins == timedelta(hours=12)


def test_a_position_after_midnight_belongs_to_the_previous_nights_shift():
    assert service_date_of(datetime(2026, 1, 11, 1, 30, tzinfo=UTC), START, END) == date(2026, 1, 10)
    assert service_date_of(datetime(2026, 1, 11, 12, 0, tzinfo=UTC), START, END) is None
    # In the repeated hour of the autumn night (01:30 BST, then 01:30 GMT): both in the same shift.
    assert service_date_of(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), START, END) == date(2026, 10, 24)
    assert service_date_of(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), START, END) == date(2026, 10, 24)


def _spot(key, x, y, weight=1.0):
    return Hotspot(key, 51.5, -0.14, x, y, "forecast", weight)


def test_foot_patrols_take_the_heaviest_hotspot_and_its_walkable_neighbours():
    spots = [_spot("a", 0, 0, 5), _spot("b", 300, 400, 3), _spot("c", 3000, 0, 4)]
    teams = split_teams(spots, 800)
    assert [h.key for h in teams["foot"]] == ["a", "b"]
    assert [h.key for h in teams["vehicle"]] == ["c"]


def test_merge_drops_demand_next_to_a_forecast_hotspot():
    demand = [Hotspot("d1", 0, 0, 50, 0, "demand", 9), Hotspot("d2", 0, 0, 1000, 0, "demand", 3)]
    assert [h.key for h in merge([_spot("a", 0, 0)], demand, 150)] == ["a", "d2"]


def test_the_plan_is_random_but_reproducible_from_the_seed():
    spots = [_spot(k, i * 100, 0) for i, k in enumerate("abcdef")]
    start = datetime(2026, 1, 10, 16, tzinfo=UTC)
    end = start + timedelta(hours=11)
    one = plan({"foot": spots}, start, end, 120, 10, seed=7)
    again = plan({"foot": spots}, start, end, 120, 10, seed=7)
    other = plan({"foot": spots}, start, end, 120, 10, seed=8)
    assert one == again
    assert [t.hotspot.key for t in one] != [t.hotspot.key for t in other]
    # Rounds of two hours while a 10-minute visit fits: 16, 18, 20, 22, 00, 02 -> six rounds.
    assert sorted({t.round for t in one}) == [1, 2, 3, 4, 5, 6]
    assert all(sorted(t.hotspot.key for t in one if t.round == r) == list("abcdef") for r in range(1, 7))
    assert one[-1].due_by == end


def _fix(minute, x, y):
    return proof.Fix(datetime(2026, 1, 10, 18, 0, tzinfo=UTC) + timedelta(minutes=minute), x, y)


def test_positions_become_stays_with_dwell():
    spots = {"a": (0.0, 0.0), "b": (1000.0, 0.0)}
    fixes = [
        _fix(0, 500, 0),
        _fix(1, 10, 0),
        _fix(5, 20, 5),
        _fix(9, 5, 5),
        _fix(13, 0, 30),
        _fix(14, 600, 0),
        _fix(20, 990, 0),
    ]
    found = proof.stays(fixes, spots, 75, 300)
    assert [(s.hotspot, s.dwell_seconds, s.closed) for s in found] == [("a", 720, True), ("b", 0, False)]
    assert proof.stays(fixes, spots, 75, 300, over=True)[-1].closed


def test_a_long_gap_in_the_positions_splits_the_stay():
    found = proof.stays(
        [_fix(0, 0, 0), _fix(4, 0, 0), _fix(30, 0, 0), _fix(35, 0, 0), _fix(40, 0, 0)], {"a": (0.0, 0.0)}, 75, 300
    )
    assert [(s.dwell_seconds, s.closed) for s in found] == [(240, True), (600, False)]
    assert proof.met_dwell(600, 10) and not proof.met_dwell(599, 10)


class _E:
    def __init__(self, seq, kind, payload, prev):
        self.seq, self.at, self.kind, self.actor_label, self.payload = (
            seq,
            datetime(2026, 1, 1, tzinfo=UTC),
            kind,
            "x",
            payload,
        )
        self.prev_hash = prev
        self.hash = proof.link(seq, self.at, kind, "x", payload, prev)


def _chain(n):
    entries, prev = [], proof.GENESIS
    for i in range(1, n + 1):
        entries.append(_E(i, "visit", {"n": i}, prev))
        prev = entries[-1].hash
    return entries


def test_the_log_chain_detects_an_edit_a_removal_and_a_rewrite():
    assert proof.first_break(_chain(5)) is None
    edited = _chain(5)
    edited[2].payload = {"n": 99}
    assert proof.first_break(edited) == 3
    removed = _chain(5)
    del removed[1]
    assert proof.first_break(removed) == 3
    rewritten = _chain(5)  # entry 2 rewritten with a fresh hash of its own: entry 3 no longer links
    rewritten[1] = _E(2, "visit", {"n": 42}, rewritten[0].hash)
    assert proof.first_break(rewritten) == 3


def test_track_csv_is_all_or_nothing_with_line_numbers():
    good = "time,lat,lon\n2026-01-10T18:00:00Z,51.54,-0.14\n2026-01-10T18:01:00+00:00,51.541,-0.141\n"
    assert len(proof.parse_csv(good)) == 2
    with pytest.raises(proof.TrackError) as bad:
        proof.parse_csv("time,lat,lon\n2026-01-10T18:00:00Z,51.54,-0.14\n2026-01-10T18:01:00,51.5,-0.1\nx,95,0\n")
    assert bad.value.problems[0].startswith("line 3: ") and bad.value.problems[1].startswith("line 4: ")


def test_gpx_track_points_and_no_entities():
    gpx = (
        '<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1"><trk><trkseg>'
        '<trkpt lat="51.54" lon="-0.14"><time>2026-01-10T18:00:00Z</time></trkpt></trkseg></trk></gpx>'
    )
    assert proof.parse_gpx(gpx)[0].lat == 51.54
    with pytest.raises(proof.TrackError):
        proof.parse_gpx('<!DOCTYPE x [<!ENTITY a "aaaa">]><gpx>&a;</gpx>')


def test_only_powers_in_force_under_a_valid_licence_are_usable():
    today = date(2026, 6, 1)
    sia = Held("sia", "1234", date(2027, 1, 1))
    grants = [
        Held("power", "fpn-litter", date(2026, 12, 1), date(2025, 1, 1)),
        Held("power", "fpn-dog-fouling", date(2026, 5, 31), date(2025, 1, 1)),  # lapsed yesterday
        Held("power", "fpn-graffiti", date(2027, 1, 1), date(2025, 1, 1), withdrawn_on=date(2026, 3, 1)),
        Held("power", "require-name-address", date(2027, 1, 1), date(2026, 7, 1)),  # not yet granted
    ]
    assert usable_powers(grants, sia, today) == ["fpn-litter"]
    assert usable_powers(grants, Held("sia", "1234", date(2026, 5, 1)), today) == []
    due = expiring([sia, *grants], today, 30)
    assert [d.name for d in due] == ["fpn-dog-fouling"]


def test_the_notice_lifecycle_state_machine():
    issued = datetime(2026, 1, 1, tzinfo=UTC)
    later = issued + timedelta(days=20)
    ok = [("issued", "paid"), ("issued", "appealed"), ("appealed", "cancelled"), ("appealed", "issued")]
    for a, b in ok:
        assert fpn.transition_problem(a, b, issued, later, 14) is None
    for a, b in [("paid", "cancelled"), ("cancelled", "issued"), ("prosecuted", "paid"), ("appealed", "paid")]:
        assert fpn.transition_problem(a, b, issued, later, 14)
    assert fpn.transition_problem("issued", "prosecuted", issued, issued + timedelta(days=13), 14)
    assert fpn.transition_problem("issued", "prosecuted", issued, issued + timedelta(days=14), 14) is None


def test_no_target_on_the_number_of_notices():
    assert target_problem("notices_issued", 100, {"notices_issued"})
    assert target_problem("notices_issued", None, {"notices_issued"}) is None
    assert target_problem("payment_rate", 80, {"notices_issued"}) is None
