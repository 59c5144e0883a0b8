"""get_visible_or_404 (core/visibility.py): the one "a record the user may see, or refuse" lookup that
services, pages and API operations share. Another partnership's record and an id that does not exist
get the same NotFound, so ids cannot be probed."""

from __future__ import annotations

import pytest

from tests import factories as make
from watchkeeper.control.models import Incident, Unit
from watchkeeper.core import services
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import NotFound
from watchkeeper.core.models import ApiToken
from watchkeeper.core.roles import Role
from watchkeeper.core.visibility import get_visible_or_404

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def test_a_visible_record_is_returned_and_remembers_its_viewer():
    home, _where, handler = make.control_room(Role.DISPATCHER)
    mine = make.incident(handler, home)
    found = get_visible_or_404(Incident.objects.select_related("grade"), handler, "No such incident.", pk=mine.pk)
    assert found.pk == mine.pk
    assert found._visible_to is handler  # as visible_get: a later allowed() check asks nothing more


def test_another_partnerships_record_and_a_missing_id_get_the_same_refusal():
    home, _where, handler = make.control_room(Role.DISPATCHER)
    _other_home, _other_where, other_handler = make.control_room(Role.DISPATCHER)
    mine = make.incident(handler, home)
    missing = Incident.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    answers = []
    for pk in (mine.pk, missing):
        with pytest.raises(NotFound) as refused:
            get_visible_or_404(Incident, other_handler, f"No incident {pk} that you can see.", pk=pk)
        answers.append(refused.value.message.replace(str(pk), "N"))
    assert answers == ["No incident N that you can see."] * 2


def test_the_lookup_may_name_other_fields_and_a_model_without_message_gets_a_default():
    home, where, handler = make.control_room(Role.DISPATCHER)
    unit = make.unit(home, district=where.district)
    assert get_visible_or_404(Unit, handler, call_sign=unit.call_sign).pk == unit.pk
    with pytest.raises(NotFound, match="No such unit that you can see."):
        get_visible_or_404(Unit, handler, call_sign=unit.call_sign, partnership=make.partnership())


def test_an_id_that_failed_its_bound_is_refused_without_a_query(django_assert_num_queries):
    _home, _where, handler = make.control_room(Role.DISPATCHER)
    with django_assert_num_queries(0), pytest.raises(NotFound, match="No such incident."):
        get_visible_or_404(Incident, handler, "No such incident.", pk=None)


def test_the_lookup_may_name_a_field_called_user():
    # As the patrol officer's own record is found (officers.queries.officer_for: user=..., active=True).
    owner = make.user(Role.DISPATCHER)
    token = services.issue_token(Actor(None, "test"), owner, [], 30)[0]
    assert get_visible_or_404(ApiToken, owner, "No token of yours.", user=owner).pk == token.pk
    with pytest.raises(NotFound, match="No token of yours."):
        get_visible_or_404(ApiToken, make.user(Role.DISPATCHER), "No token of yours.", user=owner)
