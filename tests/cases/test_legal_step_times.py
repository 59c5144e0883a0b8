"""Legal steps dated when they were actually taken (issue 13 item 3): `taken_at` defaults to now,
is never in the future and never before the prerequisite step it relies on (a wrong date no
override mends), and the step's clocks run from it; on the page (a Europe/London datetime box) and
in the API alike, a refusal writes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.cases.test_rules_pure import LIMITS_2025, at
from watchkeeper.cases.asb import rules as asb
from watchkeeper.cases.asb.models import LegalStep
from watchkeeper.cases.core.models import Case, Event
from watchkeeper.core.models import AuditEntry


def test_a_prerequisite_counts_only_if_taken_before_the_step():
    cpw = {"cpw": [at("2026-03-02T10:00")]}
    early = asb.plan_step("cpn", cpw, at("2026-03-01T10:00"), LIMITS_2025)
    assert early.problems and "before its prerequisite" in early.problems[0] and not early.missing
    same_time = asb.plan_step("cpn", cpw, at("2026-03-02T10:00"), LIMITS_2025)
    assert not same_time.problems and not same_time.missing
    # The appeal clock runs from when the notice was taken, not from when it was typed in.
    assert same_time.due_at == at("2026-03-02T10:00") + timedelta(days=LIMITS_2025["cpn-appeal-days"])
    # A closure order dated before its notice: refused; dated after it, the hearing deadline runs
    # from the notice's own time (48 hours, Christmas Day not counted).
    notice = {"closure_notice": [at("2026-12-24T09:00")]}
    assert asb.plan_step("closure_order", notice, at("2026-12-24T08:00"), LIMITS_2025).problems
    in_time = asb.plan_step("closure_order", notice, at("2026-12-27T08:30"), LIMITS_2025)
    assert not in_time.problems
    assert asb.plan_step("closure_order", notice, at("2026-12-27T09:30"), LIMITS_2025).problems


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_marcus_records_steps_when_they_were_taken(as_user):
    marcus = as_user("asb")
    created = post(marcus, "/api/cases", {"partnership": "safer-camden", "kind": "asb", "title": "Dated steps"})
    case = Case.objects.get(pk=created.json()["id"])
    url = f"/api/cases/{case.pk}/legal-steps"
    warned = (timezone.now() - timedelta(days=10)).replace(microsecond=0)
    response = post(marcus, url, {"tool": "cpw", "taken_at": warned.isoformat()})
    assert response.status_code == 201, response.content
    assert datetime.fromisoformat(response.json()["taken_at"]) == warned
    before = (LegalStep.objects.count(), Event.objects.filter(case=case).count(), AuditEntry.objects.count())
    for taken_at, status in (
        ((timezone.now() + timedelta(hours=2)).isoformat(), 422),  # the future: the schema refuses
        ((warned - timedelta(days=1)).isoformat(), 400),  # before the warning it relies on
        ("yesterday", 422),
    ):
        response = post(marcus, url, {"tool": "cpn", "taken_at": taken_at})
        assert response.status_code == status, (taken_at, response.content)
    assert (LegalStep.objects.count(), Event.objects.filter(case=case).count(), AuditEntry.objects.count()) == before

    # The notice served three days after the warning: its 21-day appeal clock runs from then.
    served = warned + timedelta(days=3)
    response = post(marcus, url, {"tool": "cpn", "taken_at": served.isoformat()})
    assert response.status_code == 201, response.content
    cpn = LegalStep.objects.get(pk=response.json()["id"])
    assert cpn.taken_at == served and cpn.due_at == served + timedelta(days=21)
    event = Event.objects.get(case=case, kind="legal_step", data__step=cpn.pk)
    assert datetime.fromisoformat(event.data["taken_at"]) == served
    assert AuditEntry.objects.filter(object_type="cases.legalstep", object_id=str(cpn.pk), kind="create").exists()
    # Without taken_at: now.
    response = post(marcus, url, {"tool": "mediation"})
    assert abs(LegalStep.objects.get(pk=response.json()["id"]).taken_at - timezone.now()) < timedelta(minutes=1)


@pytest.mark.django_db
def test_the_page_takes_a_london_time_and_refuses_beside_the_form(as_user):
    marcus = as_user("asb")
    assert (
        marcus.post("/cases/new/", {"partnership": "safer-camden", "kind": "asb", "title": "Dated page"}).status_code
        == 302
    )
    case = Case.objects.get(title="Dated page")
    assert 'name="taken_at" type="datetime-local"' in marcus.get(f"/cases/{case.pk}/").content.decode()
    url = f"/cases/{case.pk}/legal-steps/"
    # 1 July 2026 10:00 in London is 09:00 UTC (BST).
    assert marcus.post(url, {"tool": "mediation", "taken_at": "2026-07-01T10:00"}).status_code == 302
    assert LegalStep.objects.get(case=case).taken_at == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    # A closure notice dated before the mediation it relies on, and one in the future: refused.
    for taken_at in ("2026-06-30T10:00", (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")):
        response = marcus.post(url, {"tool": "closure_notice", "taken_at": taken_at})
        assert response.status_code == 400, taken_at
        assert 'data-testid="error-legal"' in response.content.decode()
    assert LegalStep.objects.filter(case=case).count() == 1
