"""DASH-24 and DARA with their wording (issue 13 item 2): the question text is the form's record
(rule data seeded by migration 0006, versioned), shown on the case page beside each box and given
by the API (the form endpoint and the schema's description); a new version is a new record, used
by the page from its date while an answer given on version 1 keeps version 1's wording."""

from __future__ import annotations

import json
from datetime import date

import pytest

from watchkeeper.cases.core.models import Case, RiskAssessment
from watchkeeper.cases.marac.queries import assessment_form
from watchkeeper.cases.marac.wording import DARA_V1, DASH_24_V1
from watchkeeper.cases.rules.models import Rule
from watchkeeper.core.errors import Invalid

pytestmark = pytest.mark.django_db


def marac_case(client, title):
    body = {"partnership": "safer-camden", "kind": "marac", "title": title, "restriction": "agencies"}
    assert client.post("/cases/new/", body).status_code == 302
    return Case.objects.get(title=title)


def test_the_forms_records_hold_the_wording():
    dash, dara = assessment_form("dash-24"), assessment_form("dara")
    assert (dash.version, dash.questions, dash.scored) == (1, 24, True)
    assert (dara.version, dara.questions, dara.scored) == (1, 18, False)
    assert dash.wording[14] == "Has the abuser ever attempted to strangle, choke, suffocate or drown you?"
    assert assessment_form("dash-24", 1) == dash
    with pytest.raises(Invalid):
        assessment_form("dash-24", 7)
    with pytest.raises(Invalid):
        assessment_form("spider-9")


def test_the_page_shows_each_question_and_scores_the_ticks(as_user):
    grace = as_user("idva")
    case = marac_case(grace, "Forms page")
    page = grace.get(f"/cases/{case.pk}/").content.decode()
    for text in (DASH_24_V1[0], DASH_24_V1[23], DARA_V1[0], DARA_V1[17]):
        assert text.replace("'", "&#x27;") in page
    ticks = [str(n) for n in range(1, 15)]
    assert (
        grace.post(f"/cases/{case.pk}/dash/", {"form": "dash-24", "version": "1", "answers": ticks}).status_code == 302
    )
    dash = RiskAssessment.objects.get(case=case)
    assert (dash.form, dash.form_version, dash.score, dash.level) == ("dash-24", 1, 14, "high")
    assert dash.answers == [True] * 14 + [False] * 10
    # DARA: the assessor's level is required; with it, recorded beside the count of yes answers.
    response = grace.post(f"/cases/{case.pk}/dash/", {"form": "dara", "version": "1", "answers": ["1", "2"]})
    assert response.status_code == 400 and 'data-testid="error-dash"' in response.content.decode()
    body = {"form": "dara", "version": "1", "answers": ["1", "2"], "level": "medium"}
    assert grace.post(f"/cases/{case.pk}/dash/", body).status_code == 302
    dara = RiskAssessment.objects.filter(case=case, form="dara").get()
    assert (dara.score, dara.level, len(dara.answers)) == (2, "medium", 18)
    # A version that has no record: refused, nothing written.
    body = {"form": "dash-24", "version": "9", "answers": ticks}
    assert grace.post(f"/cases/{case.pk}/dash/", body).status_code == 400
    assert RiskAssessment.objects.filter(case=case).count() == 2


def test_the_api_gives_the_wording_and_a_new_version_is_data(as_user):
    grace = as_user("idva")
    found = grace.get("/api/marac/forms/dash-24").json()
    assert found["version"] == 1 and found["questions"] == list(DASH_24_V1)
    assert grace.get("/api/marac/forms/dara", {"version": 1}).json()["questions"] == list(DARA_V1)
    assert grace.get("/api/marac/forms/nothing").status_code == 400
    assert as_user("asb").get("/api/marac/forms/dash-24").status_code == 403
    schema = json.dumps(as_user("admin").get("/api/openapi.json").json())
    assert "Has the abuser ever threatened to kill you or someone else" in schema

    # An administrator's version 2 (a new record, from its date): the page offers it; version 1's
    # wording is still there for the assessments made on it.
    wording = [f"Version two question {n}" for n in range(1, 25)]
    Rule.objects.create(
        name="form-dash-24",
        effective_from=date(2026, 1, 1),
        value={"version": 2, "title": "DASH v2", "scored": True, "questions": wording},
    )
    assert grace.get("/api/marac/forms/dash-24").json()["version"] == 2
    assert grace.get("/api/marac/forms/dash-24", {"version": 1}).json()["questions"] == list(DASH_24_V1)
    case = marac_case(grace, "Forms v2")
    page = grace.get(f"/cases/{case.pk}/").content.decode()
    assert "Version two question 24" in page and 'name="version" value="2"' in page
    body = {"form": "dash-24", "version": "2", "answers": ["1"]}
    assert grace.post(f"/cases/{case.pk}/dash/", body).status_code == 302
    assert RiskAssessment.objects.get(case=case).form_version == 2
