"""Import profiles and row rules, without a database: what a CAD export row means in our terms,
and the reasons a row or a file is refused."""

from __future__ import annotations

import csv
import io

import pytest

from watchkeeper.control.importing.profiles import Profile, ProfileError, shipped_document
from watchkeeper.control.importing.rules import BadRow, Call, WrongLayout, check_header, read_row

pytestmark = pytest.mark.kernel

HEADER = (
    "Master_Incident_Number,Agency,Problem,Priority_Number,Call_Reception,Incident_Start_Time,"
    "Incident_Queue_Time,Incident_Dispatch_Time,Incident_Enroute_Time,Incident_Arrival_Time,"
    "Incident_First_Close_Time,Final_Closed_Time,Disposition"
)


@pytest.fixture(scope="module")
def profile() -> Profile:
    return Profile.from_document(shipped_document("us-ecc-weekly"))


def rows(text: str) -> tuple[list[str], list[list[str]]]:
    reader = csv.reader(io.StringIO(text))
    return next(reader), list(reader)


def read(profile, line: str):
    header, data = rows(HEADER + "\n" + line)
    return read_row(profile, check_header(profile, header), 2, data[0])


def test_a_disorder_call_maps_onto_grade_category_channel_and_closing_code(profile):
    call = read(
        profile,
        "25-071090,POLICE,DISORDERLY CONDUCT,2,E-911,2025-08-24 00:30:00.000,2025-08-24 00:31:00.000,"
        "2025-08-24 00:32:10.500,2025-08-24 00:33:00.000,2025-08-24 00:39:00.000,NULL,"
        "2025-08-24 01:10:00.000,NR-No Report",
    )
    assert isinstance(call, Call)
    assert (call.external_id, call.grade, call.channel) == ("25-071090", "I", "999")
    assert (call.category, call.category_matched, call.closing_code) == ("asb-nuisance", True, "advice-given")
    # Alexandria is on US Eastern summer time in August: 00:30 local is 04:30 UTC.
    assert call.received.isoformat() == "2025-08-24T04:30:00+00:00"
    assert (call.arrived - call.received).total_seconds() == 9 * 60


def test_closed_falls_back_to_first_close_and_unknown_problem_goes_to_other(profile):
    call = read(
        profile,
        "25-1,POLICE,SOMETHING NEW,4,Phone,2025-08-24 10:00:00.000,NULL,NULL,NULL,NULL,"
        "2025-08-24 10:20:00.000,NULL,CN-Cancellation,NR-No Report",
    )
    assert isinstance(call, Call)
    assert call.closed is not None and call.closed.minute == 20
    assert (call.category, call.category_matched) == ("other-imported", False)
    assert call.closing_code == "cancelled"  # the first of several dispositions decides
    assert call.grade == "S"
    assert call.arrived is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (",POLICE,X,2,Phone,2025-08-24 10:00:00,NULL,NULL,NULL,NULL,NULL,NULL,NR", "no incident number"),
        ("25-2,POLICE,X,2,Phone,yesterday,NULL,NULL,NULL,NULL,NULL,NULL,NR", "'yesterday' is not a date and time"),
        ("25-3,POLICE,X,2,Phone,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NR", "no call-received time"),
        ("25-4,POLICE,X,7x,Phone,2025-08-24 10:00:00,NULL,NULL,NULL,NULL,NULL,NULL,NR", "priority '7x'"),
        (
            "25-5,POLICE,X,2,Phone,2025-08-24 10:00:00,NULL,2025-08-24 08:00:00,NULL,NULL,NULL,NULL,NR",
            "Incident_Dispatch_Time is before the call was received",
        ),
        (
            "25-6,POLICE,X,2,Phone,2025-08-24 10:00:00,NULL,NULL,NULL,2025-08-24 11:00:00,NULL,2025-08-24 10:30:00,NR",
            "closed before a unit arrived",
        ),
    ],
)
def test_bad_rows_say_why(profile, line, reason):
    result = read(profile, line)
    assert isinstance(result, BadRow)
    assert result.line == 2
    assert reason in result.reason


