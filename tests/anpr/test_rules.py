"""Pure ANPR rules against independent references (numpy's percentile, hand-worked windows)."""

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from watchkeeper.anpr.ladder.rules import percentile_85, step, usual_window
from watchkeeper.anpr.reads.rules import PROFILES, calibration_ok, check_passes, normalise_plate, parse_row, threshold


def test_the_npcc_threshold():
    assert threshold(30, 10, 2) == pytest.approx(35.0)
    assert threshold(20, 10, 2) == pytest.approx(24.0)


@pytest.mark.parametrize("text, plate", [("ab12 cde", "AB12CDE"), ("A123 BCD", "A123BCD"), ("ABC 123D", "ABC123D")])
def test_plates_are_normalised(text, plate):
    assert normalise_plate(text) == plate


@pytest.mark.parametrize("text", ["", "AB12CDEF", "12AB34", "AB-12", "ÅB12CDE", "AB12 CD"])
def test_malformed_plates_are_refused(text):
    assert normalise_plate(text) is None


def test_calibration_counts_only_a_passed_check_that_has_not_lapsed():
    assert calibration_ok((date(2026, 1, 1), True), date(2026, 3, 1), 92)
    assert not calibration_ok((date(2026, 1, 1), True), date(2026, 5, 1), 92)  # lapsed
    assert not calibration_ok((date(2026, 1, 1), False), date(2026, 1, 2), 92)  # failed
    assert not calibration_ok(None, date(2026, 1, 2), 92)
    assert check_passes(30.4, 30.0, 1.0) and not check_passes(31.0, 30.0, 1.0)


def test_rows_are_checked_through_the_profile():
    profile, at = PROFILES["croydon-council"], "2026-05-01T08:00:00Z"
    row, problem = parse_row(
        {"VRM": "ab12cde", "Timestamp": at, "Camera": "S1", "Dir": "n", "Speed": "41"}, profile, 150
    )
    assert problem is None and (row.plate, row.direction, row.speed_mph) == ("AB12CDE", "N", 41.0)
    for bad, words in [({"Speed": "900"}, "impossible"), ({"Speed": "nan"}, "impossible"), ({"VRM": "??"}, "plate")]:
        raw = {"VRM": "ab12cde", "Timestamp": at, "Camera": "S1", "Speed": "41", **bad}
        assert words in parse_row(raw, profile, 150)[1]


def _at(days):
    return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=days)


def test_the_ladder_counts_repeats_within_six_months():
    assert step([], _at(0), 183) == 1
    assert step([_at(0)], _at(100), 183) == 2
    assert step([_at(0), _at(100)], _at(200), 183) == 3  # each within 183 days of the one before
    assert step([_at(0)], _at(200), 183) == 1  # more than 6 months: a fresh start
    assert step([_at(0), _at(10), _at(20)], _at(30), 183) == 3  # capped


def test_the_usual_window_may_cross_midnight():
    minutes = [23 * 60 + 40, 23 * 60 + 50, 5, 15, 12 * 60]
    found = usual_window(minutes, 60)
    assert (found.start_minute, found.end_minute, found.passes) == (23 * 60 + 30, 24 * 60 + 30, 4)
    assert sum(found.histogram) == 5 and found.histogram[23] == 2 and found.histogram[0] == 2


def test_the_usual_window_of_a_commuter():
    minutes = [7 * 60 + 50 + d % 20 for d in range(20)] + [18 * 60, 13 * 60]
    found = usual_window(minutes, 60)
    assert found.start_minute <= 7 * 60 + 50 and found.end_minute >= 8 * 60 + 10 and found.passes == 20


def test_the_85th_percentile_matches_numpy():
    rng = np.random.default_rng(3)
    for n in (1, 2, 7, 100):
        speeds = list(rng.normal(30, 5, n))
        assert percentile_85(speeds) == pytest.approx(float(np.percentile(speeds, 85)))
    assert percentile_85([]) is None
