"""Every role check is an action in core/roles.py, asked through allowed(): no role names compared
elsewhere, and a token scope can tell taking command from handing it back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.control.cad import new_incident, post
from watchkeeper.control.models import Incident

SRC = Path(__file__).resolve().parents[2] / "src" / "watchkeeper"
ROLE_COMPARISON = re.compile(r"\.role\s*(==|!=)|\brole\s+(not\s+)?in\b")
# Demo personas are data: the loader sets the demo administrator's Django flags from it.
EXEMPT = {"core/roles.py", "demo/borough.py"}


def test_no_role_names_are_compared_outside_roles_py():
    """Regression: seven places compared role names instead of calling allowed()."""
    found = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if str(path.relative_to(SRC)) not in EXEMPT
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if ROLE_COMPARISON.search(line)
    ]
    assert found == []


@pytest.mark.django_db
def test_a_token_scope_tells_taking_command_from_handing_it_back(token_for, client):
    """Regression: a token scoped to incident.command could both take and return command."""
    created = new_incident()
    path = f"/api/incidents/{created['id']}/command"
    take = {"action": "take", "rationale": "Critical incident: control room takes it"}
    broad = token_for("inspector", scopes=["incident.view", "incident.command"])
    assert client.post(path, take, content_type="application/json", **broad).status_code == 403
    assert Incident.objects.get(pk=created["id"]).command == Incident.Command.BOROUGH
    narrow = token_for("inspector", scopes=["incident.view", "incident.command", "incident.command.take"])
    assert client.post(path, take, content_type="application/json", **narrow).status_code == 200
    assert Incident.objects.get(pk=created["id"]).command == Incident.Command.INSPECTOR
    give_back = {"action": "return", "rationale": "Borough resumes"}
    duty_broad = token_for("duty", scopes=["incident.view", "incident.command"])
    assert client.post(path, give_back, content_type="application/json", **duty_broad).status_code == 403
    assert Incident.objects.get(pk=created["id"]).command == Incident.Command.INSPECTOR
    duty = token_for("duty", scopes=["incident.view", "incident.command", "incident.command.return"])
    assert client.post(path, give_back, content_type="application/json", **duty).status_code == 200


@pytest.mark.django_db
def test_the_inspector_page_offers_take_and_the_duty_page_return():
    from tests.conftest import person_client

    created = new_incident()
    page = person_client("inspector").get(f"/control/incidents/{created['id']}/").content.decode()
    assert "Take command" in page
    post(person_client("inspector"), f"/api/incidents/{created['id']}/command", {"action": "take", "rationale": "x"})
    duty = person_client("duty").get(f"/control/incidents/{created['id']}/").content.decode()
    assert "Accept command back" in duty and "Take command" not in duty