def test_the_night_clocks_go_back_is_not_an_error(profile):
    # Real row shape from week 45: received 01:38 (summer time), despatched at the second 01:06.
    call = read(
        profile,
        "25-092461,POLICE,ALARM COMMERCIAL,2,Phone,2025-11-02 01:38:20.000,NULL,2025-11-02 01:06:14.067,"
        "NULL,2025-11-02 01:10:37.150,NULL,2025-11-02 08:16:54.950,FALSE-False Alarm",
    )
    assert isinstance(call, Call)
    assert 25 < (call.despatched - call.received).total_seconds() / 60 < 30


def test_wrong_layout_names_every_missing_column(profile):
    with pytest.raises(WrongLayout) as caught:
        check_header(profile, ["Crime ID", "Month", "Longitude", "Latitude"])
    assert "Master_Incident_Number" in str(caught.value)
    assert "Incident_Start_Time" in caught.value.missing
    assert "Incident_First_Close_Time" not in caught.value.missing  # only a fallback


def test_a_repeated_column_the_profile_reads_is_ambiguous(profile):
    header, _ = rows(HEADER + ",Priority_Number,Elapsed_X,Elapsed_X\n")
    with pytest.raises(WrongLayout) as caught:
        check_header(profile, header)
    assert caught.value.duplicated == ["Priority_Number"]


def test_profile_validation_lists_every_problem():
    doc = {"name": "x", "source": "", "timezone": "Mars/Olympus", "columns": {"received": "A", "colour": "B"}}
    doc |= {"grades": {}, "categories": [["(", "x"]]}
    with pytest.raises(ProfileError) as caught:
        Profile.from_document(doc)
    message = str(caught.value)
    for expected in ("'source'", "Mars/Olympus", "unknown field 'colour'", "'external_id'", "'grades'", "rule 1"):
        assert expected in message


def test_repeated_hour_folds_follow_each_counters_number_order():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from watchkeeper.control.importing.rules import repeated_hour_folds

    def at(hhmm):
        return datetime.fromisoformat(f"2025-11-02T{hhmm}")

    calls = [
        (2, "A-100", at("01:10")),
        (3, "A-101", at("01:50")),
        (4, "A-102", at("01:05")),  # backwards: the second 01:05
        (5, "A-104", at("01:30")),
        (6, "B-900", at("01:20")),  # a counter that never goes backwards: nothing decides it
        (7, "B-901", at("01:40")),
        (8, "no-number", at("01:15")),
        (9, "A-5000", at("01:12")),  # far from A-1xx: another counter, alone
    ]
    folds, undecided = repeated_hour_folds(ZoneInfo("America/New_York"), calls)
    assert folds == {2: 0, 3: 0, 4: 1, 5: 1}
    assert undecided == {6, 7, 8, 9}


def test_an_undecided_repeated_hour_and_a_skipped_hour_are_reported(profile):
    repeated = (
        "25-1,POLICE,ALARM COMMERCIAL,2,Phone,2025-11-02 01:38:20.000,NULL,NULL,NULL,NULL,NULL,NULL,FALSE-False Alarm"
    )
    header, data = rows(HEADER + "\n" + repeated)
    bad = read_row(profile, check_header(profile, header), 2, data[0], received_fold=None)
    assert isinstance(bad, BadRow) and "repeated when clocks went back" in bad.reason
    second = read_row(profile, check_header(profile, header), 2, data[0], received_fold=1)
    assert second.received.isoformat() == "2025-11-02T06:38:20+00:00"
    skipped = read(profile, repeated.replace("2025-11-02 01:38:20.000", "2025-03-09 02:30:00.000"))
    assert isinstance(skipped, BadRow) and "clocks went forward" in skipped.reason
