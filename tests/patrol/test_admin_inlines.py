"""The council's administrator edits a patrol contract's indicators and an officer's vetting and
training in the admin: the inline rows follow the role's admin permission (as every other admin
page does), not Django's model permissions, which Watchkeeper users do not hold."""

import pytest
from django.utils.text import capfirst

from watchkeeper.patrol.models import Contract, Indicator, Officer, Training, Vetting

pytestmark = pytest.mark.django_db


def test_the_administrator_sees_and_may_add_the_inline_rows(as_user):
    admin = as_user("admin")
    officer = Officer.objects.order_by("pk").first()
    page = admin.get(f"/admin/patrol/officer/{officer.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    for model in (Vetting, Training):
        assert str(capfirst(model._meta.verbose_name_plural)) in text, model
    contract = Contract.objects.get(pk=officer.contract_id)
    text = admin.get(f"/admin/patrol/contract/{contract.pk}/change/").content.decode()
    assert str(capfirst(Indicator._meta.verbose_name_plural)) in text
    # Someone without the admin role gets none of it.
    assert as_user("patrol").get(f"/admin/patrol/officer/{officer.pk}/change/").status_code in (302, 403, 404)
