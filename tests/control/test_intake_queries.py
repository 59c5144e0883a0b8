"""Queries per request on the intake path, counted exactly so a regression shows: one complete
incident as the intake benchmark drives it (create, grade, recommend, assign, clear) through the
API with a bearer token, as a dispatcher's tools would."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.control.cad import CAMDEN_TOWN
from watchkeeper.control.models import Incident, IncidentEvent, Unit

pytestmark = pytest.mark.django_db

# Measured after the reference-data cache (benchmarks/README.md, intake.py); was 13-15 a request.
EXPECTED = {"create": 15, "grade": 14, "recommend": 5, "assign": 15, "clear": 14}


def _complete_incident(client: Client, headers: dict) -> tuple[dict, dict]:
    counts, answers = {}, {}

    def request(kind, method, path, body=None):
        with CaptureQueriesContext(connection) as queries:
            if method == "GET":
                response = client.get(path, **headers)
            else:
                response = client.post(path, body, content_type="application/json", **headers)
        assert response.status_code < 300, (kind, response.content)
        counts[kind] = len(queries)
        answers[kind] = response.json()
        return answers[kind]

    body = {
        "partnership": "safer-camden",
        "channel": "999",
        "category": "violence",
        "description": "Youths fighting outside the shop",
        "lat": CAMDEN_TOWN[0],
        "lon": CAMDEN_TOWN[1],
    }
    incident = request("create", "POST", "/api/incidents", body)["id"]
    request("grade", "POST", f"/api/incidents/{incident}/grade", {"grade": "I", "rationale": "Fight in progress"})
    ranked = request("recommend", "GET", f"/api/incidents/{incident}/recommendations")
    unit = next(
        u["unit_id"]
        for u in ranked["items"]
        if u["available"] and u.get("suitable", True) and not any("authorisation" in f for f in u["flags"])
    )
    request("assign", "POST", f"/api/incidents/{incident}/assignments", {"unit": unit})
    request("clear", "POST", f"/api/units/{unit}/status", {"status": "available"})
    answers["incident"], answers["unit"] = incident, unit
    return counts, answers


def test_one_complete_incident_takes_a_known_number_of_queries(token_for):
    client, headers = Client(), token_for("dispatcher")
    _complete_incident(client, headers)  # warm: the first request of a process loads reference data
    counts, answers = _complete_incident(client, headers)
    assert counts == EXPECTED
    incident = Incident.objects.get(pk=answers["incident"])
    assert incident.grade.code == "I" and Unit.objects.get(pk=answers["unit"]).status == "available"
    kinds = set(IncidentEvent.objects.filter(incident=incident).values_list("kind", flat=True))
    assert {"created", "graded", "thrive", "assigned", "unit_status"} <= kinds
