"""The patrol officer's phone page: the despatch shows with grade and street, the officer
acknowledges (en route) and arrives, and cannot clear from the scene without saying the result."""

from __future__ import annotations

import pytest

from tests.conftest import person_client
from tests.control.cad import api, grade, new_incident, post
from watchkeeper.control.models import Assignment, IncidentEvent, Unit
from watchkeeper.control.services.field import result_needed

pytestmark = pytest.mark.django_db


def despatched_to_patrol() -> tuple[dict, Unit]:
    unit = Unit.objects.get(call_sign="RSP-1")
    Unit.objects.filter(pk=unit.pk).update(status="available")
    Assignment.objects.filter(unit=unit, cleared_at__isnull=True).update(cleared_at="2026-01-01T00:00:00Z")
    created = new_incident(category="asb-nuisance", description="Group shouting", location_text="Camden High Street")
    assert grade(created["id"], "S").status_code == 200
    sent = post(api("dispatcher"), f"/api/incidents/{created['id']}/assignments", {"unit": unit.pk})
    assert sent.status_code == 201, sent.content
    return created, unit


def test_result_needed_only_when_leaving_a_reached_scene():
    assert result_needed("available", arrived=True)
    assert result_needed("off_duty", arrived=True)
    assert not result_needed("at_scene", arrived=True)
    assert not result_needed("available", arrived=False)


def test_officer_sees_grade_street_and_route_then_acknowledges_arrives_and_clears_with_a_result():
    created, unit = despatched_to_patrol()
    officer = person_client("patrol")
    page = officer.get("/control/my-unit/").content.decode()
    assert created["reference"] in page and "S Significant" in page and "Camden High Street" in page
    assert f'data-route="/api/incidents/{created["id"]}/route?unit={unit.pk}"' in page
    assert 'data-testid="acknowledge"' in page
    assert officer.get(f"/api/incidents/{created['id']}/route", {"unit": unit.pk}).status_code == 200

    assert officer.post("/control/my-unit/", {"status": "en_route"}).status_code == 302
    page = officer.get("/control/my-unit/").content.decode()
    assert 'class="status-button current" aria-pressed="true">En route (now)' in page
    assert 'data-testid="arrive"' in page and 'data-testid="acknowledge"' not in page
    assert Assignment.objects.get(unit=unit, incident_id=created["id"]).en_route_at is not None
    assert officer.post("/control/my-unit/", {"status": "at_scene"}).status_code == 302
    page = officer.get("/control/my-unit/").content.decode()
    assert 'id="result"' in page

    refused = officer.post("/control/my-unit/", {"status": "available"})
    assert refused.status_code == 400 and "result" in refused.content.decode()
    unit.refresh_from_db()
    assert unit.status == "at_scene"

    done = officer.post("/control/my-unit/", {"status": "available", "result": "Group moved on, words of advice"})
    assert done.status_code == 302
    unit.refresh_from_db()
    assert unit.status == "available"
    note = IncidentEvent.objects.filter(incident_id=created["id"], kind="note").order_by("-at").first()
    assert note.payload["text"] == "Result from RSP-1: Group moved on, words of advice"
    assignment = Assignment.objects.get(unit=unit, incident_id=created["id"])
    assert assignment.en_route_at and assignment.arrived_at and assignment.cleared_at


def test_a_bad_status_is_a_message_not_a_crash():
    response = person_client("patrol").post("/control/my-unit/", {"status": "flying"})
    assert response.status_code == 400 and "status" in response.content.decode()
