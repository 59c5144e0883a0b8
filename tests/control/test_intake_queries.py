"""Queries per request on the intake path, counted exactly so a regression shows: one complete
incident as the intake benchmark drives it (create, grade, recommend, assign, clear) through the
API with a bearer token, as a dispatcher's tools would."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.control.cad import CAMDEN_TOWN
from tests.support.intake import complete_incident
from watchkeeper.control.models import Incident, IncidentEvent, Unit

pytestmark = pytest.mark.django_db

# After the reference-data cache and one UPDATE ... RETURNING for the daily reference number (was
# create 18, grade 14: channel, category, settings and grades were read on every request). The
# rest: the token and its user, the user's partnerships, the locked rows, the timeline, the audit
# chain head, entry and update. Create includes fetching the one likely duplicate (the warm-up
# incident at the same spot).
# Each board message about an incident also reads its open assignments once, so the board shows
# open / despatched / at scene (issue 11): one indexed query on grade, assign and clear (a call just
# recorded has no unit yet, so create's message says "open" without asking).
# Recommend reads the reference-data token once (walking pace and the preference window are rule
# data an administrator edits, issue 11), so another process's change is seen at once.
EXPECTED = {"create": 14, "grade": 15, "recommend": 6, "assign": 16, "clear": 15}


def test_one_complete_incident_takes_a_known_number_of_queries(token_for):
    client, headers = Client(), token_for("dispatcher")
    complete_incident(client, headers, *CAMDEN_TOWN)  # warm: the first request loads reference data
    counts, made = complete_incident(client, headers, *CAMDEN_TOWN)
    assert counts == EXPECTED
    incident = Incident.objects.get(pk=made["incident"])
    assert incident.grade.code == "I" and Unit.objects.get(pk=made["unit"]).status == "available"
    kinds = set(IncidentEvent.objects.filter(incident=incident).values_list("kind", flat=True))
    assert {"created", "graded", "thrive", "assigned", "unit_status"} <= kinds
