"""The 2014 Act tools as a pure state machine: which step needs which earlier step on record, and
the clocks each step starts. Limits come in as arguments (looked up as rule data by the service),
so these functions hold no law of their own and are tested against hand-worked dates."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

# Lighter steps that show enforcement is a last resort (seed 002): mediation referral, a warning
# letter, an acceptable behaviour contract, a Community Protection Warning.
LIGHTER = frozenset({"mediation", "warning_letter", "abc", "cpw"})

# tool -> the steps of which at least one must already be on the case ("any of").
PREREQUISITES: dict[str, frozenset] = {
    "mediation": frozenset(),
    "warning_letter": frozenset(),
    "abc": frozenset(),
    "cpw": frozenset(),
    "cpn": frozenset({"cpw"}),
    "fpn": frozenset({"cpn"}),
    "prosecution": frozenset({"cpn"}),
    "remedial": frozenset({"cpn"}),
    "injunction": LIGHTER,
    "closure_notice": LIGHTER,
    "closure_order": frozenset({"closure_notice"}),
    "closure_extension": frozenset({"closure_order"}),
    "dispersal": frozenset(),
    "respect_order": LIGHTER,
}
TOOLS = tuple(PREREQUISITES)


@dataclass
class Step:
    """What a step would record: its clocks, and the problems that stop it (empty: allowed)."""

    tool: str
    ends_at: datetime | None = None
    due_at: datetime | None = None  # a deadline the step starts (hearing, appeal, payment)
    problems: list[str] = field(default_factory=list)
    missing: frozenset = frozenset()  # the prerequisite not on record (a manager may override)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_months_at(at: datetime, months: int) -> datetime:
    local = at.astimezone(LONDON)
    moved = add_months(local.date(), months)
    return datetime.combine(moved, local.timetz().replace(tzinfo=None), LONDON)


def counted_hours_deadline(start: datetime, hours: int, excluded: list[str]) -> datetime:
    """`hours` after `start`, not counting any local day whose MM-DD is in `excluded` (the court
    hearing after a closure notice: 48 hours, Christmas Day not counted)."""
    # Day boundaries are local (Christmas Day is a London date); the hours counted are real ones,
    # so the arithmetic is in UTC (wall-clock arithmetic would lose or gain the clock-change hour).
    t = start.astimezone(UTC)
    remaining = timedelta(hours=hours)
    while True:
        local = t.astimezone(LONDON)
        midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), LONDON).astimezone(UTC)
        if local.strftime("%m-%d") in excluded:
            t = midnight
            continue
        if t + remaining <= midnight:
            return (t + remaining).astimezone(start.tzinfo)
        remaining -= midnight - t
        t = midnight


def working_days_after(day: date, n: int, holidays: frozenset = frozenset()) -> date:
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            n -= 1
    return day


def age_on(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def plan_step(
    tool: str,
    taken: dict[str, list[datetime]],
    at: datetime,
    limits: dict,
    *,
    senior_signoff: bool = False,
    months: int | None = None,
    hours: int | None = None,
    subject_born: date | None = None,
    fine: int | None = None,
    authorised_by: str = "",
) -> Step:
    """Check `tool` taken at `at` against the steps already `taken` (tool -> times) and `limits`
    (rule values in force on that date); work out its clocks."""
    step = Step(tool)
    if tool not in PREREQUISITES:
        step.problems.append(f"No legal step {tool!r}.")
        return step
    # Only steps taken at or before this one count as its prerequisite: a step is dated when it was
    # actually taken, so one cannot be put before the step it needs (that is a wrong date, which no
    # override mends); a prerequisite not on record at all is what a manager may override.
    earlier = {name: [t for t in times if t <= at] for name, times in taken.items()}
    earlier = {name: times for name, times in earlier.items() if times}
    needed = PREREQUISITES[tool]
    if needed and not needed & set(earlier):
        later = sorted(needed & set(taken))
        if later:
            first = min(t for name in later for t in taken[name])
            step.problems.append(
                f"{tool} cannot be dated before its prerequisite: {', '.join(later)} was taken "
                f"{first.astimezone(LONDON):%d %b %Y %H:%M %Z}. Check when each step was taken."
            )
        else:
            step.missing = needed
    taken = earlier
    age = age_on(subject_born, at.date())
    if tool == "cpn" and age is not None and age < limits["cpn-min-age"]:
        step.problems.append(f"A Community Protection Notice needs a recipient aged {limits['cpn-min-age']} or over.")
    if tool == "cpn":
        step.due_at = at + timedelta(days=limits["cpn-appeal-days"])
    if tool == "fpn":
        if fine is None or fine <= 0:
            step.problems.append("Give the fixed penalty amount.")
        elif fine > limits["cpn-fine-cap"]:
            step.problems.append(f"The fixed penalty cap on {at.date()} is {limits['cpn-fine-cap']} pounds.")
        step.due_at = at + timedelta(days=limits["fpn-payment-days"])
    if tool == "injunction":
        if age is not None and age < limits["injunction-min-age"]:
            step.problems.append(f"A civil injunction needs a respondent aged {limits['injunction-min-age']} or over.")
        cap = limits["injunction-under18-max-months"] if age is not None and age < 18 else None
        if months is not None and cap is not None and months > cap:
            step.problems.append(f"An injunction against someone under 18 lasts at most {cap} months.")
        if months is not None:
            step.ends_at = add_months_at(at, months)
    if tool == "respect_order":
        if not limits["respect-order-available"]:
            step.problems.append(f"Respect Orders are not in force on {at.date()}.")
        elif age is not None and age < limits["respect-order-min-age"]:
            step.problems.append(f"A Respect Order needs a respondent aged {limits['respect-order-min-age']} or over.")
    if tool == "closure_notice":
        step.ends_at = at + timedelta(
            hours=limits["closure-notice-senior-hours"] if senior_signoff else limits["closure-notice-hours"]
        )
        step.due_at = counted_hours_deadline(
            at, limits["closure-hearing-hours"], limits["closure-hearing-excluded-days"]
        )
    if tool == "closure_order":
        _closure_order(step, taken, at, limits, months)
    if tool == "closure_extension":
        _closure_extension(step, taken, limits, months)
    if tool == "dispersal":
        wanted = hours if hours is not None else limits["dispersal-max-hours"]
        if not 0 < wanted <= limits["dispersal-max-hours"]:
            step.problems.append(f"A dispersal authorisation lasts at most {limits['dispersal-max-hours']} hours.")
        if not authorised_by.strip():
            step.problems.append("Say which inspector authorised the dispersal.")
        step.ends_at = at + timedelta(hours=wanted)
    return step


def _closure_order(step: Step, taken, at, limits, months) -> None:
    months = months if months is not None else limits["closure-order-max-months"]
    if not 0 < months <= limits["closure-order-max-months"]:
        step.problems.append(f"A closure order lasts at most {limits['closure-order-max-months']} months.")
    notices = taken.get("closure_notice", [])
    if notices:
        due = counted_hours_deadline(
            max(notices), limits["closure-hearing-hours"], limits["closure-hearing-excluded-days"]
        )
        if at > due:
            step.problems.append(f"The court had to hear the closure by {due.isoformat()}: the notice has lapsed.")
    step.ends_at = add_months_at(at, months)


def _closure_extension(step: Step, taken, limits, months) -> None:
    orders = taken.get("closure_order", [])
    if not orders or months is None or months <= 0:
        if months is None or months <= 0:
            step.problems.append("Say by how many months the closure order is extended.")
        return
    first = min(orders)
    already = limits.get("closure-months-so-far", limits["closure-order-max-months"])
    if already + months > limits["closure-order-total-max-months"]:
        step.problems.append(
            f"A closure order lasts at most {limits['closure-order-total-max-months']} months in total."
        )
    step.ends_at = add_months_at(first, already + months)


def pspo_problem(made_on: date, expires_on: date, max_years: int) -> str | None:
    if expires_on <= made_on:
        return "A PSPO must expire after it is made."
    if expires_on > add_months(made_on, 12 * max_years):
        return f"A PSPO lasts at most {max_years} years (it can be renewed)."
    return None


def vulnerability(answers: dict[str, bool], matrix: dict) -> tuple[int, str]:
    """Score the configurable matrix: every question answered, unknown questions refused."""
    questions = matrix["questions"]
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValueError(f"Questions not on the matrix: {', '.join(sorted(unknown))}")
    missing = set(questions) - set(answers)
    if missing:
        raise ValueError(f"Answer every question; missing: {', '.join(sorted(missing))}")
    score = sum(weight for q, weight in questions.items() if answers[q])
    level = "high" if score >= matrix["high"] else "medium" if score >= matrix["medium"] else "standard"
    return score, level
