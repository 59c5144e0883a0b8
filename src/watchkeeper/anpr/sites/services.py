"""Recording a calibration check against police equipment (passes under the rules' tolerance)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from watchkeeper.anpr import queries
from watchkeeper.anpr.reads.rules import check_passes
from watchkeeper.anpr.sites.models import CalibrationCheck, Device
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import AuditEntry


def record_check(actor: Actor, device: Device, checked_on: date, council_mph: float, police_mph: float):
    require(actor.user, "anpr.manage", device)
    if checked_on > timezone.localdate():
        raise Invalid("A check cannot be in the future.")
    tolerance = queries.rules_on(checked_on).calibration_tolerance_mph
    passed = check_passes(council_mph, police_mph, tolerance)
    with transaction.atomic():
        check = CalibrationCheck.objects.create(
            device=device,
            checked_on=checked_on,
            council_mph=council_mph,
            police_mph=police_mph,
            passed=passed,
            checked_by=actor.label,
        )
        record(
            actor,
            AuditEntry.Kind.CREATE,
            check,
            fields=["council_mph", "police_mph"],
            summary=f"Calibration {device}: {'passed' if passed else 'FAILED'}",
        )
    return check
