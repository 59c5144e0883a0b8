"""The live board's first paint and state, and the import upload page, as named personas."""

from __future__ import annotations

import pytest

from tests.control.cad import grade, new_incident
from watchkeeper.control.models import Incident, Unit

pytestmark = pytest.mark.django_db

HEADER = (
    "Master_Incident_Number,Agency,Problem,Priority_Number,Call_Reception,Incident_Start_Time,"
    "Incident_Queue_Time,Incident_Dispatch_Time,Incident_Enroute_Time,Incident_Arrival_Time,"
    "Incident_First_Close_Time,Final_Closed_Time,Disposition\n"
)
ROW = (
    "U-1,POLICE,FIGHT NO WEAPONS,1,E-911,2025-08-24 22:00:00,NULL,2025-08-24 22:01:00,NULL,"
    "2025-08-24 22:06:00,NULL,2025-08-24 23:00:00,RE-Report\n"
)


def test_dispatcher_sees_open_incidents_by_grade_and_units_on_the_board(as_user):
    created = new_incident()
    grade(created["id"], "I")
    page = as_user("dispatcher").get("/control/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'id="incident-{created["id"]}"' in html and created["reference"] in html
    assert "board.js" in html and 'id="board-state"' in html
    state = as_user("dispatcher").get("/control/board/state.json").json()
    row = next(i for i in state["incidents"] if i["id"] == created["id"])
    assert (row["grade"], row["status"]) == ("I", "open")
    assert state["grades"]["I"]["target_minutes"] == 15
    on_duty = Unit.objects.filter(partnership__slug="safer-camden").exclude(status=Unit.Status.OFF_DUTY).count()
    assert len(state["units"]) == on_duty > 0
    assert {"call_sign", "status", "lat", "lon"} <= set(state["units"][0])


def test_closed_and_imported_incidents_stay_off_the_board(as_user):
    created = new_incident()
    Incident.objects.filter(pk=created["id"]).update(source="us-ecc", external_id="X-1")
    state = as_user("dispatcher").get("/control/board/state.json").json()
    assert created["id"] not in {i["id"] for i in state["incidents"]}


def test_partner_viewer_is_refused_the_board(as_user):
    assert as_user("partner").get("/control/").status_code == 403
    assert as_user("partner").get("/control/board/state.json").status_code == 403


def test_analyst_uploads_an_export_and_sees_the_summary(as_user, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = as_user("analyst")
    assert client.get("/control/import/").status_code == 200
    upload = SimpleUploadedFile("week.csv", (HEADER + ROW + "U-2,POLICE,X,77,Phone,NULL,,,,,,,NR\n").encode())
    response = client.post(
        "/control/import/", {"files": upload, "profile": "us-ecc-weekly", "partnership": "safer-camden"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 incidents imported" in html and "no call-received time" in html
    incident = Incident.objects.get(source="us-ecc", external_id="U-1")
    assert incident.category.code == "violence" and incident.grade.code == "I"
    assert incident.events.filter(kind="unit_status", payload__status="at_scene").exists()


def test_upload_of_a_wrong_file_writes_nothing(as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("crimes.csv", b"Crime ID,Month\nx,2021-01\n")
    response = as_user("analyst").post(
        "/control/import/", {"files": upload, "profile": "us-ecc-weekly", "partnership": "safer-camden"}
    )
    assert response.status_code == 400
    assert "crimes.csv" in response.content.decode() and "Master_Incident_Number" in response.content.decode()
    assert not Incident.objects.filter(source="us-ecc").exists()
    assert as_user("dispatcher").get("/control/import/").status_code == 403


def test_board_shows_ungraded_first_stage_after_despatch_and_each_units_incident(as_user):
    from tests.control.cad import api

    graded = new_incident(location_text="Camden High Street")
    grade(graded["id"], "I")
    ungraded = new_incident(location_text="Kentish Town Road")
    unit = Unit.objects.filter(partnership__slug="safer-camden", status=Unit.Status.AVAILABLE, kind="response").first()
    response = api("dispatcher").post(
        f"/api/incidents/{graded['id']}/assignments", {"unit": unit.pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    state = as_user("dispatcher").get("/control/board/state.json").json()
    order = [i["id"] for i in state["incidents"]]
    assert order.index(ungraded["id"]) < order.index(graded["id"]), "an ungraded call is the most urgent"
    rows = {i["id"]: i for i in state["incidents"]}
    assert rows[graded["id"]]["stage"] == "despatched" and rows[ungraded["id"]]["stage"] == "open"
    assert rows[graded["id"]]["location"] == "Camden High Street"
    sent = next(u for u in state["units"] if u["id"] == unit.pk)
    assert (sent["incident_id"], sent["incident_reference"]) == (graded["id"], graded["reference"])
    assert sent["street"] == "Camden High Street" and sent["status_since"]
    html = as_user("dispatcher").get("/control/").content.decode()
    assert graded["reference"] in html.split(f'id="unit-{unit.pk}"')[1].split("</tr>")[0]


def test_hertfordshire_board_draws_its_wards_and_says_times_are_straight_line(as_user):
    """No road network is bundled for Hertfordshire: its board offers no Camden roads, opens over
    its own area and says travel times are straight-line estimates. Camden's board keeps its roads."""
    herts = as_user("herts-dispatcher").get("/control/")
    assert herts.status_code == 200
    state = herts.context["state"]
    assert [layer["name"] for layer in state["layers"]] == ["Wards"]
    lat, lon = state["center"]
    assert 51.6 < lat < 52.1 and -0.6 < lon < 0.2  # Hertfordshire, not Camden
    assert b'data-testid="map-note"' in herts.content and b"Straight-line estimate" in herts.content
    camden = as_user("dispatcher").get("/control/")
    assert [layer["name"] for layer in camden.context["state"]["layers"]] == ["Roads", "Wards"]
    assert b'data-testid="map-note"' not in camden.content
    wards = as_user("herts-dispatcher").get(state["layers"][0]["url"]).json()["features"]
    assert wards and all(w["properties"]["district"] for w in wards)
