"""Community Trigger (ASB case review) eligibility and deadlines, pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from watchkeeper.cases.asb.rules import add_months, working_days_after


@dataclass(frozen=True)
class Report:
    behaviour_on: date
    received_on: date
    incident_key: str  # one incident reported to several agencies shares a key


def qualifying(reports: list[Report], applied_on: date, window_months: int, within_days: int) -> list[Report]:
    """Complaints that count: received in the window before the application, each made within
    `within_days` of the behaviour, one per incident (the earliest report of it)."""
    start = add_months(applied_on, -window_months)
    seen: dict[str, Report] = {}
    for r in sorted(reports, key=lambda r: (r.received_on, r.behaviour_on)):
        if not start <= r.received_on <= applied_on:
            continue
        if (r.received_on - r.behaviour_on).days > within_days or r.received_on < r.behaviour_on:
            continue
        seen.setdefault(r.incident_key, r)
    return list(seen.values())


def threshold_met(reports, applied_on, threshold: int, window_months: int, within_days: int) -> bool:
    return len(qualifying(reports, applied_on, window_months, within_days)) >= threshold


STEPS = ("application", "decided", "review", "recommended", "appeal", "closed")
MOVES = {
    "application": {"decided"},
    "decided": {"review", "appeal", "closed"},
    "review": {"recommended"},
    "recommended": {"appeal", "closed"},
    "appeal": {"closed"},
}


def move_problem(current: str, new: str, threshold_met_: bool | None = None) -> str | None:
    if new not in MOVES.get(current, set()):
        return f"A case review cannot go from {current} to {new}."
    if new == "review" and threshold_met_ is False:
        return "The threshold was not met: there is no review meeting (the applicant may appeal)."
    return None


def deadlines(applied_on: date, decision_days: int, review_days: int) -> dict[str, date]:
    decision = working_days_after(applied_on, decision_days)
    return {"decision_due": decision, "review_due": working_days_after(decision, review_days)}


def appeal_due(decided_on: date, days: int) -> date:
    return decided_on + timedelta(days=days)
