"""Demo data for the patrol service in Camden: the Responsive Security Patrol contract (indicators,
no target on the number of notices), two officers with CSAS powers (one about to lapse), a tasking
for this week from the demo forecast's cells, last night's shift planned and partly patrolled (so
visits, missed tasks and the log show), and tonight's shift planned. Idempotent: natural keys."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Agency, User
from watchkeeper.intel.models import PatrolTasking, TaskedCell
from watchkeeper.patrol.models import (
    Accreditation,
    Contract,
    Indicator,
    Officer,
    Power,
    Shift,
    ShiftTask,
    Training,
    Vetting,
)
from watchkeeper.patrol.proof import rules as proof_rules
from watchkeeper.patrol.proof.services import record_positions
from watchkeeper.patrol.shifts import services as shift_services
from watchkeeper.patrol.tasking.services import plan_shift

TARGETS = {
    "tasks_attended": (90, "at_least"),
    "dwell_achieved": (80, "at_least"),
    "call_response": (90, "at_least"),
    "complaints": (2, "at_most"),
    "appeals_upheld": (1, "at_most"),
    "video_running": (100, "at_least"),
    "payment_rate": (None, "at_least"),
    "cancellations": (None, "at_most"),
    "notices_issued": (None, "at_least"),  # reported, never a target (Defra, April 2026)
}


def _tasking(camden, today) -> PatrolTasking:
    """This week's tasking: the demo forecast's cells (July 2019 forecast) carried to this week."""
    tasking, created = PatrolTasking.objects.get_or_create(
        partnership=camden,
        name="Demo: this week (cells of the demo forecast)",
        defaults={"period_start": today - timedelta(days=3), "period_end": today + timedelta(days=3), "method": "bjp"},
    )
    if created:
        source = TaskedCell.objects.filter(tasking__partnership=camden).exclude(tasking=tasking).order_by("rank")[:6]
        TaskedCell.objects.bulk_create(
            [
                TaskedCell(tasking=tasking, rank=c.rank, cell_id=c.cell_id, lat=c.lat, lon=c.lon, risk=c.risk)
                for c in source
            ]
        )
    return tasking


def _officers(contract, camden, today) -> Officer:
    patrol_user = User.objects.get(username="patrol")
    jordan, _ = Officer.objects.get_or_create(
        contract=contract,
        collar_number="RSP01",
        defaults={
            "partnership": camden,
            "user": patrol_user,
            "name": "Jordan Ellis",
            "sia_licence": "1012345678901234",
            "sia_expires": today + timedelta(days=500),
        },
    )
    other, _ = Officer.objects.get_or_create(
        contract=contract,
        collar_number="RSP02",
        defaults={
            "partnership": camden,
            "name": "Sam Okoro",
            "sia_licence": "1098765432109876",
            "sia_expires": today + timedelta(days=20),
        },
    )
    for officer, code, days in [
        (jordan, "require-name-address", 300),
        (jordan, "fpn-litter", 300),
        (jordan, "fpn-cycling-footway", 300),
        (jordan, "fpn-dog-fouling", 12),
        (other, "require-name-address", 200),
    ]:
        Accreditation.objects.get_or_create(
            officer=officer,
            power=Power.objects.get(code=code),
            granted_on=today - timedelta(days=300),
            defaults={"expires_on": today + timedelta(days=days)},
        )
    for officer in (jordan, other):
        Vetting.objects.get_or_create(
            officer=officer,
            level="NPPV2",
            defaults={"cleared_on": today - timedelta(days=400), "expires_on": today + timedelta(days=1400)},
        )
        Training.objects.get_or_create(
            officer=officer,
            course="Court-standard incident notes (CSAS)",
            defaults={"completed_on": today - timedelta(days=300), "expires_on": today + timedelta(days=60)},
        )
    return jordan


def _patrol_last_night(shift: Shift, officer: Officer) -> None:
    """Jordan's phone positions for round 2 of last night: a 12-minute stay at each foot task."""
    tasks = list(ShiftTask.objects.filter(shift=shift, team="foot", round=2).order_by("position"))
    points, at = [], tasks[0].due_from + timedelta(minutes=5) if tasks else None
    for task in tasks[:3]:
        points += [proof_rules.Point(at + timedelta(minutes=m), task.lat, task.lon) for m in range(0, 13)]
        at += timedelta(minutes=25)
    if points:
        record_positions(Actor(officer.user, "demo"), officer, points, "phone")


@transaction.atomic
def load(partnerships: dict) -> dict:
    camden = partnerships["safer-camden"]
    today = timezone.localdate()
    if Contract.objects.filter(partnership=camden, name="Responsive Security Patrol").exists():
        return {"patrol shifts": Shift.objects.filter(contract__partnership=camden).count()}
    contract = Contract.objects.create(
        partnership=camden,
        contractor=Agency.objects.get(slug="camden-patrol"),
        name="Responsive Security Patrol",
        starts_on=today.replace(day=1) - timedelta(days=365),
        ends_on=today + timedelta(days=730),
    )
    for code, (target, direction) in TARGETS.items():
        Indicator.objects.create(contract=contract, code=code, target=target, direction=direction)
    jordan = _officers(contract, camden, today)
    _tasking(camden, today)
    manager = Actor(User.objects.get(username="analyst"), "demo")
    for night in (today - timedelta(days=1), today):
        shift = shift_services.open_shift(manager, contract, night)
        shift_services.roster(manager, shift, jordan, "foot")
        plan_shift(manager, shift, hotspots=6)
        if night < today:
            _patrol_last_night(shift, jordan)
    return {"patrol shifts": 2}
