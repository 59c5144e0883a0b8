"""The disclosure record (issue #10: partner data, sharing agreements and the disclosure record in
their own app): the one service other modules record disclosures with, its refusals (nothing
written), its visibility inherited from the source record, and the page, CSV and API lists."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests import factories as make
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Denied, Invalid
from watchkeeper.core.models import AuditEntry, Restriction
from watchkeeper.core.roles import Role
from watchkeeper.sharing import disclosures
from watchkeeper.sharing.disclosures import queries
from watchkeeper.sharing.models import Disclosure, SharingAgreement

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def world():
    """A partnership with a CCTV controller, an IDVA, an ASB officer, a police agency under an
    agreement, an open person and one restricted to the IDVA."""
    home = make.partnership()
    cctv, idva_team, asb_team = make.agency(home), make.agency(home), make.agency(home)
    police = make.agency(home, name="Borough Police")
    controller = make.user(Role.CCTV_CONTROLLER, cctv)
    idva = make.user(Role.IDVA, idva_team)
    asb = make.user(Role.ASB_OFFICER, asb_team)
    open_person = make.person(home, family_name="Openperson", owner_agency=cctv)
    secret = make.person(home, family_name="Secretperson", restriction=Restriction.PEOPLE, owner_agency=idva_team)
    secret.shared_users.add(idva)
    today = timezone.localdate()
    agreement = SharingAgreement.objects.create(
        partnership=home,
        partner_agency=police,
        title="CCTV to police",
        reference="ISA-POL-1",
        lawful_basis="dpa_part3",
        purpose="Evidence of crime",
        data_categories="CCTV footage",
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=100),
        personal_data_allowed=True,
    )
    return {
        "home": home,
        "police": police,
        "controller": controller,
        "idva": idva,
        "asb": asb,
        "open": open_person,
        "secret": secret,
        "agreement": agreement,
    }


# A recipient outside the platform, under the legal-proceedings exemption: no agreement.
INSURER = {
    "recipient_agency": None,
    "agreement": None,
    "recipient_name": "",
    "recipient_organisation": "Acme Insurance",
    "lawful_basis": "dpa_s2_p5",
}


def disclose(world, actor_user, source, **fields):
    options = {
        "recipient_agency": world["police"],
        "recipient_name": "DC Rowe",
        "agreement": world["agreement"],
        "purpose": "Investigation of an assault",
        "lawful_basis": "dpa_part3",
        "method": "secure_link",
        "reference": "CAD 123",
        **fields,
    }
    return disclosures.record(Actor(actor_user, source="test"), source, **options)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def written() -> tuple[int, int]:
    return Disclosure.objects.count(), AuditEntry.objects.filter(kind=AuditEntry.Kind.CREATE).count()


# --- the service ------------------------------------------------------------------------------------


def test_a_disclosure_is_recorded_with_its_audit_entry(world):
    d = disclose(world, world["controller"], world["open"], description="Footage of the car park")
    stored = Disclosure.objects.get(pk=d.pk)
    assert (stored.source_type, stored.source_id) == ("core.person", world["open"].pk)
    assert stored.partnership == world["home"] and stored.agreement == world["agreement"]
    assert stored.disclosed_by == world["controller"] and stored.recipient == "DC Rowe, Borough Police"
    assert stored.description == "Footage of the car park"
    entry = AuditEntry.objects.filter(object_type="sharing.disclosure", object_id=str(d.pk)).get()
    assert entry.kind == AuditEntry.Kind.CREATE and entry.actor == world["controller"]
    assert "ISA-POL-1" in entry.summary and f"core.person {world['open'].pk}" in entry.summary


def test_a_free_text_recipient_needs_no_agreement(world):
    d = disclose(world, world["controller"], world["open"], **INSURER, method="email")
    assert d.recipient == "Acme Insurance" and d.agreement is None


@pytest.mark.parametrize(
    "change, message",
    [
        ({"purpose": "   "}, "purpose"),
        ({"purpose": "x" * 2001}, "purpose"),
        ({"lawful_basis": "none"}, "lawful basis"),
        ({"method": "carrier pigeon"}, "how the data"),
        ({"agreement": None}, "name the agreement"),
        ({"recipient_agency": None, "recipient_name": "", "recipient_organisation": ""}, "Name the recipient"),
        ({"disclosed_at": timezone.now() + timedelta(days=2)}, "before it happens"),
        ({"reference": "r" * 101}, "reference"),
    ],
)
def test_refusals_write_nothing(world, change, message):
    before = written()
    with pytest.raises(Invalid) as refused:
        disclose(world, world["controller"], world["open"], **change)
    assert refused.value.status == 400 and message in refused.value.message
    assert written() == before


def test_an_agreement_out_of_date_on_the_day_is_refused(world):
    agreement = world["agreement"]
    SharingAgreement.objects.filter(pk=agreement.pk).update(ends_on=timezone.localdate() - timedelta(days=1))
    before = written()
    with pytest.raises(Invalid, match="not in force"):
        disclose(world, world["controller"], world["open"])
    assert written() == before
    # On a day it was in force (a disclosure recorded afterwards), it is accepted.
    d = disclose(world, world["controller"], world["open"], disclosed_at=timezone.now() - timedelta(days=5))
    assert d.agreement_id == agreement.pk


def test_an_agreement_of_another_partnership_or_partner_is_refused(world):
    other = make.partnership()
    foreign = SharingAgreement.objects.create(
        partnership=other,
        partner_agency=world["police"],
        title="Elsewhere",
        reference="ISA-X",
        lawful_basis="art6_1e",
        purpose="x",
        data_categories="x",
        starts_on=date(2020, 1, 1),
        personal_data_allowed=True,
    )
    before = written()
    with pytest.raises(Invalid, match="another partnership"):
        disclose(world, world["controller"], world["open"], agreement=foreign)
    with pytest.raises(Invalid, match="another partner"):
        disclose(world, world["controller"], world["open"], recipient_agency=make.agency(world["home"]))
    SharingAgreement.objects.filter(pk=world["agreement"].pk).update(personal_data_allowed=False)
    with pytest.raises(Invalid, match="does not allow sharing personal data"):
        disclose(world, world["controller"], world["open"])
    assert written() == before


def test_the_actor_must_see_the_source_and_hold_the_action(world):
    before = written()
    with pytest.raises(Denied):
        disclose(world, world["controller"], world["secret"])  # restricted to the IDVA
    viewer = make.user(Role.PARTNER_VIEWER, make.agency(world["home"]))
    with pytest.raises(Denied):
        disclose(world, viewer, world["open"])
    assert written() == before
    assert disclose(world, world["idva"], world["secret"]).source_id == world["secret"].pk


def test_it_works_inside_the_callers_transaction(world):
    """Rolled back with the caller's change; a refusal inside leaves the caller's transaction usable."""
    with pytest.raises(RuntimeError), transaction.atomic():
        disclose(world, world["controller"], world["open"])
        raise RuntimeError("the caller's own change failed")
    assert Disclosure.objects.count() == 0
    with transaction.atomic():
        with pytest.raises(Invalid):
            disclose(world, world["controller"], world["open"], purpose="")
        kept = disclose(world, world["controller"], world["open"])
    assert list(Disclosure.objects.values_list("pk", flat=True)) == [kept.pk]


def test_append_only_and_corrections(world):
    first = disclose(world, world["controller"], world["open"], reference="WRONG")
    first.reference = "changed"
    with pytest.raises(PermissionError):
        first.save()
    with pytest.raises(PermissionError):
        first.delete()
    with pytest.raises(PermissionError):
        Disclosure.objects.filter(pk=first.pk).update(reference="changed")
    with pytest.raises(PermissionError):
        Disclosure.objects.filter(pk=first.pk).delete()
    fixed = disclose(world, world["controller"], world["open"], reference="CAD 124", corrects=first)
    assert fixed.corrects == first and Disclosure.objects.get(pk=first.pk).reference == "WRONG"
    assert list(first.corrections.all()) == [fixed]


# --- visibility and the lists ------------------------------------------------------------------------


def test_a_restricted_sources_disclosures_are_hidden_from_the_unentitled(world):
    opened = disclose(world, world["controller"], world["open"], recipient_name="Openrecipient")
    hidden = disclose(world, world["idva"], world["secret"], recipient_name="Hiddenrecipient")
    assert set(Disclosure.objects.visible_to(world["asb"])) == {opened}
    assert set(Disclosure.objects.visible_to(world["idva"])) == {opened, hidden}
    assert list(queries.for_source(world["asb"], world["secret"])) == []
    assert list(queries.for_source(world["idva"], world["secret"])) == [hidden]
    assert set(queries.for_agreement(world["asb"], world["agreement"])) == {opened}
    outsider = make.user(Role.ASB_OFFICER)  # another partnership
    assert not Disclosure.objects.visible_to(outsider).exists()
    asb = client_for(world["asb"])
    page = asb.get("/sharing/disclosures/").content.decode()
    assert "Openrecipient" in page and "Hiddenrecipient" not in page
    exported = asb.get("/sharing/disclosures/export.csv")
    text = b"".join(exported.streaming_content if exported.streaming else [exported.content]).decode()
    assert "Openrecipient" in text and "Hiddenrecipient" not in text
    listed = asb.get("/api/sharing/disclosures").json()
    assert [row["id"] for row in listed["items"]] == [opened.pk]
    assert [row["id"] for row in client_for(world["idva"]).get("/api/sharing/disclosures").json()["items"]] == [
        hidden.pk,
        opened.pk,
    ]


def test_the_page_filters_by_agreement_recipient_and_period_and_is_audited(world):
    old = disclose(world, world["controller"], world["open"], disclosed_at=timezone.now() - timedelta(days=40))
    insurer = disclose(world, world["controller"], world["open"], **INSURER)
    client = client_for(world["controller"])
    searches = AuditEntry.objects.filter(kind=AuditEntry.Kind.SEARCH, object_type="sharing.disclosure").count()
    by_agreement = client.get("/sharing/disclosures/", {"agreement": world["agreement"].pk})
    assert by_agreement.status_code == 200
    assert [d.pk for d in by_agreement.context["rows"]] == [old.pk]
    assert [d.pk for d in client.get("/sharing/disclosures/", {"recipient": "acme"}).context["rows"]] == [insurer.pk]
    recent = client.get("/sharing/disclosures/", {"start": f"{timezone.localdate() - timedelta(days=7):%Y-%m-%d}"})
    assert [d.pk for d in recent.context["rows"]] == [insurer.pk]
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.SEARCH, object_type="sharing.disclosure").count() == (
        searches + 3
    )
    bad = client.get("/sharing/disclosures/", {"start": "2026-02-10", "end": "2026-01-01"})
    assert bad.status_code == 400 and "before the start" in bad.content.decode()
    assert client.get("/sharing/disclosures/", {"start": "not a date"}).status_code == 400
    assert client.get("/sharing/disclosures/", {"recipient": "x" * 500}).status_code == 400


def test_the_csv_export_is_neutralised_and_audited(world):
    disclose(world, world["controller"], world["open"], reference="=HYPERLINK(1)")
    response = client_for(world["controller"]).get("/sharing/disclosures/export.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == queries.CSV_HEADER and len(rows) == 2
    assert rows[1][queries.CSV_HEADER.index("reference")] == "'=HYPERLINK(1)"
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.EXPORT, object_type="sharing.disclosure").exists()


def test_the_api_filters_and_bounds(world):
    d = disclose(world, world["controller"], world["open"])
    client = client_for(world["controller"])
    by_source = client.get(
        "/api/sharing/disclosures", {"source_type": "core.person", "source_id": world["open"].pk}
    ).json()
    assert [row["id"] for row in by_source["items"]] == [d.pk]
    assert by_source["items"][0]["recipient"] == "DC Rowe, Borough Police"
    assert client.get("/api/sharing/disclosures", {"source_type": "core.place"}).json()["items"] == []
    assert client.get("/api/sharing/disclosures", {"start": "2026-02-10", "end": "2026-01-01"}).status_code == 400
    assert client.get("/api/sharing/disclosures", {"agreement": "0"}).status_code == 422
    viewer = make.user(Role.PARTNER_VIEWER, make.agency(world["home"]))
    assert client_for(viewer).get("/api/sharing/disclosures").status_code == 403


def test_the_agreement_page_shows_its_disclosures(world):
    disclose(world, world["controller"], world["open"], recipient_name="Agreementrecipient")
    analyst = make.user(Role.ANALYST, make.agency(world["home"]))
    response = client_for(analyst).get(f"/sharing/agreements/{world['agreement'].pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "ISA-POL-1" in text and "Agreementrecipient" in text
    outsider = make.user(Role.ANALYST)
    assert client_for(outsider).get(f"/sharing/agreements/{world['agreement'].pk}/").status_code == 404
