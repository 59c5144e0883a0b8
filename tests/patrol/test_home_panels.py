"""The council's home-page panels for the patrol service: missed tasks name the shift they count
(a running shift, or the one that ended this morning), and the expiry panel says nothing when no
patrol rules are in force rather than failing the page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.patrol.world import build
from watchkeeper.patrol.models import PatrolRules, Shift, ShiftTask

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def _shift_with_a_missed_task(world, starts, ends):
    shift = Shift.objects.create(
        contract=world.contract, service_date=timezone.localdate(starts), starts_at=starts, ends_at=ends, seed=1
    )
    ShiftTask.objects.create(
        shift=shift,
        team="foot",
        round=1,
        position=1,
        hotspot="cell:1",
        source="forecast",
        street="Camden High Street",
        lat=51.54,
        lon=-0.14,
        due_from=starts,
        due_by=starts + timedelta(minutes=30),
        dwell_target_minutes=10,
    )
    return shift


def _panels(world, user) -> dict[str, str]:
    page = world.client(user).get("/")
    assert page.status_code == 200
    return {p["title"]: p["value"] for p in page.context["panels"]}


def test_missed_tasks_are_titled_by_the_shift_they_count():
    world = build()
    now = timezone.now()
    shift = _shift_with_a_missed_task(world, now - timedelta(hours=2), now + timedelta(hours=9))
    assert _panels(world, world.manager)["Patrol tasks missed this shift"] == 1

    # The same shift seen at 10:00 the next morning: it ended hours ago, and the panel says so.
    Shift.objects.filter(pk=shift.pk).update(starts_at=now - timedelta(hours=18), ends_at=now - timedelta(hours=7))
    ShiftTask.objects.filter(shift=shift).update(due_by=now - timedelta(hours=17))
    panels = _panels(world, world.manager)
    assert panels["Patrol tasks missed on the last shift"] == 1
    assert "Patrol tasks missed this shift" not in panels


def test_the_expiry_panel_is_left_out_when_no_rules_are_in_force():
    world = build()
    titles = _panels(world, world.manager)  # the council's contract manager (patrol.manage)
    assert "CSAS powers expiring" in titles  # the migration seeds rules in force
    PatrolRules.objects.all().delete()
    without = _panels(world, world.manager)
    assert "CSAS powers expiring" not in without
    assert set(titles) - {"CSAS powers expiring"} == set(without)
