"""MARAC referral decisions, pure: assessment forms by (name, version), DASH-24 scoring, the
routes (professional judgement may raise the level, never lower it), escalation and repeats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from watchkeeper.cases.asb.rules import add_months

LEVELS = ("standard", "medium", "high")


@dataclass(frozen=True)
class Form:
    """A domestic-abuse risk assessment form, one version of it, as its record holds it (rule data:
    see form_of). `scored`: the level follows from the count of yes answers against the rule data's
    thresholds (SafeLives DASH-24); otherwise the assessor states the level from the answers
    (structured professional judgement: the College of Policing's DARA). `wording` is each
    question's text, in the order the answers come."""

    name: str
    version: int
    wording: tuple[str, ...]
    scored: bool
    title: str = ""

    @property
    def questions(self) -> int:
        return len(self.wording)


# The forms the service knows how to use. Their versions and wording are data (form_of): a new
# version is a new record, old assessments keep theirs; DASH-24 (partners) and DARA (police)
# coexist, and a case's latest assessment on either is the one a referral reads.
FORM_NAMES = ("dash-24", "dara")


def form_of(name: str, value: dict) -> Form:
    """The Form a record's value describes ({"version", "scored", "questions", "title"})."""
    return Form(name, int(value["version"]), tuple(value["questions"]), bool(value["scored"]), value.get("title", ""))


ROUTES = ("dash", "visible_high", "professional_judgement", "escalation")


def score_dash(answers: list, questions: int, high: int, medium: int) -> tuple[int, str]:
    """Count the ticks; exactly `questions` yes/no answers (true/false), nothing else."""
    if not isinstance(answers, list) or len(answers) != questions:
        raise ValueError(f"The form has {questions} questions: give exactly {questions} answers.")
    if not all(isinstance(a, bool) for a in answers):
        raise ValueError("Every answer is yes (true) or no (false).")
    score = sum(answers)
    return score, "high" if score >= high else "medium" if score >= medium else "standard"


def assess(form: Form, answers: list, stated: str | None, high: int, medium: int) -> tuple[int, str]:
    """Score and level of one completed form, or a ValueError saying what is wrong. A scored form
    takes no stated level (professional judgement is a referral route of its own); a judgement form
    needs one, and keeps the count of yes answers beside it for the record."""
    if form.scored:
        if stated is not None:
            raise ValueError(
                f"{form.name} is scored from its answers: use the professional judgement route to raise it."
            )
        return score_dash(answers, form.questions, high, medium)
    if stated not in LEVELS:
        raise ValueError(f"{form.name} needs the assessor's level (standard, medium or high) from the answers.")
    score, _ = score_dash(answers, form.questions, high, medium)
    return score, stated


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
