"""The demo opens on a live shift: open calls received in the last half hour, in each state a
dispatcher meets, made through the services (timeline and audit as in real use); a second start
adds none, and a start hours later hands the old calls over (closed, units freed) and opens fresh."""

from datetime import timedelta

import pytest
from django.utils import timezone

from watchkeeper.control import demo_live
from watchkeeper.control.models import Incident, IncidentEvent, Unit
from watchkeeper.core.models import AuditEntry, Partnership

pytestmark = pytest.mark.django_db


def _camden():
    return Partnership.objects.get(slug="safer-camden")


def _start() -> dict:
    return demo_live.top_up({"safer-camden": _camden()})


def test_the_board_opens_on_a_live_shift_and_the_next_day_hands_it_over(as_user):
    assert not demo_live.opened_here(_camden()).exists()
    before_audit = AuditEntry.objects.count()
    assert _start() == {"live_calls_closed": 0, "live_calls_opened": len(demo_live.SHIFT)}

    live = demo_live.opened_here(_camden()).filter(closed_at__isnull=True)
    now = timezone.now()
    assert live.count() == 6 and all(now - timedelta(minutes=30) < i.received_at < now for i in live)
    assert live.filter(grade__isnull=True).count() == 2  # waiting for a grade
    graded_waiting = live.filter(grade__isnull=False, assignments__isnull=True)
    assert graded_waiting.filter(grade__code="I").exists()  # an Immediate with its clock running
    statuses = sorted(Unit.objects.filter(assignments__incident__in=live).values_list("status", flat=True))
    assert statuses == [Unit.Status.AT_SCENE, Unit.Status.EN_ROUTE]
    board = as_user("dispatcher").get("/control/board/state.json").json()
    assert {i["id"] for i in board["incidents"]} >= set(live.values_list("pk", flat=True))  # on the board
    kinds = set(IncidentEvent.objects.filter(incident__in=live).values_list("kind", flat=True))
    assert {"created", "graded", "assigned"} <= kinds
    assert AuditEntry.objects.count() > before_audit
    assert AuditEntry.objects.filter(actor__username="dispatcher", object_id__in=[str(i.pk) for i in live]).exists()

    assert _start() == {"live_calls_closed": 0, "live_calls_opened": 0}  # a second start adds none

    # Started again the next day: the old calls are handed over, their units freed, fresh ones opened.
    old = list(live.values_list("pk", flat=True))
    busy = list(Unit.objects.filter(assignments__incident__in=old).values_list("pk", flat=True))
    Incident.objects.filter(pk__in=old).update(received_at=now - timedelta(hours=20))
    assert _start() == {"live_calls_closed": 6, "live_calls_opened": 6}
    assert not Incident.objects.filter(pk__in=old, closed_at__isnull=True).exists()
    fresh = demo_live.opened_here(_camden()).filter(closed_at__isnull=True)
    assert fresh.count() == 6
    # Each unit the old calls held is free again, or sent to one of the fresh calls.
    for unit in Unit.objects.filter(pk__in=busy):
        assert unit.status == Unit.Status.AVAILABLE or unit.assignments.filter(incident__in=fresh).exists()
