"""The IDVA's MARAC story (DASH, routes, repeats across agencies, IDVA caseload, SafeLives CSV)
and the ASB officer's Community Trigger story (eligibility, told and invited, decision, review,
recommendations, statistics)."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from watchkeeper.cases.asb.models import Complaint
from watchkeeper.cases.core.models import Case, RiskAssessment
from watchkeeper.cases.marac.models import Referral
from watchkeeper.cases.trigger.models import Review
from watchkeeper.core.models import Agency, Person, User

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def marac_case(client):
    response = post(
        client, "/api/cases", {"partnership": "safer-camden", "kind": "marac", "title": "DA", "restriction": "agencies"}
    )
    assert response.status_code == 201
    return Case.objects.get(pk=response.json()["id"])


def test_dash_scoring_and_referral_routes(as_user):
    idva = as_user("idva")
    case = marac_case(idva)
    victim = Person.objects.get(family_name="Quillfeather")  # the IDVA's named person
    assert post(idva, f"/api/cases/{case.pk}/dash", {"answers": [True] * 25}).status_code == 400
    assert (
        post(idva, f"/api/cases/{case.pk}/dash", {"answers": [True] * 24, "form": "dash-24", "version": 9}).status_code
        == 400
    )
    assert RiskAssessment.objects.filter(case=case).count() == 0
    medium = post(idva, f"/api/cases/{case.pk}/dash", {"answers": [True] * 12 + [False] * 12})
    assert medium.json()["reference"] == "medium"
    today = timezone.localdate().isoformat()
    body = {"victim": victim.pk, "route": "dash", "referred_on": today}
    assert post(idva, f"/api/cases/{case.pk}/marac-referrals", body).status_code == 400  # medium is not a DASH referral
    lower = {**body, "route": "professional_judgement", "level": "standard", "reason": "calmer now"}
    assert post(idva, f"/api/cases/{case.pk}/marac-referrals", lower).status_code == 400  # never lowers
    raised = {**body, "route": "professional_judgement", "level": "high", "reason": "Strangulation disclosed"}
    first = post(idva, f"/api/cases/{case.pk}/marac-referrals", raised)
    assert first.status_code == 201 and first.json()["repeat"] is False
    # A second referral of the same victim within 12 months, on another case: flagged as a repeat.
    other = marac_case(idva)
    assert post(idva, f"/api/cases/{other.pk}/dash", {"answers": [True] * 16 + [False] * 8}).status_code == 201
    second = post(idva, f"/api/cases/{other.pk}/marac-referrals", body)
    assert second.status_code == 201 and second.json()["repeat"] is True
    assert Case.objects.get(pk=other.pk).risk == "high"
    referral = Referral.objects.get(pk=second.json()["id"])
    me = User.objects.get(username="idva")
    assert (
        post(
            idva, f"/api/marac-referrals/{referral.pk}/idva", {"idva": User.objects.get(username="asb").pk}
        ).status_code
        == 400
    )
    assert post(idva, f"/api/marac-referrals/{referral.pk}/idva", {"idva": me.pk}).status_code == 200
    assert idva.get("/api/marac/caseloads").json() == [{"idva": "idva", "open_cases": 1}]
    response = idva.get("/api/marac/safelives.csv", {"start": "2020-01-01", "end": today})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "referral_id" and len(rows) == 1 + Referral.objects.count()  # the demo one too
    assert "Quillfeather" not in response.content.decode()
    # The ASB team (another agency) sees neither the cases nor the referrals.
    assert as_user("asb").get(f"/api/cases/{case.pk}").status_code == 404


def test_community_trigger_from_application_to_statistics(as_user):
    asb = as_user("asb")
    response = post(asb, "/api/cases", {"partnership": "safer-camden", "kind": "asb", "title": "Noise"})
    case = Case.objects.get(pk=response.json()["id"])
    victim = Person.objects.get(family_name="Openshaw")
    today = timezone.localdate()
    police = Agency.objects.get(slug="met-camden")
    for days, agency in ((100, police), (60, police), (20, police)):
        Complaint.objects.create(
            case=case,
            source="partner",
            agency=agency,
            complainant=victim,
            behaviour_on=today - timedelta(days=days + 2),
            received_on=today - timedelta(days=days),
            description="Noise",
        )
    # The same behaviour told to the council too: counted once.
    Complaint.objects.create(
        case=case,
        source="resident",
        agency=Agency.objects.get(slug="camden-asb"),
        complainant=victim,
        behaviour_on=today - timedelta(days=22),
        received_on=today - timedelta(days=21),
        description="Noise",
        incident=None,
    )
    check = asb.get("/api/case-reviews/eligibility", {"person": victim.pk}).json()
    assert check["threshold"] == 3 and check["met"] is True
    applied = post(
        asb,
        "/api/case-reviews",
        {"partnership": "safer-camden", "applicant": victim.pk, "applied_on": today.isoformat()},
    )
    assert applied.status_code == 201, applied.content
    review = Review.objects.get(pk=applied.json()["id"])
    assert review.decision_due > today and review.review_due > review.decision_due
    url = f"/api/case-reviews/{review.pk}"
    assert post(asb, f"{url}/contact", {"what": "told", "on": today.isoformat()}).status_code == 200
    assert (
        post(asb, f"{url}/contact", {"what": "invited", "on": today.isoformat(), "accepted": True}).status_code == 200
    )
    assert post(asb, f"{url}/steps", {"step": "review", "on": today.isoformat()}).status_code == 400  # decide first
    assert post(asb, f"{url}/steps", {"step": "decided", "on": today.isoformat()}).status_code == 400  # met?
    assert post(asb, f"{url}/steps", {"step": "decided", "on": today.isoformat(), "met": True}).status_code == 200
    assert post(asb, f"{url}/steps", {"step": "review", "on": today.isoformat()}).status_code == 200
    assert post(asb, f"{url}/steps", {"step": "recommended", "on": today.isoformat()}).status_code == 400
    done = post(asb, f"{url}/steps", {"step": "recommended", "on": today.isoformat(), "text": "Joint visit; CPW"})
    assert done.status_code == 200
    review.refresh_from_db()
    assert (review.told_of_right_on, review.invitation_accepted, review.step) == (today, True, "recommended")
    stats = as_user("analyst").get("/api/case-reviews/statistics", {"year": today.year}).json()
    assert stats["applications"] >= 1 and stats["with_recommendations"] >= 1
