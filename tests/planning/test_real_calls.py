"""The demand rules on real calls: the US ECC weekly CAD exports and phone reports in the shared
data folder (tests only: their SOURCE states no licence). The forecast made from ten whole weeks holds
the eleventh week's counts inside its 95% band; the phone report's own percentage columns agree
with the answered-within and abandonment shares read from its counts."""

import csv
from datetime import datetime, timedelta

import numpy as np
import pytest

from tests.support.shared_data import shared_data
from watchkeeper.planning.demand import phone
from watchkeeper.planning.demand.rules import forecast, profile, week_start

pytestmark = [pytest.mark.kernel, pytest.mark.shared_data]


def call_times(folder, weeks) -> list[datetime]:
    times = []
    for week in weeks:
        with (folder / f"week{week}.csv").open(newline="", encoding="utf-8-sig") as f:
            times += [datetime.strptime(r["Incident_Start_Time"][:19], "%Y-%m-%d %H:%M:%S") for r in csv.DictReader(f)]
    return times


def test_forecast_from_ten_weeks_holds_the_eleventh():
    folder = shared_data("calls-for-service", "us-ecc-weekly")
    times = call_times(folder, range(35, 47))  # US weeks, Sunday 24 August to Saturday 15 November 2025
    first = week_start(min(times)) + timedelta(days=7)  # Monday 25 August: the first whole week
    held_start = first + timedelta(weeks=10)  # Monday 3 November: the last whole week
    p = profile([t for t in times if t < held_start], first, 10)
    f = forecast(p, weeks_ahead=1)
    held_out = profile([t for t in times if held_start <= t], held_start, 1).counts[0]
    assert held_out.sum() > 1000
    inside = ((held_out >= f.low95[0]) & (held_out <= f.high95[0])).mean()
    assert inside >= 0.93, inside
    # Busiest in the working day, quietest before dawn.
    assert np.argmax(p.hour_index) in range(8, 20) and np.argmin(p.hour_index) in range(2, 7)


def test_phone_report_shares_match_its_own_percentage_columns():
    path = shared_data("calls-for-service", "us-ecc-weekly", "week_44_phone.csv")
    with path.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    hours = phone.read(rows)
    checked = 0
    for row, hour in zip(rows, hours, strict=True):
        assert hour.offered == int(row["911_T"])
        answered = hour.offered - hour.abandoned
        if answered:
            assert hour.answered_within(10) / answered == pytest.approx(float(row["911_PCT_10"]), abs=6e-5)
            assert hour.answered_within(20) / answered == pytest.approx(float(row["911_PCT_20"]), abs=6e-5)
            checked += 1
        if hour.offered:
            assert hour.abandoned / hour.offered == pytest.approx(float(row["911_PCT_AB"]), abs=6e-5)
    assert checked > 100
    week = phone.summary(hours)
    assert 0 < week["abandon"] < 0.5 and 0 < week["service_level"] < 1
    assert len(phone.by_hour_of_week(hours)) == 168
