"""Reads shared by the ANPR services and pages: the rules in force, device calibration."""

from __future__ import annotations

from datetime import date

from watchkeeper.anpr.reads.models import AnprRules
from watchkeeper.anpr.sites.models import CalibrationCheck
from watchkeeper.core.errors import Conflict


def rules_on(day: date) -> AnprRules:
    found = AnprRules.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if found is None:
        raise Conflict(f"No ANPR rules are in force on {day}: an administrator must add them.")
    return found


def checks_by_device(device_ids) -> dict[int, list[tuple[date, bool]]]:
    """Each device's checks, newest first (the calibration rule asks for the last one before a read)."""
    found: dict[int, list[tuple[date, bool]]] = {}
    for device_id, on, passed in (
        CalibrationCheck.objects.filter(device_id__in=device_ids)
        .order_by("device_id", "-checked_on")
        .values_list("device_id", "checked_on", "passed")
    ):
        found.setdefault(device_id, []).append((on, passed))
    return found


def last_check(checks: list[tuple[date, bool]], on: date) -> tuple[date, bool] | None:
    return next((c for c in checks if c[0] <= on), None)
