"""Stories through the API as the demo personas: an ASB officer opens a case, links people and
places, records consent, agrees actions, writes notes with their own restriction, uploads
documents; the database, the timeline and the audit trail say what happened, and nobody outside
the case's audience sees any of it."""

from __future__ import annotations

import json

import pytest

from watchkeeper.cases.core.models import Action, Case, Document, Event, Note, Party
from watchkeeper.core.models import Agency, AuditEntry, Person, User

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def open_case(client, **extra):
    body = {"partnership": "safer-camden", "kind": "asb", "title": "Stairwell drug dealing", **extra}
    response = post(client, "/api/cases", body)
    assert response.status_code == 201, response.content
    return Case.objects.get(pk=response.json()["id"])


def test_an_asb_case_from_opening_to_close(as_user):
    asb = as_user("asb")
    case = open_case(asb)
    victim = Person.objects.get(family_name="Openshaw")
    assert post(asb, f"/api/cases/{case.pk}/parties", {"role": "victim", "person": victim.pk}).status_code == 201
    assert Party.objects.get(case=case).person == victim
    consent = {"status": "given", "given_by": "Alfred Openshaw", "on": "2026-01-05"}
    assert post(asb, f"/api/cases/{case.pk}/consent", consent).status_code == 200
    police = Agency.objects.get(slug="met-camden")
    action = post(
        asb, f"/api/cases/{case.pk}/actions", {"agency": police.pk, "text": "Patrol the stairwell", "due": "2026-01-10"}
    )
    assert action.status_code == 201
    done = post(asb, f"/api/case-actions/{action.json()['id']}", {"status": "done", "outcome": ""})
    assert done.status_code == 400  # an outcome is required
    assert Action.objects.get(pk=action.json()["id"]).status == "open"
    assert (
        post(
            asb, f"/api/case-actions/{action.json()['id']}", {"status": "done", "outcome": "Patrolled nightly"}
        ).status_code
        == 200
    )
    # Handing over keeps consent on the case.
    officer = User.objects.get(username="idva")
    assert post(asb, f"/api/cases/{case.pk}/handover", {"officer": officer.pk}).status_code == 200
    case.refresh_from_db()
    assert (case.consent, case.consent_by, case.officer) == ("given", "Alfred Openshaw", officer)
    assert post(asb, f"/api/cases/{case.pk}/close", {"outcome": "Resolved by patrols"}).status_code == 200
    kinds = list(Event.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == ["opened", "party_added", "consent", "action_added", "action_updated", "handed_over", "closed"]
    audited = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).values_list("kind", flat=True)
    assert "create" in audited and "update" in audited
    # Closed: no more writes.
    assert post(asb, f"/api/cases/{case.pk}/notes", {"text": "late"}).status_code == 409


def test_timeline_is_append_only(as_user):
    case = open_case(as_user("asb"))
    event = Event.objects.get(case=case)
    event.kind = "closed"
    with pytest.raises(Exception, match="cannot be changed"):
        event.save()
    with pytest.raises(Exception, match="cannot be deleted"):
        event.delete()


def test_a_restricted_case_and_a_restricted_note_stay_hidden(as_user):
    asb = as_user("asb")
    case = open_case(asb, restriction="agencies")
    note = post(asb, f"/api/cases/{case.pk}/notes", {"text": "Informant Zephyrquill says", "restriction": "people"})
    assert note.status_code == 201
    open_note = post(asb, f"/api/cases/{case.pk}/notes", {"text": "Visited Marbleton"})
    assert open_note.status_code == 201
    # Another ASB-agency reader sees the case, and both notes are the author's.
    own = asb.get(f"/api/cases/{case.pk}").json()
    assert {n["text"] for n in own["notes"]} == {"Informant Zephyrquill says", "Visited Marbleton"}
    # The IDVA (another agency) does not see the case at all: 404, not in lists, not counted.
    idva = as_user("idva")
    assert idva.get(f"/api/cases/{case.pk}").status_code == 404
    assert case.pk not in [c["id"] for c in idva.get("/api/cases", {"limit": 500}).json()["items"]]
    assert post(idva, f"/api/cases/{case.pk}/notes", {"text": "x"}).status_code == 404
    # Opening the case to the partnership does not open the note restricted to its author.
    assert (
        post(
            asb,
            f"/api/cases/{case.pk}/restriction",
            {"restriction": "partnership", "reason": "test: who needs to know"},
        ).status_code
        == 200
    )
    seen = idva.get(f"/api/cases/{case.pk}").json()
    assert [n["text"] for n in seen["notes"]] == ["Visited Marbleton"]
    assert "Zephyrquill" not in idva.get(f"/cases/{case.pk}/").content.decode()
    assert Note.objects.filter(case=case).count() == 2


