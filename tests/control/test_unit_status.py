"""Unit status transitions as pure rules (issue 10 item 3), and the API refusing a move the table
does not allow with a 409 that changes nothing."""

import pytest

from tests.control.cad import api, grade, new_incident, post
from watchkeeper.control import unit_status
from watchkeeper.control.models import Unit, UnitStatusChange

S = Unit.Status


def test_the_table_covers_every_status():
    assert set(unit_status.ALLOWED) == set(S.values)
    assert all(targets <= set(S.values) for targets in unit_status.ALLOWED.values())


@pytest.mark.parametrize(
    ("current", "new", "assigned", "allowed"),
    [
        (S.AVAILABLE, S.EN_ROUTE, True, True),
        (S.AVAILABLE, S.AT_SCENE, True, True),  # arrived without saying en route
        (S.EN_ROUTE, S.AT_SCENE, True, True),
        (S.AT_SCENE, S.AVAILABLE, True, True),  # clears the assignment
        (S.AT_SCENE, S.AT_SCENE, True, True),  # a position report repeats the status
        (S.AVAILABLE, S.OFF_DUTY, False, True),
        (S.OFF_DUTY, S.AVAILABLE, False, True),
        (S.AVAILABLE, S.EN_ROUTE, False, False),  # nothing to be en route for
        (S.AVAILABLE, S.AT_SCENE, False, False),
        (S.AT_SCENE, S.EN_ROUTE, True, False),  # at scene a unit clears, it does not go back
        (S.OFF_DUTY, S.EN_ROUTE, True, False),  # comes on duty first
        (S.OFF_DUTY, S.AT_SCENE, True, False),
    ],
)
def test_transitions(current, new, assigned, allowed):
    assert (unit_status.problem("CW1", current, new, assigned) is None) == allowed


def test_the_reason_names_the_unit_and_both_statuses():
    assert unit_status.problem("CW1", S.AT_SCENE, S.EN_ROUTE, True) == (
        "CW1 is at scene: it cannot go en route from there."
    )
    assert unit_status.problem("CW1", S.AVAILABLE, S.AT_SCENE, False) == (
        "CW1 has no assigned incident to be at scene for."
    )


@pytest.mark.django_db
def test_the_api_refuses_a_move_the_table_does_not_allow_and_writes_nothing():
    """Sent to an incident and at scene, EK11 cannot report en route again: a 409, nothing written."""
    incident = new_incident()
    grade(incident["id"])
    unit = Unit.objects.get(call_sign="EK11")
    dispatcher = api("dispatcher")
    assert post(dispatcher, f"/api/incidents/{incident['id']}/assignments", {"unit": unit.pk}).status_code == 201
    assert post(dispatcher, f"/api/units/{unit.pk}/status", {"status": "at_scene"}).status_code == 200
    changes = UnitStatusChange.objects.count()
    answer = post(dispatcher, f"/api/units/{unit.pk}/status", {"status": "en_route"})
    assert answer.status_code == 409 and "cannot go en route" in answer.json()["detail"]
    unit.refresh_from_db()
    assert unit.status == S.AT_SCENE and UnitStatusChange.objects.count() == changes
