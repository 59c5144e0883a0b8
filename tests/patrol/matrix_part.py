"""The patrol module's part of the access matrix: its routes, write bodies, and marked records (a
Camden contract's officer, shift, tasks and notice; a Hertfordshire one nobody in Camden may see)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from tests.core.matrix_world import CAMDEN, HERTS, Marked

ROUTES = {
    "HTML patrol/": "patrol.shift",
    "HTML patrol/shifts/<int:pk>/": "patrol.shift",
    "HTML patrol/shifts/open/": "patrol.shift",
    "HTML patrol/shifts/<int:pk>/roster/": "patrol.shift",
    "HTML patrol/shifts/<int:pk>/plan/": "patrol.shift",
    "HTML patrol/my-shift/": "patrol.shift",
    "HTML patrol/my-shift/incident/": "patrol.patrolincident",
    "HTML patrol/my-shift/notice/": "patrol.fixedpenaltynotice",
    "HTML patrol/my-shift/power/": "patrol.poweruse",
    "HTML patrol/my-shift/track/": "patrol.position",
    "HTML patrol/report/": "patrol.contract",
    "GET /api/patrol/officers": "patrol.officer",
    "POST /api/patrol/officers/{officer_id}/powers": "patrol.officer",
    "GET /api/patrol/my-powers": "patrol.officer",
    "GET /api/patrol/shifts": "patrol.shift",
    "POST /api/patrol/shifts": "patrol.shift",
    "POST /api/patrol/shifts/{shift_id}/roster": "patrol.shift",
    "POST /api/patrol/shifts/{shift_id}/plan": "patrol.shift",
    "GET /api/patrol/shifts/{shift_id}/tasks": "patrol.shift",
    "GET /api/patrol/shifts/{shift_id}/missed": "patrol.shift",
    "GET /api/patrol/shifts/{shift_id}/log": "patrol.shift",
    "GET /api/patrol/shifts/{shift_id}/log/verify": "patrol.shift",
    "POST /api/patrol/positions": "patrol.position",
    "POST /api/patrol/tracks": "patrol.position",
    "POST /api/patrol/incidents": "patrol.patrolincident",
    "POST /api/patrol/incidents/{incident_id}/handover": "patrol.patrolincident",
    "POST /api/patrol/clips": "patrol.videoclip",
    "GET /api/patrol/notices": "patrol.fixedpenaltynotice",
    "POST /api/patrol/notices": "patrol.fixedpenaltynotice",
    "POST /api/patrol/notices/{notice_id}/status": "patrol.fixedpenaltynotice",
    "POST /api/patrol/power-uses": "patrol.poweruse",
    "GET /api/patrol/report": "patrol.contract",
    "GET /api/patrol/report/powers": "patrol.contract",
}

BODIES = {
    "POST /api/patrol/officers/{officer_id}/powers": {
        "power": "fpn-litter",
        "granted_on": "2026-01-01",
        "expires_on": "2026-12-01",
    },
    "POST /api/patrol/shifts": {"contract": 1, "service_date": "2026-01-10"},
    "POST /api/patrol/shifts/{shift_id}/roster": {"officer": 1, "team": "foot"},
    "POST /api/patrol/shifts/{shift_id}/plan": {},
    "POST /api/patrol/positions": {"points": [{"at": "2026-01-01T18:00:00Z", "lat": 51.54, "lon": -0.14}]},
    "POST /api/patrol/tracks": {"format": "csv", "text": "time,lat,lon\n2026-01-01T18:00:00Z,51.54,-0.14\n"},
    "POST /api/patrol/incidents": {"category": "asb-nuisance", "notes": "matrix", "lat": 51.54, "lon": -0.14},
    "POST /api/patrol/incidents/{incident_id}/handover": {},
    "POST /api/patrol/clips": {"reference": "matrix", "sha256": "ab" * 32, "started_at": "2026-01-01T18:00:00Z"},
    "POST /api/patrol/power-uses": {
        "power": "require-name-address",
        "reason": "matrix",
        "refused": True,
        "lat": 51.54,
        "lon": -0.14,
        "video_running": False,
    },
    "POST /api/patrol/notices": {
        "power": "fpn-litter",
        "recipient_name": "Matrix",
        "recipient_address": "1 Matrix Row",
        "lat": 51.54,
        "lon": -0.14,
        "video_running": True,
    },
    "POST /api/patrol/notices/{notice_id}/status": {"status": "paid"},
}


def _contract(partnership, contractor, marker: str):
    from watchkeeper.patrol.models import Contract, Officer, Power, Shift, ShiftTask
    from watchkeeper.patrol.shifts.rules import window

    today = timezone.localdate()
    contract = Contract.objects.create(
        partnership=partnership,
        contractor=contractor,
        name=f"{marker} patrol contract",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=300),
    )
    officer = Officer.objects.create(
        contract=contract,
        partnership=partnership,
        name=f"Officer {marker}",
        collar_number=f"{marker[:4].upper()}1",
        sia_licence="1000000000000001",
        sia_expires=today + timedelta(days=300),
    )
    night = today - timedelta(days=1)
    starts, ends = window(night, contract.shift_start, contract.shift_end)
    shift = Shift.objects.create(contract=contract, service_date=night, starts_at=starts, ends_at=ends, seed=1)
    ShiftTask.objects.create(
        shift=shift,
        team="foot",
        round=1,
        position=1,
        hotspot="cell:1",
        source="forecast",
        street=f"{marker} Street",
        lat=51.54,
        lon=-0.14,
        due_from=starts,
        due_by=starts + timedelta(hours=2),
        dwell_target_minutes=10,
    )
    from watchkeeper.patrol.models import FixedPenaltyNotice

    notice = FixedPenaltyNotice.objects.create(
        shift=shift,
        officer=officer,
        power=Power.objects.get(code="fpn-litter"),
        reference=f"FPN-{marker}",
        issued_at=datetime.combine(night, datetime.min.time()).astimezone(),
        lat=51.54,
        lon=-0.14,
        amount=100,
        recipient_name="Recipient",
        recipient_address="Somewhere",
        video_running=True,
    )
    from watchkeeper.patrol.models import PowerUse

    PowerUse.objects.create(
        shift=shift,
        officer=officer,
        power=Power.objects.get(code="require-name-address"),
        used_at=starts,
        lat=51.54,
        lon=-0.14,
        reason="matrix",
        person_name=f"{marker}given Name",
        person_address=f"1 {marker}given Row",
        video_running=True,
    )
    return contract, officer, shift, notice


def seed(add) -> None:
    from watchkeeper.core.models import Agency, Partnership
    from watchkeeper.patrol.models import PowerUse

    for slug, contractor, marker in ((CAMDEN, "camden-patrol", "Zorblewick"), (HERTS, "herts-police", "Hertzorble")):
        partnership = Partnership.objects.get(slug=slug)
        contract, officer, shift, notice = _contract(partnership, Agency.objects.get(slug=contractor), marker)
        common = {"partnership": slug, "partnership_wide": True}
        add(
            Marked(
                "patrol.contract",
                contract,
                [f"{marker} patrol contract"],
                action=("patrol.view", "patrol.report"),
                **common,
            )
        )
        add(Marked("patrol.officer", officer, [f"Officer {marker}"], action="patrol.view", **common))
        add(Marked("patrol.shift", shift, [f"{marker} Street"], action="patrol.view", **common))
        add(Marked("patrol.fixedpenaltynotice", notice, [f"FPN-{marker}"], action="patrol.view", **common))
        # A name and address given to an officer: shown on no page or list of the module.
        used = PowerUse.objects.get(shift=shift)
        add(Marked("patrol.poweruse", used, [f"{marker}given"], action="patrol.manage", **common))
