"""The demo borough's disclosures, as the personas see them (issue #10: the disclosure record)."""

import pytest

from watchkeeper.core.models import AuditEntry
from watchkeeper.sharing.models import Disclosure, SharingAgreement

pytestmark = pytest.mark.django_db


def test_the_controller_sees_the_demo_disclosures_and_the_agreement_lists_its_own(as_user):
    agreement = SharingAgreement.objects.get(reference="ISA-CAM-POL-01")
    assert Disclosure.objects.filter(reference__startswith="DEMO-").count() == 2
    page = as_user("controller").get("/sharing/disclosures/")
    text = page.content.decode()
    assert page.status_code == 200 and "Northway Insurance (claims)" in text and "DC Jordan Rowe" in text
    assert "GMT" in text or "BST" in text  # times shown in Europe/London, marked
    analyst = as_user("analyst")
    listed = analyst.get(f"/sharing/agreements/{agreement.pk}/").content.decode()
    assert "DC Jordan Rowe" in listed and "Northway" not in listed  # only those under the agreement
    assert f'href="/sharing/agreements/{agreement.pk}/"' in analyst.get("/intel/partner-data/").content.decode()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.SEARCH, object_type="sharing.disclosure").exists()


def test_roles_without_the_record_are_refused(as_user):
    for username in ("partner", "handler", "patrol"):
        assert as_user(username).get("/sharing/disclosures/").status_code == 403
        assert as_user(username).get("/sharing/disclosures/export.csv").status_code == 403


def test_every_agreement_named_in_the_record_opens_for_whoever_reads_it(as_user):
    import re

    for username in ("asb", "idva", "controller", "duty", "auditor", "analyst"):
        client = as_user(username)
        text = client.get("/sharing/disclosures/").content.decode()
        links = set(re.findall(r'href="(/sharing/agreements/\d+/)"', text))
        assert links, username
        for link in links:
            assert client.get(link).status_code == 200, (username, link)
    agreement = SharingAgreement.objects.get(reference="ISA-CAM-POL-01")
    for username in ("partner", "handler", "patrol"):
        assert as_user(username).get(f"/sharing/agreements/{agreement.pk}/").status_code == 403
