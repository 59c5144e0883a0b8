"""A partner analyst loads published crime data and back-tests the forecasts on it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from watchkeeper.analysis.evaluate import main, run_evaluation
from watchkeeper.analysis.readers import DataFormatError, read_events, read_police_uk

from .conftest import shared_data

pytestmark = pytest.mark.kernel

HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context\n"
)
GOOD = (
    ",2021-03,Hertfordshire Constabulary,Hertfordshire Constabulary,-0.2,51.9,On or near X,E01023655,"
    "Stevenage 001A,Burglary,,\n"
)


def write_month(folder: Path, month: str, body: str) -> Path:
    path = folder / f"{month}-hertfordshire-street.csv"
    path.write_text(HEADER + body)
    return path


def test_a_garbled_latitude_is_reported_with_file_line_and_column(tmp_path):
    bad = GOOD.replace("51.9", "fifty-one")
    path = write_month(tmp_path, "2021-03", GOOD + GOOD + bad)

    with pytest.raises(DataFormatError) as caught:
        read_police_uk(tmp_path)

    assert caught.value.path == str(path)
    assert caught.value.line == 4 and caught.value.column == "Latitude"
    assert "2021-03-hertfordshire-street.csv, line 4, column 'Latitude'" in str(caught.value)


def test_a_bad_month_and_a_missing_column_are_named(tmp_path):
    write_month(tmp_path, "2021-03", GOOD.replace("2021-03", "March 2021"))
    with pytest.raises(DataFormatError, match=r"line 2, column 'Month'"):
        read_police_uk(tmp_path)
    (tmp_path / "2021-03-hertfordshire-street.csv").write_text("Month,Longitude\n2021-03,-0.2\n")
    with pytest.raises(DataFormatError, match=r"line 1, column 'Latitude'"):
        read_police_uk(tmp_path)


def test_rows_without_coordinates_or_outside_the_county_are_dropped_and_counted(tmp_path):
    no_location = GOOD.replace("-0.2,51.9", ",").replace("Stevenage 001A", "")
    elsewhere = GOOD.replace("Stevenage 001A", "Barnet 001A")
    write_month(tmp_path, "2021-03", GOOD + no_location + elsewhere)

    events = read_police_uk(tmp_path)

    assert events.frame.height == 1
    assert events.dropped == {"no_coordinates": 1, "outside_force_districts": 1}
    assert events.resolution == "month" and str(events.frame["time"][0]) == "2021-03-01 00:00:00"


def test_main_rejects_a_folder_it_cannot_read(tmp_path, capsys):
    write_month(tmp_path, "2021-03", GOOD.replace("-0.2", "west"))
    assert main(["--data", str(tmp_path)]) == 2
    assert "line 2, column 'Longitude'" in capsys.readouterr().err


@pytest.mark.shared_data
def test_city_of_london_back_test_beats_random_and_prints_result_lines(tmp_path):
    source = shared_data("police-uk", "city-of-london")
    # A small real slice: the last five months (four test periods), copied so the reader sees
    # only them; the City boundary file is absent there, so the study area is the events' hull.
    for path in sorted(source.glob("*.csv"))[-5:]:
        shutil.copy(path, tmp_path / path.name)
    out = io.StringIO()

    assert main(["--data", str(tmp_path), "--method", "all", "--coverage", "0.05"], out=out) == 0

    lines = out.getvalue().strip().splitlines()
    results = [line for line in lines if line.startswith("RESULT method=")]
    assert [r.split()[1] for r in results] == ["method=bjp", "method=sepp", "method=last", "method=kde"]
    assert sum(line.startswith("2020-") for line in lines) == 4
    for method in ("bjp", "sepp", "last", "kde"):
        assert run_evaluation(read_events(tmp_path), method, 0.05, periods=2)[method].mean_pai > 2.0


@pytest.mark.shared_data
def test_portland_calls_are_read_in_metres_with_the_district_boundary():
    events = read_events(shared_data("calls-for-service", "portland-nij"))
    assert events.frame.height == 19_375 and events.dropped == {"no_coordinates": 1}
    assert events.resolution == "day"
    # Portland covers roughly 375 km^2; in feet^2 it would be ~11x bigger.
    assert 300e6 < events.area.area < 450e6
    minx, miny, maxx, maxy = events.area.bounds
    assert (events.x.min() > minx - 20_000) and (events.y.max() < maxy + 20_000)


@pytest.mark.shared_data
def test_main_for_one_method_ends_with_its_result_line():
    out = io.StringIO()
    data = shared_data("police-uk", "city-of-london")
    assert main(["--data", str(data), "--method", "bjp", "--periods", "2"], out=out) == 0
    assert out.getvalue().strip().splitlines()[-1].startswith("RESULT method=bjp mean_pai=")
