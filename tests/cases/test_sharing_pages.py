"""Hand-over and restriction change in pages (issue 13 item 1): Marcus (ASB officer, Camden ASB
team) narrows a case to his team with a reason, hands it to Grace (IDVA service) and sees the
consent status travel with it; the refusals (no reason, an outsider named, the officer dropped, a
non-member as the new officer) are a 4xx beside the form with nothing written; each change leaves
its row, its timeline entry and its audit entry."""

from __future__ import annotations

import pytest
from django.utils import timezone

from watchkeeper.cases.core.models import Action, Case, Event
from watchkeeper.core.models import Agency, AuditEntry, Restriction, User

pytestmark = pytest.mark.django_db


def open_asb_case(client, title):
    response = client.post("/cases/new/", {"partnership": "safer-camden", "kind": "asb", "title": title})
    assert response.status_code == 302, response.content.decode()[:1000]
    return Case.objects.get(title=title)


def events(case, kind):
    return list(Event.objects.filter(case=case, kind=kind).values_list("data", flat=True))


def audits(case):
    return AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk), kind="update")


def test_marcus_narrows_then_hands_over_and_consent_goes_with_the_case(as_user):
    marcus, grace = as_user("asb"), as_user("idva")
    case = open_asb_case(marcus, "Sharing story Agar Grove")
    today = timezone.localdate().isoformat()
    assert (
        marcus.post(
            f"/cases/{case.pk}/consent/", {"status": "given", "given_by": "Ms Openshaw", "on": today}
        ).status_code
        == 302
    )
    page = marcus.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="restriction"' in page and 'id="handover"' in page
    assert "Consent goes with the case" in page and "Given" in page

    # Narrowed to the ASB team and the IDVA service, with the reason on record.
    idva_service = Agency.objects.get(slug="camden-idva")
    body = {"restriction": "agencies", "shared_agencies": [idva_service.pk], "reason": "Victim's address in notes"}
    response = marcus.post(f"/cases/{case.pk}/restriction/", body)
    assert response.status_code == 302 and response["Location"].endswith("#restriction")
    case.refresh_from_db()
    assert case.restriction == Restriction.AGENCIES
    assert list(case.shared_agencies.values_list("slug", flat=True)) == ["camden-idva"]
    assert events(case, "restricted")[-1]["reason"] == "Victim's address in notes"
    entry = audits(case).filter(changes__restriction__isnull=False).latest("seq")
    assert entry.reason == "Victim's address in notes" and entry.changes["restriction"] == ["partnership", "agencies"]
    assert as_user("iom").get(f"/cases/{case.pk}/").status_code == 404  # probation no longer sees it

    # Handed to Grace: she becomes the officer, her agency the owner; consent, risk, restriction stay.
    grace_user = User.objects.get(username="idva")
    response = marcus.post(f"/cases/{case.pk}/handover/", {"officer": grace_user.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.officer_id, case.owner_agency_id) == (grace_user.pk, grace_user.agency_id)
    assert (case.consent, case.consent_by, case.restriction) == ("given", "Ms Openshaw", Restriction.AGENCIES)
    handed = events(case, "handed_over")[-1]
    assert handed["consent"] == "given" and handed["officer"] == grace_user.pk
    assert audits(case).filter(changes__officer__isnull=False).exists()
    # Marcus's team is no longer the owner nor named: he lands on the caseload, not on a 404.
    assert response["Location"] == "/cases/"
    assert marcus.get(f"/cases/{case.pk}/").status_code == 404
    page = grace.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="handover-consent">Given<' in page


def test_refusals_are_shown_beside_the_form_and_write_nothing(as_user):
    marcus = as_user("asb")
    case = open_asb_case(marcus, "Sharing refusals")
    action_body = {"agency": Agency.objects.get(slug="camden-asb").pk, "text": "Visit", "due": timezone.localdate()}
    assert marcus.post(f"/cases/{case.pk}/actions/", action_body).status_code == 302
    before_events, before_audit = (
        Event.objects.filter(case=case).count(),
        AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first(),
    )
    stranger = User.objects.get(username="stevenage")  # another partnership
    colleague = User.objects.get(username="asbmanager")
    for body, status, words in (
        ({"restriction": "agencies"}, 400, "reason"),
        ({"restriction": "agencies", "reason": "  "}, 400, "reason"),
        ({"restriction": "nobody", "reason": "x"}, 400, "restriction"),
        ({"restriction": "people", "shared_users": [stranger.pk], "reason": "x"}, 400, "member"),
        ({"restriction": "people", "shared_users": ["abc"], "reason": "x"}, 400, "shared_users"),
    ):
        response = marcus.post(f"/cases/{case.pk}/restriction/", body)
        assert response.status_code == status, body
        page = response.content.decode()
        assert 'data-testid="error-restriction"' in page and words in page.lower(), body
    # The officer cannot be restricted away: the ASB manager names only himself.
    manager = as_user("asbmanager")
    response = manager.post(f"/cases/{case.pk}/restriction/", {"restriction": "people", "reason": "Informant"})
    assert response.status_code == 400 and "officer" in response.content.decode()
    for officer in (stranger.pk, 0, "x"):
        response = marcus.post(f"/cases/{case.pk}/handover/", {"officer": officer})
        assert response.status_code == 400 and 'data-testid="error-handover"' in response.content.decode()
    case.refresh_from_db()
    assert case.restriction == Restriction.PARTNERSHIP and case.officer.username == "asb"
    assert Action.objects.get(case=case).case_restriction == Restriction.PARTNERSHIP
    assert Event.objects.filter(case=case).count() == before_events
    assert not AuditEntry.objects.filter(seq__gt=before_audit, kind__in=["create", "update"]).exists()
    # A named-people case can be handed only to someone named on it.
    body = {"restriction": "people", "shared_users": [colleague.pk], "reason": "Informant named"}
    assert marcus.post(f"/cases/{case.pk}/restriction/", body).status_code == 302
    page = marcus.get(f"/cases/{case.pk}/").content.decode()
    choices = page.split('id="h-officer"')[1].split("</select>")[0]
    assert f'value="{colleague.pk}"' in choices and f'value="{User.objects.get(username="idva").pk}"' not in choices
    response = marcus.post(f"/cases/{case.pk}/handover/", {"officer": User.objects.get(username="idva").pk})
    assert response.status_code == 400 and "named" in response.content.decode()


def test_who_may_not_edit_cannot_use_the_forms(as_user):
    marcus = as_user("asb")
    case = open_asb_case(marcus, "Sharing outsiders")
    body = {"restriction": "agencies", "reason": "x"}
    assert as_user("handler").post(f"/cases/{case.pk}/restriction/", body).status_code == 403
    assert as_user("partner").post(f"/cases/{case.pk}/handover/", {"officer": 1}).status_code == 403
    assert as_user("stevenage").post(f"/cases/{case.pk}/restriction/", body).status_code in (403, 404)
    assert marcus.post("/cases/99999999/restriction/", body).status_code == 404
    case.refresh_from_db()
    assert case.restriction == Restriction.PARTNERSHIP