def test_bad_input_is_a_clear_4xx_and_writes_nothing(as_user):
    asb = as_user("asb")
    case = open_case(asb)
    before = Event.objects.filter(case=case).count()
    assert post(asb, f"/api/cases/{case.pk}/parties", {"role": "victim"}).status_code == 400
    assert post(asb, f"/api/cases/{case.pk}/parties", {"role": "villain", "person": 1}).status_code == 400
    assert post(asb, f"/api/cases/{case.pk}/parties", {"role": "victim", "person": 10**15}).status_code in (404, 422)
    secret = Person.objects.get(family_name="Quillfeather")  # restricted to the IDVA
    assert post(asb, f"/api/cases/{case.pk}/parties", {"role": "victim", "person": secret.pk}).status_code == 404
    assert (
        post(asb, f"/api/cases/{case.pk}/consent", {"status": "given", "given_by": "", "on": "2026-01-01"}).status_code
        == 400
    )
    assert post(asb, "/api/cases", {"partnership": "herts-cctv", "kind": "asb", "title": "x"}).status_code == 400
    assert (
        post(asb, "/api/cases", {"partnership": "safer-camden", "kind": "asb", "title": "x", "bogus": 1}).status_code
        == 422
    )
    assert Event.objects.filter(case=case).count() == before


def test_documents_keep_their_sha256_and_refuse_bad_types(as_user, tmp_path, settings):
    import hashlib

    settings.CASE_DOCUMENTS_DIR = tmp_path
    asb = as_user("asb")
    case = open_case(asb)
    pdf = b"%PDF-1.4\n" + b"x" * 5000
    from django.core.files.uploadedfile import SimpleUploadedFile

    ok = asb.post(f"/api/cases/{case.pk}/documents", {"file": SimpleUploadedFile("letter.pdf", pdf)})
    assert ok.status_code == 201, ok.content
    document = Document.objects.get(case=case)
    assert document.sha256 == hashlib.sha256(pdf).hexdigest() and document.size == len(pdf)
    assert (tmp_path / document.stored_as).read_bytes() == pdf
    download = asb.get(f"/api/case-documents/{document.pk}")
    assert b"".join(download.streaming_content) == pdf
    exe = asb.post(f"/api/cases/{case.pk}/documents", {"file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00\x03")})
    assert exe.status_code == 400
    settings.CASE_DOCUMENTS_DIR = tmp_path
    from watchkeeper.cases.rules.models import Rule

    Rule.objects.create(name="document-max-bytes", value=1000, unit="bytes", effective_from="2020-01-01")
    big = asb.post(f"/api/cases/{case.pk}/documents", {"file": SimpleUploadedFile("big.txt", b"a" * 2000)})
    assert big.status_code == 400
    assert Document.objects.filter(case=case).count() == 1
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [document.sha256]
    assert as_user("idva").get(f"/api/case-documents/{document.pk}").status_code == 200  # partnership case
    assert as_user("handler").get(f"/api/case-documents/{document.pk}").status_code == 403  # role


def test_links_to_incidents_and_duplicate_proposals(as_user):
    asb = as_user("asb")
    case = open_case(asb)
    assert (
        post(asb, f"/api/cases/{case.pk}/links", {"kind": "cctv", "cctv_reference": "CAM-2026-0042"}).status_code == 201
    )
    assert post(asb, f"/api/cases/{case.pk}/links", {"kind": "incident", "target": 10**9}).status_code == 404
    camden = case.partnership
    a = Person.objects.create(
        partnership=camden,
        given_name="Jon",
        family_name="Harkness",
        phone="07700900555",
        owner_agency=Agency.objects.get(slug="camden-asb"),
    )
    b = Person.objects.create(
        partnership=camden,
        given_name="John",
        family_name="Harkness",
        phone="07700900555",
        owner_agency=Agency.objects.get(slug="met-camden"),
    )
    found = asb.get("/api/cases/duplicates", {"partnership": "safer-camden"}).json()
    assert {(r["keep"], r["duplicate"]) for r in found} & {(a.pk, b.pk), (b.pk, a.pk)}
    # Merging is a person's act, through core's merge (which keeps the stricter restriction).
    pair = next(r for r in found if {r["keep"], r["duplicate"]} == {a.pk, b.pk})
    merged = post(asb, f"/api/people/{pair['keep']}/merge", {"duplicate": pair["duplicate"]})
    assert merged.status_code == 200, merged.content
    assert Person.objects.get(pk=pair["duplicate"]).merged_into_id == pair["keep"]


def test_a_disclosure_is_recorded_against_its_agreement_and_on_the_timeline(as_user):
    from watchkeeper.sharing.models import Disclosure

    asb = as_user("asb")
    case = open_case(asb, restriction="agencies")
    from watchkeeper.sharing.models import SharingAgreement

    police = Agency.objects.get(slug="met-camden")
    # The demo borough shares with the police under this agreement, so the disclosure must name it.
    agreement = SharingAgreement.objects.get(reference="ISA-CAM-POL-01")
    body = {
        "agency": police.pk,
        "agreement": agreement.pk,
        "purpose": "Joint visit planning",
        "lawful_basis": "art6_1e",
        "method": "email",
    }
    response = post(asb, f"/api/cases/{case.pk}/disclosures", body)
    assert response.status_code == 201, response.content
    disclosure = Disclosure.objects.get(pk=response.json()["id"])
    assert disclosure.recipient_agency == police and disclosure.purpose == "Joint visit planning"
    assert Event.objects.filter(case=case, kind="disclosed").count() == 1
    bad = post(asb, f"/api/cases/{case.pk}/disclosures", {**body, "lawful_basis": "because"})
    assert bad.status_code == 400
    assert Event.objects.filter(case=case, kind="disclosed").count() == 1
    assert post(as_user("idva"), f"/api/cases/{case.pk}/disclosures", body).status_code == 404
