"""Channel stage moves in pages (issue 13 item 1): Amira, a named panel member, takes a referral
through screening, information gathering, panel, adoption, consent (a parent's, for a child),
support, a review, exit and the 6- and 12-month post-exit reviews to closure, each move on the
timeline and the audit trail; a move the stage does not allow or without the panel's reason is
refused beside the form, nothing written. To anyone else (another panel member not named, every
other persona) the page and its form answer exactly as for an id that does not exist."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import PERSONAS
from watchkeeper.cases.core.models import Case, Event
from watchkeeper.core.models import Agency, AuditEntry, User

pytestmark = pytest.mark.django_db
MARK = "Quenrathil"


@pytest.fixture
def referral(as_user):
    amira = as_user("channel")
    body = {"partnership": "safer-camden", "kind": "channel", "title": f"{MARK} school referral"}
    assert amira.post("/cases/new/", body).status_code == 302
    return Case.objects.get(title=body["title"])


def move(client, case, stage, reason=""):
    return client.post(f"/cases/{case.pk}/channel-stage/", {"stage": stage, "reason": reason})


def test_amira_takes_a_referral_from_screening_to_the_post_exit_reviews(as_user, referral):
    amira, case = as_user("channel"), referral
    page = amira.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="channel-stage">Referral<' in page and '<option value="screening">' in page
    for stage, reason in (("screening", ""), ("gathering", ""), ("panel", ""), ("adopted", "Risk of being drawn in")):
        response = move(amira, case, stage, reason)
        assert response.status_code == 302 and response["Location"].endswith("#channel"), stage
    assert move(amira, case, "consent").status_code == 302
    # Support needs consent, a parent's for a child: refused until it is recorded.
    response = move(amira, case, "support")
    assert response.status_code == 400 and 'data-testid="error-channel"' in response.content.decode()
    today = timezone.localdate().isoformat()
    child = {"status": "given", "given_by": "J Smith", "on": today, "child": "true"}
    assert amira.post(f"/cases/{case.pk}/consent/", child).status_code == 400
    child["given_by"] = "parent: J Smith"
    assert amira.post(f"/cases/{case.pk}/consent/", child).status_code == 302
    for stage, reason in (("support", ""), ("review", ""), ("support", ""), ("exit", "Plan complete")):
        assert move(amira, case, stage, reason).status_code == 302, stage
    page = amira.get(f"/cases/{case.pk}/").content.decode()
    assert "Post-exit reviews due" in page
    exit_event = Event.objects.get(case=case, kind="stage", data__stage="exit")
    assert len(exit_event.data["reviews_due"]) == 2  # 6 and 12 months, from the rule data
    for shown in exit_event.data["reviews_due"]:
        assert shown in page
    assert move(amira, case, "exit_review").status_code == 302  # 6 months
    assert move(amira, case, "exit_review").status_code == 302  # 12 months
    assert move(amira, case, "closed", "Both reviews held: no further concern").status_code == 302
    case.refresh_from_db()
    assert case.stage == "closed" and case.closed_at is not None and case.consent == "given"
    stages = list(
        Event.objects.filter(case=case, kind="stage").order_by("at", "id").values_list("data__stage", flat=True)
    )
    assert stages == [
        "screening", "gathering", "panel", "adopted", "consent", "support", "review", "support", "exit",
        "exit_review", "exit_review", "closed",
    ]  # fmt: skip
    updates = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk), changes__stage__isnull=False)
    assert updates.count() == len(stages)


def test_bad_moves_are_refused_beside_the_form_and_write_nothing(as_user, referral):
    amira, case = as_user("channel"), referral
    before_events, before_audit = (
        Event.objects.filter(case=case).count(),
        AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first(),
    )
    for stage, reason in (("panel", ""), ("support", ""), ("closed", ""), ("nonsense", "x"), ("", ""), ("x" * 40, "")):
        response = move(amira, case, stage, reason)
        assert response.status_code == 400, stage
        assert 'data-testid="error-channel"' in response.content.decode(), stage
    case.refresh_from_db()
    assert case.stage == "referral"
    assert Event.objects.filter(case=case).count() == before_events
    assert not AuditEntry.objects.filter(seq__gt=before_audit, kind__in=["create", "update"]).exists()


@pytest.mark.parametrize("username", [p for p in PERSONAS if p != "channel"])
def test_to_everyone_else_the_channel_forms_answer_as_for_an_unknown_id(username, as_user, referral):
    client, case = as_user(username), referral
    unknown = Case.objects.order_by("-pk").first().pk + 1000
    seen = move(client, case, "screening")
    missing = move(client, Case(pk=unknown), "screening")
    assert seen.status_code == missing.status_code and seen.status_code in (403, 404), username
    assert MARK not in seen.content.decode() and case.reference not in seen.content.decode()
    body = {"restriction": "partnership", "reason": "probe"}
    for url in (f"/cases/{case.pk}/restriction/", f"/cases/{case.pk}/handover/"):
        probe = client.post(url, body if "restriction" in url else {"officer": 1})
        unknown_probe = client.post(
            url.replace(str(case.pk), str(unknown)), body if "restriction" in url else {"officer": 1}
        )
        assert probe.status_code == unknown_probe.status_code, (username, url)
    case.refresh_from_db()
    assert case.stage == "referral" and case.restriction == "people"


def test_a_panel_member_not_named_gets_the_unknown_id_answer(as_user, referral):
    other = User.objects.create(
        username="panel-two", role="channel_panel", agency=Agency.objects.get(slug="camden-prevent")
    )
    client = Client()
    client.force_login(other)
    assert move(client, referral, "screening").status_code == 404
    assert client.get(f"/cases/{referral.pk}/").status_code == 404
    referral.refresh_from_db()
    assert referral.stage == "referral"
