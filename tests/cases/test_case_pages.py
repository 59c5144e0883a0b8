"""The case write pages as the demo personas (Django's client posting the forms the pages show):
each form goes through the API's schema and the same service, redirects back (POST-redirect-GET),
and leaves its row, timeline entry and audit entry; a refusal re-renders the page with the message
beside its form, a 4xx, and writes nothing. The ASB manager alone overrides a missing
prerequisite; the PSPO register's map layer; MARAC meetings with per-agency research packs."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from watchkeeper.cases.asb.models import Complaint, LegalStep, Pspo
from watchkeeper.cases.core.models import Action, Case, Document, Event, Link, Note, Party, RiskAssessment
from watchkeeper.cases.marac.models import Referral
from watchkeeper.cases.meetings.models import Meeting
from watchkeeper.cases.trigger.models import Review
from watchkeeper.core.models import Agency, AuditEntry, Person, Place, User

pytestmark = pytest.mark.django_db


def day(n: int = 0) -> str:
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def open_case(client, kind="asb", title="Agar Grove noise", **extra):
    body = {"partnership": "safer-camden", "kind": kind, "title": title, "restriction": "partnership", **extra}
    response = client.post("/cases/new/", body)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get(title=title)
    assert response["Location"] == f"/cases/{case.pk}/"
    return case


def kinds(case) -> list[str]:
    return list(Event.objects.filter(case=case).values_list("kind", flat=True))


def audited(model: str, pk) -> bool:
    return AuditEntry.objects.filter(object_type=model, object_id=str(pk), kind="create").exists()


def test_an_asb_officer_works_a_case_from_complaint_to_a_warning_in_pages(as_user):
    asb = as_user("asb")
    assert asb.get("/cases/new/").status_code == 200
    case = open_case(asb)
    victim = Person.objects.get(family_name="Openshaw")
    page = asb.get(f"/cases/{case.pk}/", {"person_q": "Openshaw"}).content.decode()
    assert "Add " in page and str(victim.pk) in page  # found by the search, ready to link
    assert asb.post(f"/cases/{case.pk}/parties/", {"role": "victim", "person": victim.pk}).status_code == 302
    assert Party.objects.filter(case=case, person=victim, role="victim").exists()
    place = Place.objects.filter(partnership__slug="safer-camden").order_by("pk").first()
    page = asb.get(f"/cases/{case.pk}/", {"place_q": place.name}).content.decode()
    assert f'name="place" value="{place.pk}"' in page
    assert asb.post(f"/cases/{case.pk}/parties/", {"role": "household", "place": place.pk}).status_code == 302
    assert Party.objects.filter(case=case, place=place).exists()
    r = asb.post(f"/cases/{case.pk}/consent/", {"status": "given", "given_by": "Ms Openshaw", "on": day()})
    assert r.status_code == 302
    for n in (30, 10):
        body = {"source": "resident", "behaviour_on": day(n + 1), "received_on": day(n), "description": "Shouting"}
        assert asb.post(f"/cases/{case.pk}/complaints/", {**body, "complainant": victim.pk}).status_code == 302
    assert Complaint.objects.filter(case=case).count() == 2
    ticks = ["personal-disability", "situational-repeat-victim", "situational-targeted", "incidental-fear-leaving-home"]
    assert asb.post(f"/cases/{case.pk}/vulnerability/", {"answers": ticks}).status_code == 302
    assessment = RiskAssessment.objects.get(case=case)
    assert (assessment.score, assessment.level) == (12, "high") and assessment.contact_due is not None
    r = asb.post(f"/cases/{case.pk}/actions/", {"agency": asb_agency().pk, "text": "Visit the victim", "due": day(-3)})
    assert r.status_code == 302
    action = Action.objects.get(case=case)
    assert (
        asb.post(f"/cases/{case.pk}/actions/{action.pk}/", {"status": "done", "outcome": "Visited"}).status_code == 302
    )
    action.refresh_from_db()
    assert (action.status, action.outcome) == ("done", "Visited")
    r = asb.post(f"/cases/{case.pk}/notes/", {"text": "Informant says", "restriction": "people"})
    assert r.status_code == 302 and Note.objects.get(case=case).restriction == "people"
    r = asb.post(f"/cases/{case.pk}/links/", {"kind": "cctv", "cctv_reference": "CCTV-2026-0042"})
    assert r.status_code == 302 and Link.objects.get(case=case).cctv_reference == "CCTV-2026-0042"
    # A CPN before any warning: refused on the page, beside the legal-step form, nothing written.
    refused = asb.post(f"/cases/{case.pk}/legal-steps/", {"tool": "cpn", "subject": victim.pk})
    assert refused.status_code == 409
    assert "cpn needs one of cpw on record first" in refused.content.decode()
    assert 'data-testid="error-legal"' in refused.content.decode()
    assert not LegalStep.objects.filter(case=case).exists()
    r = asb.post(f"/cases/{case.pk}/legal-steps/", {"tool": "cpw", "details": "Written warning served"})
    assert r.status_code == 302 and r["Location"].endswith("#legal")
    assert LegalStep.objects.get(case=case).tool == "cpw"
    assert {"party_added", "consent", "complaint", "assessed", "action_added", "action_updated"} <= set(kinds(case))
    assert {"note_added", "linked", "legal_step"} <= set(kinds(case))
    assert audited("cases.legalstep", LegalStep.objects.get(case=case).pk)
    assert "cpw" in asb.get(f"/cases/{case.pk}/").content.decode()


def asb_agency():
    return Agency.objects.get(slug="camden-asb")


def test_bad_input_is_a_4xx_beside_its_form_and_writes_nothing(as_user):
    asb = as_user("asb")
    case = open_case(asb)
    before = Event.objects.filter(case=case).count()
    bad = [
        ("consent/", {"status": "given", "given_by": "x", "on": "not-a-date"}, 400),
        ("actions/", {"agency": "999999", "text": "x", "due": day(-1)}, 400),
        ("notes/", {"text": "", "restriction": "partnership"}, 400),
        ("links/", {"kind": "incident", "target": "99999999"}, 404),
        ("legal-steps/", {"tool": "closure_order"}, 409),
        ("legal-steps/", {"tool": "fpn", "fine": "100000"}, 400),
        ("complaints/", {"source": "resident", "behaviour_on": day(1), "received_on": day(3), "description": "x"}, 400),
    ]
    for path, body, status in bad:
        response = asb.post(f"/cases/{case.pk}/{path}", body)
        assert response.status_code == status, (path, response.status_code)
        assert 'role="alert"' in response.content.decode()
    response = asb.post(f"/cases/{case.pk}/documents/", {"file": _upload("evil.exe", b"MZ\x90\x00\x03")})
    assert response.status_code == 400 and not Document.objects.filter(case=case).exists()
    assert Event.objects.filter(case=case).count() == before
    assert asb.post("/cases/new/", {"partnership": "safer-camden", "kind": "asb", "title": ""}).status_code == 400


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_a_document_uploads_with_its_sha256(as_user):
    import hashlib

    asb = as_user("asb")
    case = open_case(asb)
    content = b"Witness statement: loud music until 3am."
    assert asb.post(f"/cases/{case.pk}/documents/", {"file": _upload("statement.txt", content)}).status_code == 302
    assert Document.objects.get(case=case).sha256 == hashlib.sha256(content).hexdigest()


def test_only_the_asb_manager_overrides_a_missing_prerequisite(as_user):
    asb, manager = as_user("asb"), as_user("asbmanager")
    case = open_case(asb)
    url = f"/cases/{case.pk}/legal-steps/"
    reason = "Serious violence: no time for a warning"
    # The officer's page offers no override field, and an override posted anyway is refused.
    assert 'name="override_reason"' not in asb.get(f"/cases/{case.pk}/").content.decode()
    refused = asb.post(url, {"tool": "injunction", "override_reason": reason})
    assert refused.status_code == 403 and "Only an ASB manager" in refused.content.decode()
    colleague = User.objects.create(username="asb-colleague", role="asb_officer", agency=asb_agency())
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    assert other.post(url, {"tool": "injunction", "override_reason": reason}).status_code == 403
    assert not LegalStep.objects.filter(case=case).exists()
    # The manager sees the override field; without a reason the step is still refused.
    assert 'name="override_reason"' in manager.get(f"/cases/{case.pk}/").content.decode()
    assert manager.post(url, {"tool": "injunction"}).status_code == 409
    response = manager.post(url, {"tool": "injunction", "override_reason": reason})
    assert response.status_code == 302
    step = LegalStep.objects.get(case=case)
    assert (step.override_reason, step.overridden_by.username) == (reason, "asbmanager")
    assert Event.objects.get(case=case, kind="override").data["reason"] == reason
    assert AuditEntry.objects.get(object_type="cases.legalstep", object_id=str(step.pk)).reason == reason
    assert reason in asb.get(f"/cases/{case.pk}/").content.decode()


def test_community_trigger_application_and_decision_in_pages(as_user):
    asb = as_user("asb")
    applicant = Person.objects.get(family_name="Openshaw")
    page = asb.get("/cases/reviews/apply/", {"person_q": "Openshaw"})
    assert page.status_code == 200 and 'data-testid="applicants"' in page.content.decode()
    body = {"partnership": "safer-camden", "applicant": applicant.pk, "applied_on": day(), "summary": "Noise"}
    response = asb.post("/cases/reviews/apply/", body)
    assert response.status_code == 302
    review = Review.objects.get(applicant=applicant)
    base = f"/cases/{review.case_id}/review/"
    assert asb.post(base + "contact/", {"what": "told", "on": day()}).status_code == 302
    assert asb.post(base + "step/", {"step": "decided", "on": day()}).status_code == 400  # met not said
    assert asb.post(base + "step/", {"step": "decided", "on": day(), "met": "false"}).status_code == 302
    review.refresh_from_db()
    assert (review.step, review.threshold_met, review.told_of_right_on is not None) == ("decided", False, True)
    assert review.appeal_due is not None
    assert kinds(review.case).count("trigger") == 3


AREA = {"type": "Polygon", "coordinates": [[[-0.14, 51.53], [-0.13, 51.53], [-0.13, 51.54], [-0.14, 51.53]]]}


def test_pspo_register_entry_and_its_map_layer(as_user):
    asb, partner = as_user("asb"), as_user("partner")
    body = {
        "partnership": "safer-camden",
        "name": "Camden Town drinking",
        "conditions": "No drinking in the street",
        "made_on": day(10),
        "expires_on": day(-300),
        "area": json.dumps(AREA),
    }
    assert asb.post("/cases/pspos/", {**body, "area": "not json"}).status_code == 400
    long = {**body, "expires_on": (timezone.localdate() + timedelta(days=4 * 365)).isoformat()}
    assert asb.post("/cases/pspos/", long).status_code == 400
    assert not Pspo.objects.exists()
    assert asb.post("/cases/pspos/", body).status_code == 302
    assert partner.post("/cases/pspos/", body).status_code == 403 and Pspo.objects.count() == 1
    layer = partner.get("/cases/pspos.geojson").json()
    (feature,) = layer["features"]
    assert feature["geometry"] == AREA
    assert any("No drinking in the street" in line for line in feature["properties"]["popup"])
    assert any("expires" in line for line in feature["properties"]["popup"])
    assert "Camden Town drinking" in partner.get("/cases/pspos/").content.decode()


def test_a_marac_chair_runs_a_meeting_with_per_agency_packs(as_user):
    idva = as_user("idva")
    survivor = Person.objects.get(family_name="Quillfeather")
    case = open_case(idva, kind="marac", title="High risk DA", restriction="agencies")
    assert idva.post(f"/cases/{case.pk}/dash/", {"answers": [str(n) for n in range(1, 16)]}).status_code == 302
    assert RiskAssessment.objects.get(case=case).level == "high"
    assert idva.post(f"/cases/{case.pk}/dash/", {"answers": ["25"]}).status_code == 302  # ignored box: 0 ticks
    r = idva.post(f"/cases/{case.pk}/marac-referral/", {"victim": survivor.pk, "route": "dash", "referred_on": day()})
    assert r.status_code == 400  # the latest DASH is now standard risk: the DASH route is not met
    r = idva.post(
        f"/cases/{case.pk}/marac-referral/",
        {"victim": survivor.pk, "route": "visible_high", "referred_on": day(), "reason": "Strangulation"},
    )
    assert r.status_code == 302 and Referral.objects.filter(case=case).count() == 1
    held = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    r = idva.post(
        "/cases/meetings/", {"partnership": "safer-camden", "kind": "marac", "held_at": held, "title": "MARAC"}
    )
    assert r.status_code == 302
    meeting = Meeting.objects.get(title="MARAC")
    assert idva.post(f"/cases/meetings/{meeting.pk}/agenda/").status_code == 302
    assert meeting.agenda.filter(pk=case.pk).exists()
    page = idva.get(f"/cases/meetings/{meeting.pk}/").content.decode()
    assert "High risk DA" in page and "visible_high" in page
    police = Agency.objects.get(slug="met-camden")
    r = idva.post(
        f"/cases/meetings/{meeting.pk}/actions/",
        {"case": case.pk, "agency": police.pk, "text": "Flag the address", "due": day(-7)},
    )
    assert r.status_code == 302
    assert Action.objects.get(case=case, meeting=meeting).agency == police
    assert idva.post(f"/cases/meetings/{meeting.pk}/minutes/", {"minutes": "Safety plan agreed"}).status_code == 302
    # The pack for the IDVA service shows the case (restricted to it); the police's does not.
    own = idva.get(f"/cases/meetings/{meeting.pk}/pack/{idva_agency().pk}/").content.decode()
    assert "High risk DA" in own and "visible_high" in own
    theirs = idva.get(f"/cases/meetings/{meeting.pk}/pack/{police.pk}/").content.decode()
    assert "High risk DA" not in theirs and 'data-testid="pack-empty"' in theirs
    # Sharing the case with the police puts it in their pack, with only the notes they may see.
    case.shared_agencies.add(police)
    idva.post(f"/cases/{case.pk}/notes/", {"text": "Shared with police", "restriction": "partnership"})
    idva.post(f"/cases/{case.pk}/notes/", {"text": "IDVA only detail", "restriction": "people"})
    theirs = idva.get(f"/cases/meetings/{meeting.pk}/pack/{police.pk}/").content.decode()
    assert "High risk DA" in theirs and "Shared with police" in theirs and "IDVA only detail" not in theirs
    assert "Flag the address" in theirs
    # Someone outside the IDVA service sees neither the case on the agenda nor in any pack.
    asb = as_user("asb")
    assert "High risk DA" not in asb.get(f"/cases/meetings/{meeting.pk}/").content.decode()
    assert "High risk DA" not in asb.get(f"/cases/meetings/{meeting.pk}/pack/{police.pk}/").content.decode()


def idva_agency():
    return Agency.objects.get(slug="camden-idva")
