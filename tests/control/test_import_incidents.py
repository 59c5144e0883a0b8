"""Importing historical CAD exports: a real US ECC weekly file loads with its timeline, re-importing
adds nothing, bad rows are reported while good rows load, and a wrong file writes nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.management import call_command

from tests import factories
from tests.conftest import shared_data
from watchkeeper.control import kpis
from watchkeeper.control.models import Incident, IncidentEvent
from watchkeeper.core.models import AuditEntry

# No demo borough: the profile imports into the safer-camden partnership, built here; grades,
# categories and closing codes are the reference data every database starts with.
pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture(autouse=True)
def camden():
    from watchkeeper.core.models import Partnership

    # Already there when an earlier test in the run loaded the demo borough.
    found = Partnership.objects.filter(slug="safer-camden").first()
    return found or factories.partnership(slug="safer-camden", name="Safer Camden Partnership")


HEADER = (
    "Master_Incident_Number,Agency,Problem,Priority_Number,Call_Reception,Incident_Start_Time,"
    "Incident_Queue_Time,Incident_Dispatch_Time,Incident_Enroute_Time,Incident_Arrival_Time,"
    "Incident_First_Close_Time,Final_Closed_Time,Disposition\n"
)
GOOD = (
    "T-1,POLICE,DISORDERLY CONDUCT,2,E-911,2025-08-24 00:30:00,2025-08-24 00:31:00,2025-08-24 00:32:00,"
    "2025-08-24 00:33:00,2025-08-24 00:39:00,NULL,2025-08-24 01:10:00,NR-No Report\n"
)
UNMAPPED = "T-2,POLICE,GHOST SIGHTING,4,Phone,2025-08-24 02:00:00,NULL,NULL,NULL,NULL,NULL,2025-08-24 02:05:00,CN\n"
BAD_TIME = "T-3,POLICE,NOISE COMPLAINT,4,Phone,not-a-time,NULL,NULL,NULL,NULL,NULL,NULL,NR\n"
BAD_PRIORITY = "T-4,POLICE,NOISE COMPLAINT,99,Phone,2025-08-24 03:00:00,NULL,NULL,NULL,NULL,NULL,NULL,NR\n"


def run(*args, capsys=None) -> tuple[int, str]:
    try:
        call_command("import_incidents", *[str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr() if capsys else None
    return code, (captured.out + captured.err) if captured else ""


def imported(source="us-ecc"):
    return Incident.objects.filter(source=source)


def test_a_real_weekly_export_loads_with_timelines_and_reimport_adds_nothing(capsys):
    week = shared_data("calls-for-service", "us-ecc-weekly", "week35.csv")
    code, output = run(week, "--profile", "us-ecc-weekly", capsys=capsys)
    assert code == 0, output
    assert imported().count() == 1346  # 1,348 rows, 2 without an incident number
    assert "line 268: no incident number" in output and "1346 incidents imported" in output

    first = imported().get(external_id="25-071089")  # ALARM COMMERCIAL, priority 2, FALSE-False Alarm
    assert (first.grade.code, first.category.code, first.channel.code) == ("I", "alarm", "101")
    assert first.status == Incident.Status.CLOSED and first.closing_code.code == "false-alarm"
    assert first.received_at == datetime.fromisoformat("2025-08-24T04:07:06+00:00")  # 00:07 EDT
    assert first.reference.endswith("/24AUG")
    assert first.location_accuracy == Incident.Accuracy.APPROXIMATE
    kinds = list(first.events.values_list("kind", flat=True))
    assert kinds == ["created", "graded", "assigned", "unit_status", "unit_status", "closed"]
    arrived = first.events.get(kind="unit_status", payload__status="at_scene")
    assert (arrived.at - first.received_at).total_seconds() == pytest.approx(1005.86, abs=0.01)

    # The response-time figures come from the synthesised timeline.
    report = kpis.response_figures(kpis.rows_for(imported()), kpis.grade_table())
    # Calls the export closed as duplicates or cancelled are left out, as live ones are (issue 10).
    left_out = {code: imported().filter(closing_code__code=code).count() for code in ("duplicate", "cancelled")}
    assert report["excluded"] == left_out and sum(left_out.values()) == 27
    assert report["incidents"] == 1346 - 27 and report["ungraded"] == 0
    immediate = report["immediate"]
    assert immediate["attended"] > 300 and 3 < immediate["median_minutes"] < 15  # US priority 1-2 calls

    audit_entries = AuditEntry.objects.filter(summary__contains="from week35.csv").count()
    assert audit_entries == 3  # one per batch of 500

    events_before = IncidentEvent.objects.count()
    code, output = run(week, "--profile", "us-ecc-weekly", capsys=capsys)
    assert code == 0
    assert imported().count() == 1346
    assert IncidentEvent.objects.count() == events_before
    assert "0 incidents imported, 1346 already imported" in output


def test_bad_rows_are_reported_by_line_while_good_rows_load(tmp_path, capsys):
    path = tmp_path / "mixed.csv"
    path.write_text(HEADER + GOOD + BAD_TIME + UNMAPPED + BAD_PRIORITY)
    code, output = run(path, "--profile", "us-ecc-weekly", capsys=capsys)
    assert code == 0
    assert set(imported().values_list("external_id", flat=True)) == {"T-1", "T-2"}
    assert "line 3: T-3: Incident_Start_Time 'not-a-time' is not a date and time" in output
    assert "line 5: T-4: priority '99'" in output
    assert "GHOST SIGHTING (1)" in output
    ghost = imported().get(external_id="T-2")
    assert ghost.category.code == "other-imported" and ghost.closing_code.code == "cancelled"
    assert list(ghost.events.values_list("kind", flat=True)) == ["created", "graded", "closed"]


def test_a_wrong_file_among_good_ones_writes_nothing_and_exits_2(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + GOOD)
    wrong = tmp_path / "crimes.csv"
    wrong.write_text("Crime ID,Month,Longitude,Latitude\nabc,2021-01,-0.1,51.5\n")
    audit_before = AuditEntry.objects.count()
    code, output = run(good, wrong, "--profile", "us-ecc-weekly", capsys=capsys)
    assert code == 2
    assert "crimes.csv" in output and "Master_Incident_Number" in output and "Nothing imported" in output
    assert not imported().exists()
    assert AuditEntry.objects.count() == audit_before


def test_binary_file_and_unknown_profile_are_refused(tmp_path, capsys):
    blob = tmp_path / "export.csv"
    blob.write_bytes(b"\xff\xfe\x00\x01binary")
    code, output = run(blob, "--profile", "us-ecc-weekly", capsys=capsys)
    assert code == 2 and "not a UTF-8 CSV" in output
    with pytest.raises(Exception, match="no shipped import profile"):
        call_command("import_incidents", str(blob), "--profile", "nope")
    assert not imported().exists()
