"""The CCTV satisfaction survey, as the demo personas and the public: Lisa (a Stevenage partner)
answers once a day and her answers land in her district's dashboard; a resident answers on the
public form without an account; bad answers are refused and nothing is written."""

from __future__ import annotations

import pytest
from django.test import Client

from watchkeeper.cctv.surveys.rules import QUESTIONS
from watchkeeper.core.models import AuditEntry, Ward
from watchkeeper.intel.surveys.models import SurveyResponse

pytestmark = pytest.mark.django_db
SATISFIED = QUESTIONS[0][1]


def test_a_partner_answers_once_a_day_into_their_district(as_user):
    lisa = as_user("stevenage")
    page = lisa.get("/cctv/survey/")
    assert page.status_code == 200 and "CCTV: satisfied with the control room" in page.content.decode()
    before = SurveyResponse.objects.filter(question=SATISFIED).count()
    sent = lisa.post("/cctv/survey/", {"partnership": "herts-cctv", "satisfied": "4", "requests_on_time": "yes"})
    assert sent.status_code == 302
    mine = SurveyResponse.objects.filter(respondent__startswith="partner:", question=SATISFIED).latest("pk")
    assert (mine.answer, mine.positive, mine.district.code) == ("4", True, "E07000243")
    assert SurveyResponse.objects.filter(respondent=mine.respondent).count() == 2  # two questions answered
    again = lisa.post("/cctv/survey/", {"partnership": "herts-cctv", "satisfied": "2"})
    assert again.status_code == 409
    assert SurveyResponse.objects.filter(question=SATISFIED).count() == before + 1
    assert AuditEntry.objects.filter(summary__startswith="CCTV satisfaction survey").exists()
    # Another partnership's slug, or an answer off the scale: refused.
    assert as_user("partner").post("/cctv/survey/", {"partnership": "herts-cctv", "satisfied": "4"}).status_code == 400
    assert (
        as_user("analyst").post("/cctv/survey/", {"partnership": "safer-camden", "satisfied": "9"}).status_code == 400
    )
    # The dashboard shows the question (answers suppressed under five).
    dashboard = lisa.get("/cctv/dashboard/").content.decode()
    assert "CCTV: satisfied" in dashboard


def test_the_public_answer_without_an_account(db, as_user):
    public = Client()
    page = public.get("/cctv/survey/herts-cctv/")
    assert page.status_code == 200 and "CCTV: satisfied with the control room" in page.content.decode()
    ward = Ward.objects.filter(district__code="E07000242").first()
    count = SurveyResponse.objects.count()
    sent = public.post("/cctv/survey/herts-cctv/", {"satisfied": "5", "feel_safer": "3", "ward_id": str(ward.pk)})
    assert sent.status_code == 302 and "thanks=1" in sent["Location"]
    assert SurveyResponse.objects.count() == count + 2
    row = SurveyResponse.objects.filter(question=SATISFIED).latest("pk")
    assert row.respondent.startswith("public:") and row.ward == ward and row.district.code == "E07000242"
    # A ward of another partnership, a missing required answer, an unknown partnership: refused.
    camden_ward = Ward.objects.filter(district__partnership__slug="safer-camden").first()
    assert (
        public.post("/cctv/survey/herts-cctv/", {"satisfied": "5", "ward_id": str(camden_ward.pk)}).status_code == 400
    )
    assert public.post("/cctv/survey/herts-cctv/", {"feel_safer": "5"}).status_code == 400
    assert public.get("/cctv/survey/no-such-place/").status_code == 404
    assert SurveyResponse.objects.count() == count + 2


def test_the_public_form_takes_a_few_answers_an_hour_from_one_address(db):
    from django.core.cache import cache

    from watchkeeper.cctv.surveys import rules

    cache.clear()
    public = Client()
    before = SurveyResponse.objects.filter(respondent__startswith="public:").count()
    for _ in range(rules.PUBLIC_ANSWERS_PER_HOUR):
        assert public.post("/cctv/survey/herts-cctv/", {"satisfied": "4"}).status_code == 302
    refused = public.post("/cctv/survey/herts-cctv/", {"satisfied": "4"})
    assert refused.status_code == 429 and b"try later" in refused.content
    stored = SurveyResponse.objects.filter(respondent__startswith="public:").count() - before
    assert stored == rules.PUBLIC_ANSWERS_PER_HOUR
    # Another address is not held back by the first.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post("/cctv/survey/herts-cctv/", {"satisfied": "4"}).status_code == 302
