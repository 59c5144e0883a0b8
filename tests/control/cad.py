"""Helpers for the control-room tests: API calls as personas, and a few Camden points."""

from __future__ import annotations

from tests.conftest import person_client

CAMDEN_TOWN = (51.5392, -0.1426)  # Camden High Street
NEAR_CAMDEN_TOWN = (51.5400, -0.1430)  # ~95 m away
KINGS_CROSS = (51.5316, -0.1236)
OUTSIDE = (51.5074, -0.1278)  # Trafalgar Square: Westminster, not Camden


def api(username: str):
    return person_client(username)


def post(client, path: str, body: dict):
    return client.post(path, body, content_type="application/json")


def new_incident(client=None, **overrides) -> dict:
    client = client or api("handler")
    lat, lon = overrides.pop("at", CAMDEN_TOWN)
    body = {
        "partnership": "safer-camden",
        "channel": "999",
        "category": "violence",
        "description": "Two men fighting outside the station",
        "lat": lat,
        "lon": lon,
        "caller_name": "Jo Bloggs",
        "caller_phone": "07700 900 555",
        **overrides,
    }
    response = post(client, "/api/incidents", body)
    assert response.status_code == 201, response.content
    return response.json()


def grade(incident_id: int, code: str = "I", client=None, **extra):
    body = {"grade": code, "rationale": "Violence in progress", "thrive": {"threat": "fight ongoing"}, **extra}
    return post(client or api("handler"), f"/api/incidents/{incident_id}/grade", body)


def events(incident_id: int) -> list[str]:
    from watchkeeper.control.models import IncidentEvent

    return list(
        IncidentEvent.objects.filter(incident_id=incident_id).order_by("at", "pk").values_list("kind", flat=True)
    )
