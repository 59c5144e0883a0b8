"""Versioned domestic-abuse assessment forms: SafeLives DASH-24 (scored from 24 answers) and the
College of Policing's DARA (18 answers, the level the assessor's judgement from them) coexist on a
case; a referral reads the latest of either; malformed forms are a 400 with nothing written."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from watchkeeper.cases.core.models import Case, RiskAssessment
from watchkeeper.cases.marac import rules as marac
from watchkeeper.cases.marac.models import Referral
from watchkeeper.core.models import Person


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_dara_needs_the_assessors_level_and_dash_refuses_one():
    dara = marac.Form("dara", 1, tuple(f"q{n}" for n in range(18)), scored=False)
    dash = marac.Form("dash-24", 1, tuple(f"q{n}" for n in range(24)), scored=True)
    assert marac.assess(dara, [True] * 3 + [False] * 15, "high", 14, 10) == (3, "high")  # judgement, not count
    with pytest.raises(ValueError, match="assessor's level"):
        marac.assess(dara, [True] * 18, None, 14, 10)
    with pytest.raises(ValueError, match="exactly 18"):
        marac.assess(dara, [True] * 24, "high", 14, 10)
    assert marac.assess(dash, [True] * 14 + [False] * 10, None, 14, 10) == (14, "high")
    with pytest.raises(ValueError, match="professional judgement"):
        marac.assess(dash, [True] * 24, "standard", 14, 10)


@pytest.mark.django_db
def test_dash_and_dara_coexist_on_a_case_and_a_referral_reads_the_latest(as_user):
    idva = as_user("idva")
    created = post(idva, "/api/cases", {"partnership": "safer-camden", "kind": "marac", "title": "Coexisting forms"})
    case = Case.objects.get(pk=created.json()["id"])
    url = f"/api/cases/{case.pk}/dash"
    assert post(idva, url, {"answers": [True] * 12 + [False] * 12}).json()["reference"] == "medium"
    # DARA without a level, with DASH's 24 answers, or with a level on DASH: refused, nothing written.
    assert post(idva, url, {"form": "dara", "answers": [True] * 18}).status_code == 400
    assert post(idva, url, {"form": "dara", "answers": [True] * 24, "level": "high"}).status_code == 400
    assert post(idva, url, {"answers": [True] * 24, "level": "standard"}).status_code == 400
    assert post(idva, url, {"form": "dara", "version": 2, "answers": [True] * 18, "level": "high"}).status_code == 400
    assert RiskAssessment.objects.filter(case=case).count() == 1

    dara = post(idva, url, {"form": "dara", "answers": [True] * 5 + [False] * 13, "level": "high"})
    assert dara.status_code == 201, dara.content
    forms = list(
        RiskAssessment.objects.filter(case=case)
        .order_by("assessed_at")
        .values_list("form", "form_version", "level", "score")
    )
    assert forms == [("dash-24", 1, "medium", 12), ("dara", 1, "high", 5)]
    case.refresh_from_db()
    assert case.risk == "high"

    victim = Person.objects.get(family_name="Quillfeather")
    body = {"victim": victim.pk, "route": "dash", "referred_on": timezone.localdate().isoformat()}
    response = post(idva, f"/api/cases/{case.pk}/marac-referrals", body)
    assert response.status_code == 201, response.content
    assert Referral.objects.get(pk=response.json()["id"]).level == "high"
    assert case.events.filter(kind="assessed", data__form="dara").exists()
