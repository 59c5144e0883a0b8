"""Channel is visible only to its named panel members: to anyone else, including another Channel
panel member not named on the case, it does not exist by any path: the case and its notes by id,
lists, counts, the home panel, reports and their CSV, meeting agendas, the subject's person record."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PERSONAS
from watchkeeper.cases.core.models import Case, Kind
from watchkeeper.core.models import Agency, Person, Restriction, User

pytestmark = pytest.mark.django_db
MARK = "Vorpalwyrm"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def channel_case(as_user):
    panel = as_user("channel")
    subject = Person.objects.create(
        partnership=Case._meta.get_field("partnership").related_model.objects.get(slug="safer-camden"),
        given_name="Ezra",
        family_name=MARK,
        restriction=Restriction.PEOPLE,
        owner_agency=Agency.objects.get(slug="camden-prevent"),
    )
    subject.shared_users.add(User.objects.get(username="channel"))
    response = post(
        panel, "/api/cases", {"partnership": "safer-camden", "kind": "channel", "title": f"{MARK} referral"}
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert post(panel, f"/api/cases/{case.pk}/parties", {"role": "subject", "person": subject.pk}).status_code == 201
    assert post(panel, f"/api/cases/{case.pk}/notes", {"text": f"{MARK} panel note"}).status_code == 201
    assert (
        post(
            panel,
            f"/api/cases/{case.pk}/actions",
            {"agency": subject.owner_agency_id, "text": f"{MARK} mentor", "due": "2026-01-01"},
        ).status_code
        == 201
    )
    return case, subject


def test_the_named_panel_member_sees_and_works_the_case(as_user, channel_case):
    case, _ = channel_case
    panel = as_user("channel")
    assert MARK in panel.get(f"/api/cases/{case.pk}").content.decode()
    assert case.pk in [c["id"] for c in panel.get("/api/cases").json()["items"]]
    for stage in ("screening", "gathering", "panel"):
        assert post(panel, f"/api/cases/{case.pk}/channel-stage", {"stage": stage}).status_code == 200
    assert post(panel, f"/api/cases/{case.pk}/channel-stage", {"stage": "adopted"}).status_code == 400  # no reason
    assert (
        post(
            panel, f"/api/cases/{case.pk}/channel-stage", {"stage": "adopted", "reason": "Vulnerable to radicalisation"}
        ).status_code
        == 200
    )
    assert post(panel, f"/api/cases/{case.pk}/channel-stage", {"stage": "consent"}).status_code == 200
    assert post(panel, f"/api/cases/{case.pk}/channel-stage", {"stage": "support"}).status_code == 400  # no consent
    child = {"status": "given", "given_by": "J Smith", "on": "2026-01-05", "child": True}
    assert post(panel, f"/api/cases/{case.pk}/consent", child).status_code == 400
    child["given_by"] = "parent: J Smith"
    assert post(panel, f"/api/cases/{case.pk}/consent", child).status_code == 200
    assert post(panel, f"/api/cases/{case.pk}/channel-stage", {"stage": "support"}).status_code == 200
    assert Case.objects.get(pk=case.pk).stage == "support"


def test_a_channel_case_cannot_be_opened_wider_or_shared_outside_the_panel(as_user, channel_case):
    case, _ = channel_case
    panel = as_user("channel")
    assert (
        post(
            panel,
            f"/api/cases/{case.pk}/restriction",
            {"restriction": "partnership", "reason": "test: who needs to know"},
        ).status_code
        == 400
    )
    idva = User.objects.get(username="idva")
    body = {"restriction": "people", "shared_users": [idva.pk], "reason": "test: share"}
    assert post(panel, f"/api/cases/{case.pk}/restriction", body).status_code == 400
    assert post(panel, f"/api/cases/{case.pk}/handover", {"officer": idva.pk}).status_code == 400
    assert Case.objects.get(pk=case.pk).restriction == Restriction.PEOPLE


def _everything(client, case, subject) -> list[tuple[str, int, str]]:
    seen = []
    for url, params in [
        (f"/api/cases/{case.pk}", {}),
        ("/api/cases", {"limit": 500}),
        ("/api/cases", {"kind": "channel"}),
        ("/api/case-reports/summary", {}),
        ("/api/case-reports/overdue", {"limit": 500}),
        ("/api/meetings", {}),
        ("/cases/", {}),
        ("/cases/", {"kind": "channel"}),
        (f"/cases/{case.pk}/", {}),
        ("/cases/reports/", {}),
        ("/cases/reports/caseload.csv", {}),
        ("/", {}),
        (f"/people/{subject.pk}/", {"reason": "checking"}),
        ("/people/", {"q": "Vorpal", "reason": "checking"}),
        ("/api/people", {"q": "Vorpal"}),
        ("/audit/", {}),
    ]:
        response = client.get(url, params)
        body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
        seen.append((url, response.status_code, body.decode("utf-8", "replace")))
    return seen


@pytest.mark.parametrize("username", [p for p in PERSONAS if p != "channel"])
def test_nobody_else_learns_that_the_case_exists(username, as_user, channel_case):
    case, subject = channel_case
    client = as_user(username)
    for url, status, text in _everything(client, case, subject):
        if username == "auditor" and url == "/audit/":
            continue  # auditors do see the audit trail of every case: the one exception
        assert MARK not in text, (username, url)
        assert case.reference not in text, (username, url)
        if url == f"/api/cases/{case.pk}" or url == f"/cases/{case.pk}/":
            assert status in (403, 404), (username, url, status)
    # Writes to it answer as for a case that does not exist.
    assert post(client, f"/api/cases/{case.pk}/notes", {"text": "probe"}).status_code in (403, 404)
    assert post(client, f"/api/cases/{case.pk}/channel-stage", {"stage": "closed", "reason": "x"}).status_code in (
        403,
        404,
    )


def test_a_panel_member_not_named_on_the_case_does_not_see_it(as_user, channel_case):
    from django.test import Client

    case, subject = channel_case
    other = User.objects.create(
        username="panel2", role="channel_panel", agency=Agency.objects.get(slug="camden-prevent")
    )
    client = Client()
    client.force_login(other)
    for url, _status, text in _everything(client, case, subject):
        assert MARK not in text, url
    counts = client.get("/api/case-reports/summary").json()["caseload"]
    assert all(row["kind"] != Kind.CHANNEL for row in counts)
    mine = as_user("channel").get("/api/case-reports/summary").json()["caseload"]
    assert any(row["kind"] == Kind.CHANNEL for row in mine)
