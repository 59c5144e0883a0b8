"""Contract rules (pure)."""

from __future__ import annotations

from datetime import date


def target_problem(code: str, target: float | None, never_targeted) -> str | None:
    """Why a target cannot be set on this indicator, or None. Fine volume is reported, never a target
    (Defra statutory guidance on litter and environmental enforcement, April 2026)."""
    if target is not None and code in never_targeted:
        return "The number of fixed penalty notices is reported but may not have a target (Defra guidance, April 2026)."
    return None


def rules_on(rows: list, day: date):
    """The rule row in force on `day`: the latest effective_from on or before it."""
    found = [r for r in rows if r.effective_from <= day]
    return max(found, key=lambda r: r.effective_from) if found else None
