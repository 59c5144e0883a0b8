"""MARAC referral decisions, pure: assessment forms by (name, version), DASH-24 scoring, the
routes (professional judgement may raise the level, never lower it), escalation and repeats."""

from __future__ import annotations

from datetime import date

from watchkeeper.cases.asb.rules import add_months

# Assessment forms, versioned: a new version is a new entry, old assessments keep theirs.
FORMS: dict[tuple[str, int], int] = {("dash-24", 1): 24}
LEVELS = ("standard", "medium", "high")
ROUTES = ("dash", "visible_high", "professional_judgement", "escalation")


def score_dash(answers: list, questions: int, high: int, medium: int) -> tuple[int, str]:
    """Count the ticks; exactly `questions` yes/no answers (true/false), nothing else."""
    if not isinstance(answers, list) or len(answers) != questions:
        raise ValueError(f"The form has {questions} questions: give exactly {questions} answers.")
    if not all(isinstance(a, bool) for a in answers):
        raise ValueError("Every answer is yes (true) or no (false).")
    score = sum(answers)
    return score, "high" if score >= high else "medium" if score >= medium else "standard"


def referral_level(
    route: str, assessed: str | None, stated: str | None, reason: str, incidents: int, escalation_at: int
):
    """The level a referral goes in at, or a ValueError saying why the route is not met."""
    if route not in ROUTES:
        raise ValueError(f"No referral route {route!r}.")
    if route == "dash":
        if assessed is None:
            raise ValueError("A DASH referral needs a DASH assessment on the case.")
        if assessed != "high":
            raise ValueError(f"The DASH score is {assessed} risk: MARAC takes high risk (or another route).")
        return "high"
    if route == "visible_high":
        if not reason.strip():
            raise ValueError("Say what makes the risk visibly high.")
        return "high"
    if route == "professional_judgement":
        if stated not in LEVELS or not reason.strip():
            raise ValueError("Professional judgement needs a level and the reasons for it.")
        if assessed is not None and LEVELS.index(stated) < LEVELS.index(assessed):
            raise ValueError(f"Professional judgement may raise the level, never lower it below {assessed}.")
        return stated
    if incidents < escalation_at:
        raise ValueError(f"Escalation needs {escalation_at} or more incidents in the period; {incidents} given.")
    return "high"


def is_repeat(referred_on: date, earlier: list[date], months: int) -> bool:
    """A repeat: a referral within `months` of the last MARAC referral of the same victim."""
    before = [d for d in earlier if d <= referred_on]
    return bool(before) and referred_on <= add_months(max(before), months)
