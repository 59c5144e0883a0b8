"""IDVA assignment and caseloads in pages (issue 13 item 1): Grace (IDVA service) refers a MARAC
case, assigns it to Priya (another IDVA) from the case page; Priya's caseload page lists it, with
the per-IDVA counts; an IDVA the case's restriction does not admit, a non-IDVA and a guessed
referral are refused beside the form with nothing written; the caseload read is audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from watchkeeper.cases.core.models import Case, Event
from watchkeeper.cases.marac.models import Referral
from watchkeeper.core.models import Agency, AuditEntry, Person, User

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def referred_case(grace, title, restriction="agencies"):
    body = {"partnership": "safer-camden", "kind": "marac", "title": title, "restriction": restriction}
    assert grace.post("/cases/new/", body).status_code == 302
    case = Case.objects.get(title=title)
    victim = Person.objects.filter(family_name="Quillfeather", partnership__slug="safer-camden").order_by("pk").first()
    body = {"victim": victim.pk, "route": "visible_high", "referred_on": timezone.localdate(), "reason": "Injuries"}
    assert grace.post(f"/cases/{case.pk}/marac-referral/", body).status_code == 302
    return case, Referral.objects.get(case=case)


def test_grace_assigns_priya_who_sees_it_on_her_caseload(as_user):
    grace = as_user("idva")
    priya_user = User.objects.create(username="idva-priya", role="idva", agency=Agency.objects.get(slug="camden-idva"))
    priya = client_for(priya_user)
    case, referral = referred_case(grace, "IDVA story Quillfeather")
    page = grace.get(f"/cases/{case.pk}/").content.decode()
    assert f'action="/cases/{case.pk}/referrals/{referral.pk}/idva/"' in page and "idva-priya" in page

    response = grace.post(f"/cases/{case.pk}/referrals/{referral.pk}/idva/", {"idva": priya_user.pk})
    assert response.status_code == 302 and response["Location"].endswith("#referral")
    referral.refresh_from_db()
    assert referral.idva_id == priya_user.pk
    assert Event.objects.filter(case=case, kind="idva", data__idva=priya_user.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="cases.referral", object_id=str(referral.pk), kind="update", changes__idva=[None, priya_user.pk]
    ).exists()

    before = AuditEntry.objects.filter(kind="read", object_type="cases.referral").count()
    page = priya.get("/cases/idva/").content.decode()
    own = page.split('data-testid="own-caseload"')[1].split("</table>")[0]
    assert case.reference in own and "Quillfeather" in own
    per_idva = page.split('data-testid="per-idva"')[1].split("</table>")[0]
    assert "idva-priya" in per_idva
    assert AuditEntry.objects.filter(kind="read", object_type="cases.referral").count() == before + 1
    # Grace's own caseload does not list Priya's case; the count per IDVA does.
    page = grace.get("/cases/idva/").content.decode()
    assert case.reference not in page.split('data-testid="own-caseload"')[1].split("</table>")[0]
    # Closed, it leaves the caseload.
    assert grace.post(f"/cases/{case.pk}/close/", {"outcome": "Safety plan in place"}).status_code == 302
    assert case.reference not in priya.get("/cases/idva/").content.decode()


def test_assignment_refusals_write_nothing(as_user):
    grace = as_user("idva")
    case, referral = referred_case(grace, "IDVA refusals")
    # An IDVA of another agency cannot see this IDVA-service-only case: refused, not silently lost.
    outsider = User.objects.create(username="idva-vs", role="idva", agency=Agency.objects.get(slug="camden-asb"))
    asb_officer = User.objects.get(username="asb")
    other_case, other_referral = referred_case(grace, "IDVA other case")
    before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    url = f"/cases/{case.pk}/referrals/{referral.pk}/idva/"
    for body, words in (
        ({"idva": outsider.pk}, "may not see"),
        ({"idva": asb_officer.pk}, "IDVA"),
        ({"idva": "x"}, "idva"),
        ({}, "idva"),
    ):
        response = grace.post(url, body)
        assert response.status_code == 400, body
        assert words in response.content.decode(), body
    response = grace.post(
        f"/cases/{case.pk}/referrals/{other_referral.pk}/idva/", {"idva": grace.session["_auth_user_id"]}
    )
    assert response.status_code == 400 and "not on this case" in response.content.decode()
    referral.refresh_from_db()
    other_referral.refresh_from_db()
    assert referral.idva_id is None and other_referral.idva_id is None
    assert not AuditEntry.objects.filter(seq__gt=before, kind__in=["create", "update"]).exists()
    # No role, no page; another partnership's caseworker sees neither the case nor the form.
    assert as_user("asb").post(url, {"idva": 1}).status_code in (403, 404)
    assert as_user("asb").get("/cases/idva/").status_code == 403
    assert as_user("stevenage").get("/cases/idva/").status_code == 403
