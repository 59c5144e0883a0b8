"""Pure decisions for the case core (no database): restriction, consent and action transitions."""

from __future__ import annotations

from datetime import date

CHANNEL = "channel"
FIRST_STAGE = {"channel": "referral", "trigger": "application", "marac": "referral", "iom": "cohort", "asb": "open"}
ACTION_MOVES = {"open": {"done", "cancelled"}, "done": {"open"}, "cancelled": {"open"}}
CONSENTS = {"unknown", "given", "refused", "withdrawn", "not_required"}


def restriction_problem(kind: str, restriction: str, user_ids: list[int], panel_flags: list[bool]) -> str | None:
    """A Channel case is restricted to named people, each of them a Channel panel member."""
    if kind == CHANNEL:
        if restriction != "people":
            return "A Channel case is always restricted to named panel members."
        if not all(panel_flags):
            return "Only Channel panel members may be named on a Channel case."
    if restriction == "people" and not user_ids:
        return "Name at least one person for a case restricted to named people."
    return None


def consent_problem(status: str, given_by: str, on: date, child: bool, today: date) -> str | None:
    if status not in CONSENTS:
        return f"No consent status {status!r}."
    if on > today:
        return "Consent cannot be recorded for a future date."
    if status in {"given", "refused", "withdrawn"} and not given_by.strip():
        return "Say who gave, refused or withdrew consent."
    if child and status == "given" and "parent" not in given_by.lower() and "guardian" not in given_by.lower():
        return "For a child, consent is a parent's or guardian's: say whose (for example 'parent: J Smith')."
    return None


def action_problem(current: str, new: str, outcome: str) -> str | None:
    if new not in ACTION_MOVES.get(current, set()):
        return f"An action cannot go from {current} to {new}."
    if new in {"done", "cancelled"} and not outcome.strip():
        return "Record the outcome when an action is done or cancelled."
    return None


def may_hold(kind: str, restriction: str, officer_id: int, named: set[int]) -> bool:
    """Whether an officer may hold the case: on a restricted-to-people case they must be named."""
    return restriction != "people" or officer_id in named
