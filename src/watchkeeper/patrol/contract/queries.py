"""Reads for the contract: the rules in force on a day."""

from __future__ import annotations

from datetime import date

from watchkeeper.core.errors import Conflict
from watchkeeper.patrol.contract.models import PatrolRules


def rules_on(day: date) -> PatrolRules:
    found = PatrolRules.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if found is None:
        raise Conflict(f"No patrol rules are in force on {day}: an administrator must add them.")
    return found
