"""Channel's stages, pure: referral -> screening -> information gathering -> panel -> adopt or
signpost -> consent -> support plan -> reviews -> exit -> reviews 6 and 12 months after exit."""

from __future__ import annotations

from datetime import date

from watchkeeper.cases.asb.rules import add_months

MOVES = {
    "referral": {"screening", "closed"},
    "screening": {"gathering", "closed"},
    "gathering": {"panel", "closed"},
    "panel": {"adopted", "signposted"},
    "adopted": {"consent"},
    "consent": {"support", "signposted"},
    "support": {"review", "exit"},
    "review": {"support", "exit"},
    "exit": {"exit_review"},
    "exit_review": {"exit_review", "closed"},
    "signposted": {"closed"},
}
STAGES = tuple(MOVES) + ("closed",)
LABELS = {
    "referral": "Referral",
    "screening": "Screening",
    "gathering": "Information gathering",
    "panel": "Panel",
    "adopted": "Adopted by the panel",
    "signposted": "Signposted to other support",
    "consent": "Consent sought (a parent's or guardian's for a child)",
    "support": "Support plan",
    "review": "Review",
    "exit": "Exit",
    "exit_review": "Post-exit review (6 and 12 months)",
    "closed": "Closed",
}
NEEDS_REASON = {"signposted", "closed", "exit", "adopted"}


def next_stages(current: str) -> list[tuple[str, str]]:
    """The moves open from `current`, as (stage, label) for the page's choice."""
    return [(stage, LABELS[stage]) for stage in STAGES if stage in MOVES.get(current, set())]


def move_problem(current: str, new: str, consent: str, reason: str) -> str | None:
    if new not in MOVES.get(current, set()):
        return f"A Channel case cannot go from {current} to {new}."
    if new == "support" and current == "consent" and consent != "given":
        return "Support starts only with consent recorded (a parent's or guardian's for a child)."
    if new in NEEDS_REASON and not reason.strip():
        return "Record the panel's reason."
    return None


def exit_reviews_due(exited_on: date, months: list[int]) -> list[date]:
    return [add_months(exited_on, m) for m in months]
