"""The visitor and viewing log and the agencies told, as the demo personas: Amira (cctv) signs a
police officer in to view footage for an approved request (recorded as a disclosure by viewing),
refuses a viewing for an undecided request, signs them out; she notes an agency told with their
reference under the police sharing agreement and records its response time. Kieran (Hertfordshire)
sees none of Camden's visits; Lisa (a district partner) cannot open the log."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from watchkeeper.cctv.log.models import AgencyNotice, LogEntry
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.cctv.visits.models import Visit
from watchkeeper.core.models import AuditEntry
from watchkeeper.sharing.disclosures.models import Disclosure
from watchkeeper.sharing.models import SharingAgreement

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _request(amira, helen, approve: bool | None):
    now = timezone.now()
    body = {
        "partnership": "safer-camden",
        "kind": "police",
        "requester": "DC Visitstory",
        "organisation": "Metropolitan Police",
        "lawful_basis": "DPA 2018 s.35",
        "start": (now - timedelta(hours=6)).isoformat(),
        "end": (now - timedelta(hours=5)).isoformat(),
        "cameras": ["CAM-01"],
    }
    item = post(amira, "/api/cctv/requests", body).json()
    if approve is not None:
        post(helen, f"/api/cctv/requests/{item['id']}/decision", {"approve": approve, "reason": "For the story test"})
    return ViewingRequest.objects.get(pk=item["id"])


def test_a_police_officer_views_footage_for_an_approved_request_and_signs_out(as_user):
    amira, helen = as_user("cctv"), as_user("controller")
    approved = _request(amira, helen, True)
    waiting = _request(amira, helen, None)
    visit = {
        "partnership": "safer-camden",
        "visitor": "DC Visitstory",
        "organisation": "Metropolitan Police",
        "purpose": "viewing",
        "footage": "CAM-01 09:00-10:00",
        "identity_checked": True,
    }
    before = Visit.objects.count()
    assert post(amira, "/api/cctv/visits", {**visit, "request_id": waiting.pk}).status_code == 400  # not approved
    assert (
        post(amira, "/api/cctv/visits", {**visit, "request_id": approved.pk, "identity_checked": False}).status_code
        == 400
    )
    assert post(amira, "/api/cctv/visits", visit).status_code == 400  # a viewing names its request
    assert Visit.objects.count() == before

    created = post(amira, "/api/cctv/visits", {**visit, "request_id": approved.pk})
    assert created.status_code == 201, created.content
    row = created.json()
    assert row["request"] == approved.reference and row["signed_out_at"] is None
    disclosure = Disclosure.objects.get(source_type="cctv.visit", source_id=row["id"])
    assert (disclosure.method, disclosure.recipient_name) == ("viewing", "DC Visitstory")

    page = amira.get("/cctv/visits/")
    assert page.status_code == 200 and "DC Visitstory" in page.content.decode()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.READ, object_type="cctv.visit").exists()
    # Signed out through the page's form (POST-redirect-GET).
    out = amira.post("/cctv/visits/", {"form": "out", "visit": str(row["id"])})
    assert out.status_code == 302
    assert Visit.objects.get(pk=row["id"]).signed_out_at is not None
    assert post(amira, f"/api/cctv/visits/{row['id']}/sign-out", {}).status_code == 409

    kieran = as_user("herts-cctv")
    assert all(v["id"] != row["id"] for v in kieran.get("/api/cctv/visits", {"limit": 500}).json()["items"])
    assert post(kieran, f"/api/cctv/visits/{row['id']}/sign-out", {}).status_code == 404
    assert as_user("stevenage").get("/cctv/visits/").status_code == 403
    # A maintenance visit needs no request, and may not name one.
    engineer = {**visit, "visitor": "Engineer", "purpose": "maintenance", "footage": "", "identity_checked": False}
    assert post(amira, "/api/cctv/visits", engineer).status_code == 201
    assert post(amira, "/api/cctv/visits", {**engineer, "request_id": approved.pk}).status_code == 400


def test_an_agency_told_with_their_reference_agreement_and_response_time(as_user):
    amira = as_user("cctv")
    entry = LogEntry.objects.filter(partnership__slug="safer-camden").first()
    agreement = SharingAgreement.objects.get(reference="ISA-CAM-POL-01")
    told = timezone.now() - timedelta(minutes=30)
    form = {
        "form": "notice",
        "agency": "Metropolitan Police (Camden CAD)",
        "their_reference": "BTP-4471",
        "notified_at": timezone.localtime(told).strftime("%Y-%m-%dT%H:%M"),
        "agreement_id": str(agreement.pk),
    }
    told_response = amira.post(f"/cctv/log/{entry.pk}/", form)
    assert told_response.status_code == 302, told_response.content.decode()[-1500:]
    notice = AgencyNotice.objects.get(entry=entry, their_reference="BTP-4471")
    assert notice.agreement == agreement and notice.responded_at is None
    assert Disclosure.objects.filter(source_type="cctv.logentry", source_id=entry.pk, agreement=agreement).exists()

    answered = timezone.localtime(told + timedelta(minutes=12)).strftime("%Y-%m-%dT%H:%M")
    response = amira.post(
        f"/cctv/log/{entry.pk}/", {"form": "response", "notice_id": notice.pk, "responded_at": answered}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.response_minutes == 12
    page = amira.get(f"/cctv/log/{entry.pk}/").content.decode()
    assert "BTP-4471" in page and "12 min" in page and "ISA-CAM-POL-01" in page
    api = amira.get("/api/cctv/log", {"limit": 500}).json()["items"]
    mine = next(e for e in api if e["id"] == entry.pk)
    assert any(n["response_minutes"] == 12 and n["agreement"] == "ISA-CAM-POL-01" for n in mine["notices"])
    # Twice, or before being told: refused.
    again = amira.post(f"/cctv/log/{entry.pk}/", {"form": "response", "notice_id": notice.pk})
    assert again.status_code == 409
    # Another partnership's agreement: refused, nothing written.
    herts = SharingAgreement.objects.exclude(partnership__slug="safer-camden").first()
    if herts is not None:
        count = AgencyNotice.objects.count()
        bad = amira.post(f"/cctv/log/{entry.pk}/", {**form, "agreement_id": str(herts.pk)})
        assert bad.status_code == 400 and AgencyNotice.objects.count() == count


def test_a_new_entry_with_an_agency_told_is_all_or_nothing(as_user):
    amira = as_user("cctv")
    now = timezone.localtime(timezone.now() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "partnership": "safer-camden",
        "occurred_at": now,
        "location": "Allornothing Street",
        "kind": "theft",
        "narrative": "Bag snatched outside the station",
        "cameras": ["CAM-01"],
        "agency": "Transport for London",
        "their_reference": "TFL-1",
    }
    count = LogEntry.objects.count()
    bad = amira.post("/cctv/log/", {**form, "agreement_id": "999999"})
    assert bad.status_code == 400 and LogEntry.objects.count() == count
    good = amira.post("/cctv/log/", form)
    assert good.status_code == 302
    entry = LogEntry.objects.get(location="Allornothing Street")
    assert entry.notices.get().their_reference == "TFL-1"
