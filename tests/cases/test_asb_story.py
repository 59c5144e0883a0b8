"""The ASB officer's story: complaints from residents, a partner and the control room; repeat
detection across agencies; the vulnerability matrix; legal steps in order, refused out of order,
and a manager's override with its reason on record."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from watchkeeper.cases.asb.models import Complaint, LegalStep, Pspo
from watchkeeper.cases.core.models import Case, Event, RiskAssessment
from watchkeeper.core.models import AuditEntry, Person

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def new_case(client):
    response = post(client, "/api/cases", {"partnership": "safer-camden", "kind": "asb", "title": "Estate ASB"})
    assert response.status_code == 201
    return Case.objects.get(pk=response.json()["id"])


def days_ago(n):
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def test_repeat_complaints_are_detected_across_agencies(as_user):
    asb, victim = as_user("asb"), Person.objects.get(family_name="Openshaw")
    case = new_case(asb)
    for n in (40, 20):
        body = {
            "source": "resident",
            "behaviour_on": days_ago(n + 1),
            "received_on": days_ago(n),
            "description": "Noise",
            "complainant": victim.pk,
        }
        assert post(asb, f"/api/cases/{case.pk}/complaints", body).status_code == 201
    assert asb.get("/api/asb/repeats", {"person": victim.pk}).json()["repeat"] is False
    # A third report, from the police (another agency), on a second case about the same victim.
    other = new_case(asb)
    Complaint.objects.create(
        case=other,
        source="partner",
        agency=Person.objects.get(family_name="Openshaw").owner_agency,
        complainant=victim,
        behaviour_on=timezone.localdate() - timedelta(days=6),
        received_on=timezone.localdate() - timedelta(days=5),
        description="Threats",
    )
    found = asb.get("/api/asb/repeats", {"person": victim.pk}).json()
    assert found["repeat"] is True and found["complaints"] == 3 and len(found["agencies"]) == 2
    bad = {"source": "resident", "behaviour_on": days_ago(1), "received_on": days_ago(3), "description": "x"}
    assert post(asb, f"/api/cases/{case.pk}/complaints", bad).status_code == 400


def test_high_vulnerability_sets_contact_and_update_deadlines(as_user):
    from watchkeeper.cases.rules.lookup import rule

    asb = as_user("asb")
    case = new_case(asb)
    questions = rule("asb-vulnerability-matrix")["questions"]
    answers = dict.fromkeys(questions, True)
    assert post(asb, f"/api/cases/{case.pk}/vulnerability", {"answers": answers}).json()["reference"] == "high"
    assessment = RiskAssessment.objects.get(case=case)
    assert assessment.contact_due > timezone.localdate() and assessment.update_due > assessment.contact_due
    partial = {next(iter(questions)): True}
    assert post(asb, f"/api/cases/{case.pk}/vulnerability", {"answers": partial}).status_code == 400
    assert RiskAssessment.objects.filter(case=case).count() == 1


def test_legal_steps_need_their_prerequisites(as_user):
    asb = as_user("asb")
    case = new_case(asb)
    order = post(asb, f"/api/cases/{case.pk}/legal-steps", {"tool": "closure_order"})
    assert order.status_code == 409 and "closure_notice" in order.json()["detail"]
    assert post(asb, f"/api/cases/{case.pk}/legal-steps", {"tool": "cpn"}).status_code == 409
    assert LegalStep.objects.filter(case=case).count() == 0
    assert post(asb, f"/api/cases/{case.pk}/legal-steps", {"tool": "mediation"}).status_code == 201
    notice = post(asb, f"/api/cases/{case.pk}/legal-steps", {"tool": "closure_notice", "senior_signoff": True})
    assert notice.status_code == 201
    step = LegalStep.objects.get(pk=notice.json()["id"])
    assert step.ends_at - step.taken_at == timedelta(hours=48)
    assert post(asb, f"/api/cases/{case.pk}/legal-steps", {"tool": "closure_order", "months": 4}).status_code == 400
    assert post(asb, f"/api/cases/{case.pk}/legal-steps", {"tool": "closure_order"}).status_code == 201
    assert [e for e in Event.objects.filter(case=case).values_list("kind", flat=True)].count("legal_step") == 3


def test_a_managers_override_is_recorded_with_its_reason(as_user):
    from django.test import Client

    from watchkeeper.core.models import User

    asb = as_user("asb")
    case = new_case(asb)
    url = f"/api/cases/{case.pk}/legal-steps"
    assert post(asb, url, {"tool": "injunction"}).status_code == 409  # no lighter step, no override
    reason = "Serious violence: no time for mediation"
    own = post(asb, url, {"tool": "injunction", "override_reason": reason})
    assert own.status_code == 403  # the case's own officer cannot override their own case
    assert post(as_user("admin"), url, {"tool": "injunction", "override_reason": reason}).status_code == 403
    me = User.objects.get(username="asb")
    colleague = Client()  # another ASB officer, not the case's: still not a manager
    colleague.force_login(User.objects.create(username="asb-colleague", role="asb_officer", agency=me.agency))
    assert post(colleague, url, {"tool": "injunction", "override_reason": reason}).status_code == 403
    assert not LegalStep.objects.filter(case=case).exists()
    response = post(as_user("asbmanager"), url, {"tool": "injunction", "override_reason": reason})
    assert response.status_code == 201, response.content
    step = LegalStep.objects.get(case=case)
    assert (step.override_reason, step.overridden_by.username) == (reason, "asbmanager")
    assert Event.objects.get(case=case, kind="override").data["reason"] == reason
    assert AuditEntry.objects.get(object_type="cases.legalstep", object_id=str(step.pk)).reason == reason


def test_pspo_register_refuses_more_than_three_years_and_bad_polygons(as_user):
    asb = as_user("asb")
    area = {"type": "Polygon", "coordinates": [[[-0.14, 51.53], [-0.13, 51.53], [-0.13, 51.54], [-0.14, 51.53]]]}
    body = {
        "partnership": "safer-camden",
        "name": "Camden Town PSPO",
        "area": area,
        "conditions": "No street drinking",
        "made_on": "2026-01-01",
        "expires_on": "2029-01-01",
    }
    assert post(asb, "/api/asb/pspos", body).status_code == 201
    assert post(asb, "/api/asb/pspos", {**body, "expires_on": "2029-01-02"}).status_code == 400
    assert post(asb, "/api/asb/pspos", {**body, "area": {"type": "Point", "coordinates": [0, 51]}}).status_code == 400
    assert Pspo.objects.count() == 1
    assert AuditEntry.objects.filter(object_type="cases.pspo").count() == 1
    assert [p["name"] for p in as_user("partner").get("/api/asb/pspos").json()["items"]] == ["Camden Town PSPO"]
