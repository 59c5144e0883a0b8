"""Each action carries a copy of its case's audience so the overdue view needs no join (issue 13,
Measure). These tests prove the copy changes nothing about who sees what: an action of a restricted
or Channel case never shows to a reader who may not see the case, a change of restriction or owner
agency on the case reaches its actions in the same transaction, and for every persona the actions
they see are exactly the actions of the cases they see."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import PERSONAS
from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core.models import Action, Case, action_copies
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Agency, Partnership, Restriction, User
from watchkeeper.core.visibility import visible

pytestmark = pytest.mark.django_db
MARK = "Quillonbrae"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def overdue_texts(client) -> set[str]:
    response = client.get("/api/case-reports/overdue?limit=500")
    assert response.status_code == 200, response.content
    return {row["text"] for row in response.json()["items"]}


def overdue_count(client) -> int:
    rows = client.get("/api/case-reports/summary").json()["overdue_by_agency"]
    return sum(row["overdue"] for row in rows)


def open_with_overdue_action(client, kind: str, text: str, agency: str) -> Case:
    response = post(client, "/api/cases", {"partnership": "safer-camden", "kind": kind, "title": f"{MARK} {kind}"})
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    due = (timezone.localdate() - timedelta(days=3)).isoformat()
    body = {"agency": Agency.objects.get(slug=agency).pk, "text": text, "due": due}
    assert post(client, f"/api/cases/{case.pk}/actions", body).status_code == 201
    return case


def assert_copies_in_step():
    for action in Action.objects.select_related("case"):
        copied = {name: getattr(action, name) for name in action_copies(action.case)}
        assert copied == action_copies(action.case), action.pk


def test_a_channel_cases_action_is_seen_by_its_panel_only(as_user):
    others = ("asb", "idva", "iom", "partner")
    counts = {username: overdue_count(as_user(username)) for username in (*others, "channel")}
    panel = as_user("channel")
    open_with_overdue_action(panel, "channel", f"{MARK} mentor session", "camden-prevent")
    assert f"{MARK} mentor session" in overdue_texts(panel)
    assert overdue_count(panel) == counts["channel"] + 1
    for username in others:
        client = as_user(username)
        assert MARK not in client.get("/api/case-reports/overdue?limit=500").content.decode(), username
        assert overdue_count(client) == counts[username], username  # not even counted
    for username in ("stevenage", "analyst"):  # another partnership; a role without case.view
        assert as_user(username).get("/api/case-reports/overdue").status_code in (200, 403)
        assert MARK not in as_user(username).get("/api/case-reports/overdue").content.decode()
    assert_copies_in_step()


def test_restricting_a_case_hides_its_actions_at_once_and_handing_over_moves_them(as_user):
    asb, idva = as_user("asb"), as_user("idva")
    case = open_with_overdue_action(asb, "asb", f"{MARK} visit the block", "camden-asb")
    before = overdue_count(idva)
    assert f"{MARK} visit the block" in overdue_texts(idva)  # partnership-wide: every caseworker

    response = post(
        asb, f"/api/cases/{case.pk}/restriction", {"restriction": "agencies", "reason": "test: who needs to know"}
    )
    assert response.status_code == 200, response.content
    action = Action.objects.get(case=case)
    assert action.case_restriction == Restriction.AGENCIES
    assert f"{MARK} visit the block" not in overdue_texts(idva)
    assert overdue_count(idva) == before - 1
    assert f"{MARK} visit the block" in overdue_texts(asb)

    # Handed to the IDVA's agency: the action follows the case's new owner agency.
    grace = User.objects.get(username="idva")
    marcus = Actor(User.objects.get(username="asb"))
    case_services.hand_over(marcus, Case.objects.get(pk=case.pk), grace.pk)
    action.refresh_from_db()
    assert action.case_owner_agency_id == grace.agency_id
    assert f"{MARK} visit the block" in overdue_texts(idva)
    assert f"{MARK} visit the block" not in overdue_texts(asb)

    # Named people only, the IDVA named: the ASB officer's agency no longer sees it either way.
    response = post(
        idva, f"/api/cases/{case.pk}/restriction", {"restriction": "people", "reason": "test: who needs to know"}
    )
    assert response.status_code == 200, response.content
    assert Action.objects.get(case=case).case_restriction == Restriction.PEOPLE
    assert f"{MARK} visit the block" in overdue_texts(idva)
    assert f"{MARK} visit the block" not in overdue_texts(asb)
    assert_copies_in_step()


def test_a_refused_restriction_change_leaves_the_actions_as_they_were(as_user):
    asb = as_user("asb")
    case = open_with_overdue_action(asb, "asb", f"{MARK} refused change", "camden-asb")
    stranger = User.objects.get(username="stevenage")  # another partnership: not nameable
    body = {"restriction": "people", "shared_users": [stranger.pk], "reason": "test: share"}
    assert post(asb, f"/api/cases/{case.pk}/restriction", body).status_code == 400
    assert Action.objects.get(case=case).case_restriction == Restriction.PARTNERSHIP
    assert Case.objects.get(pk=case.pk).restriction == Restriction.PARTNERSHIP


def test_for_every_persona_the_actions_seen_are_the_actions_of_the_cases_seen(as_user):
    """The copy is an index, not a second rule: the action rule read from the copy and the case
    rule read from the case agree for every persona, over open cases of every kind and restriction."""
    asb = as_user("asb")
    for restriction in ("partnership", "agencies", "people"):
        case = open_with_overdue_action(asb, "asb", f"{MARK} {restriction}", "camden-asb")
        assert (
            post(
                asb,
                f"/api/cases/{case.pk}/restriction",
                {"restriction": restriction, "reason": "test: who needs to know"},
            ).status_code
            == 200
        )
    open_with_overdue_action(as_user("channel"), "channel", f"{MARK} channel", "camden-prevent")
    open_with_overdue_action(as_user("idva"), "marac", f"{MARK} marac", "camden-idva")
    camden = Partnership.objects.get(slug="safer-camden")
    assert Action.objects.filter(case__partnership=camden).count() >= 5
    for username in PERSONAS:
        user = User.objects.get(username=username)
        by_copy = set(visible(Action, user).values_list("pk", flat=True))
        by_case = set(Action.objects.filter(case__in=visible(Case, user)).values_list("pk", flat=True))
        assert by_copy == by_case, username
