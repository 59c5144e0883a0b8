"""Personas: the analyst imports and sets targets; a Stevenage partner sees only Stevenage; a patrol
officer records a visit; bad files give clear errors and import nothing; exports and packs are audited."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils.html import escape

from tests.conftest import shared_data
from watchkeeper.core.models import AuditEntry, District, Partnership
from watchkeeper.intel.models import Baseline, Crime, ImportRun, PatrolTasking, PatrolVisit, Target

pytestmark = pytest.mark.django_db

HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    "Last outcome category,Context\n"
)


def test_analyst_uploads_a_file_and_bad_rows_are_listed(as_user):
    body = HEADER + (
        "up1,2019-05,Met,Met,-0.1262,51.5291,On or near Judd Street,E01,Camden 022A,Burglary,,\n"
        "up2,2019-05,Met,Met,-0.1262,nowhere,On or near Judd Street,E01,Camden 022A,Burglary,,\n"
    )
    client = as_user("analyst")
    response = client.post(
        "/intel/import/",
        {"partnership": "safer-camden", "street": SimpleUploadedFile("2019-05-camden-street.csv", body.encode())},
    )
    assert response.status_code == 200
    run = ImportRun.objects.get(file_name="2019-05-camden-street.csv")
    assert run.rows_ok == 1 and run.rows_bad == 1 and run.errors[0]["line"] == 3
    # The analyst sees the bad row on the page: its line, the column and the problem.
    bad = run.errors[0]
    row = f"<td>3</td><td>{escape(bad['column'])}</td><td>{escape(bad['problem'])}</td>"
    assert bad["column"] == "Latitude" and row in response.content.decode()
    assert run.user.username == "analyst"
    assert Crime.objects.filter(crime_id="up1", import_run=run).exists()
    assert AuditEntry.objects.filter(object_type="intel.importrun", object_id=str(run.pk), actor__username="analyst")


def test_upload_with_wrong_layout_imports_nothing(as_user):
    before = Crime.objects.count()
    response = as_user("analyst").post(
        "/intel/import/",
        {"partnership": "safer-camden", "street": SimpleUploadedFile("calls.csv", b"when,what\n2019-01-01,x\n")},
    )
    assert response.status_code == 400
    assert b"calls.csv" in response.content and b"Crime type" in response.content
    assert Crime.objects.count() == before and not ImportRun.objects.exists()


def test_analyst_sets_baseline_and_target_and_sees_rag(as_user):
    client = as_user("analyst")
    response = client.post(
        "/intel/targets/", {"b-name": "2019 H1", "b-start_month": "2019-06", "b-end_month": "2019-06"}
    )
    assert response.status_code == 302
    baseline = Baseline.objects.get(name="2019 H1")
    assert AuditEntry.objects.filter(object_type="intel.baseline", object_id=str(baseline.pk)).exists()
    response = client.post(
        "/intel/targets/",
        {
            "t-baseline": str(baseline.pk),
            "t-category": "Burglary",
            "t-reduction_percent": "10",
            "t-period_start": "2019-06",
            "t-period_end": "2019-12",
        },
    )
    assert response.status_code == 302
    target = Target.objects.get(baseline=baseline, category="Burglary")
    assert target.created_by.username == "analyst"
    page = client.get("/intel/?start=2019-06&end=2019-06&category=Burglary")
    assert page.status_code == 200 and b"within normal variation" in page.content
    api = client.get("/api/intel/targets").json()
    row = next(r for r in api["items"] if r["id"] == target.pk)
    assert row["rag"] == "grey" and row["rate_ratio"] == pytest.approx(1.0)


def test_target_without_baseline_is_refused(as_user, token_for):
    client = as_user("analyst")
    before = Target.objects.count()
    response = client.post(
        "/intel/targets/",
        {
            "t-baseline": "",
            "t-category": "Burglary",
            "t-reduction_percent": "10",
            "t-period_start": "2019-06",
            "t-period_end": "2019-12",
        },
    )
    assert response.status_code == 400 and b"needs a baseline" in response.content
    response = client.post(
        "/api/intel/targets",
        json.dumps(
            {
                "partnership": "safer-camden",
                "category": "Burglary",
                "reduction_percent": 10,
                "period_start": "2019-06",
                "period_end": "2019-12",
            }
        ),
        content_type="application/json",
        **token_for("analyst", ["intel.manage"]),
    )
    assert response.status_code == 400 and "baseline" in response.json()["detail"]
    assert Target.objects.count() == before


def test_stevenage_partner_sees_only_stevenage(as_user):
    street = shared_data("police-uk", "hertfordshire", "street", "2021-05-hertfordshire-street.csv")
    call_command("import_crimes", str(street), "--partnership", "herts-cctv")
    stevenage = District.objects.get(code="E07000243")
    herts = Partnership.objects.get(slug="herts-cctv")
    expected = Crime.objects.filter(partnership=herts, district=stevenage, outside_area=False).count()
    assert 0 < expected < Crime.objects.filter(partnership=herts).count()
    client = as_user("stevenage")
    data = client.get("/api/intel/trends?start=2021-05&end=2021-05").json()
    assert data["partnership"] == "herts-cctv" and data["total"] == [expected]
    listed = client.get("/api/intel/crimes?start=2021-05&end=2021-05&limit=500").json()
    assert listed["count"] == expected
    assert {c["district_id"] for c in listed["items"]} == {stevenage.pk}
    # Asking for another district is overridden by the user's own district.
    east = District.objects.get(name="East Herts")
    again = client.get(f"/api/intel/trends?start=2021-05&end=2021-05&district={east.pk}").json()
    assert again["total"] == [expected]
    assert client.get("/api/intel/crimes?start=2019-06&end=2019-06").json()["count"] == 0  # no Camden crime


def test_patrol_records_a_visit(as_user):
    tasking = PatrolTasking.objects.get(name="Demo: first week of July 2019")
    cell = tasking.cells.get(rank=1)
    client = as_user("patrol")
    page = client.get("/intel/my-taskings/")
    assert page.status_code == 200 and tasking.name.encode() in page.content
    response = client.post(
        "/intel/my-taskings/",
        {
            "cell": cell.pk,
            "arrived_at": "2019-07-02T21:00",
            "left_at": "2019-07-02T21:20",
            "note": "Quiet, groups moved on",
        },
    )
    assert response.status_code == 302
    visit = PatrolVisit.objects.get(cell=cell)
    assert visit.officer.username == "patrol" and visit.minutes == 20
    assert AuditEntry.objects.filter(object_type="intel.patrolvisit", object_id=str(visit.pk)).exists()
    bad = client.post(
        "/intel/my-taskings/", {"cell": cell.pk, "arrived_at": "2019-07-02T21:00", "left_at": "2019-07-02T20:00"}
    )
    assert bad.status_code == 400 and PatrolVisit.objects.filter(cell=cell).count() == 1


def test_analyst_creates_a_tasking_from_the_forecast(as_user):
    response = as_user("analyst").post(
        "/intel/tasking/",
        {
            "name": "July week 2",
            "method": "sepp",
            "period_start": "2019-07-08",
            "period_end": "2019-07-14",
            "category": "",
            "cells": "10",
        },
    )
    assert response.status_code == 302
    tasking = PatrolTasking.objects.get(name="July week 2")
    ranks = list(tasking.cells.values_list("rank", flat=True))
    assert ranks == list(range(1, 11))
    risks = list(tasking.cells.values_list("risk", flat=True))
    assert risks == sorted(risks, reverse=True)


def test_hotspot_export_is_audited_and_coloured(as_user):
    client = as_user("analyst")
    response = client.get("/intel/hotspots/export.geojson?start=2019-06&end=2019-06&method=gistar")
    assert response.status_code == 200
    cells = json.loads(response.content)["features"]
    assert cells and all(f["properties"]["colour"] in ("#c0392b", "#2c7bb6") for f in cells)
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.EXPORT, object_type="intel.hotspots").count() == 1
    csv_rows = client.get("/intel/hotspots/export.csv?start=2019-06&end=2019-06").content.decode().splitlines()
    assert csv_rows[0] == "cell_id,lat,lon,value,colour" and len(csv_rows) > 10


def test_pack_and_surveys(as_user):
    client = as_user("analyst")
    pack = client.get("/intel/pack/?start=2019-06&end=2019-06")
    assert pack.status_code == 200
    inside = Crime.objects.filter(partnership__slug="safer-camden", month="2019-06-01", outside_area=False).count()
    assert b"<svg" in pack.content and f"{inside} crimes recorded".encode() in pack.content
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.EXPORT, object_type="intel.pack").exists()
    surveys = client.get("/intel/surveys/")
    assert b"synthetic demo data" in surveys.content
    pdf = client.get("/intel/pack/?start=2019-06&end=2019-06&format=pdf")
    # fpdf2 is a pinned dependency, so the PDF is always there (501 only when it is missing).
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_survey_import_reports_bad_rows(as_user):
    from watchkeeper.intel.models import SurveyResponse

    body = (
        "respondent,date,ward,question,answer\n"
        "r1,2019-08-01,Camden Town,Feel safe?,yes\nr2,2019-08-01,Camden Town,Feel safe?,perhaps\n"
    )
    response = as_user("analyst").post("/intel/surveys/", {"survey": SimpleUploadedFile("s.csv", body.encode())})
    assert response.status_code == 200 and b"perhaps" in response.content
    saved = SurveyResponse.objects.get(respondent="r1")
    assert saved.positive and not saved.synthetic
