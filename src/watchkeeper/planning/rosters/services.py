"""Building and saving a roster: require -> validate -> solve (outside the transaction: the solver
takes seconds and holds no locks) -> one transaction {save, audit entry}."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Invalid
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry, Partnership
from watchkeeper.planning.patrols import queries as patrols
from watchkeeper.planning.rosters import solver
from watchkeeper.planning.rosters.models import Roster, RosterRule, Team
from watchkeeper.planning.staffing import queries as staffing

MAX_WEEKS = 4  # the forecast reaches four weeks ahead: a longer cycle would repeat guesses
DEFAULT_RULES = {Team.PATROL: solver.Rules(window=(16, 3))}


def rules_for(team: str, on: date | None = None) -> solver.Rules:
    row = RosterRule.objects.in_force({"team": team}, on or timezone.localdate())
    if row is None:
        return DEFAULT_RULES.get(team, solver.Rules())
    window = (row.window_start_hour, row.window_end_hour) if row.window_start_hour is not None else None
    return solver.Rules(row.shift_hours, row.min_rest_hours, row.max_average_week_hours, window, row.reference_weeks)


def requirement(user, partnership: Partnership, team: str, rules: solver.Rules, weeks: int = 1) -> list[int]:
    """Hourly head count to cover for each week of the cycle, one week after another: call handlers
    from the Erlang plan of each forecast week (scheduled, after shrinkage, rounded up once per
    hour); patrol officers (one to a unit) from the hypercube, the fewest units meeting the
    response target in each hour (planning.patrols.requirement), only inside the service window:
    the contract covers no other hour."""
    plan = staffing.week_plan(user, partnership)
    if plan is None:
        raise Invalid("No incidents to plan from yet: import CAD history or load the demo first.")
    if team != Team.PATROL:
        return [h for w in range(weeks) for h in staffing.hourly_requirement(plan, w)]
    need = patrols.week_requirement(user, partnership)
    allowed = {(s + k) % 168 for s in rules.allowed_starts() for k in range(rules.shift_hours)}
    week = [hour.units if h in allowed else 0 for h, hour in enumerate(need.hours)]
    return week * weeks


def build_roster(
    actor: Actor,
    partnership: Partnership,
    team: str,
    staff: int,
    name: str,
    week_start: date,
    seconds: float = 10,
    weeks: int = 1,
) -> Roster:
    """Solve and save a roster for `staff` people of `team` for the `weeks`-week cycle starting
    `week_start`."""
    require(actor.user, "planning.roster")
    require_member(actor.user, partnership)
    if team not in Team.values:
        raise Invalid(f"No team {team!r}: choose one of {', '.join(Team.values)}.")
    if week_start.weekday() != 0:
        raise Invalid("A roster week starts on a Monday.")
    if not 1 <= staff <= 200:
        raise Invalid("Staff must be between 1 and 200 people.")
    if not 1 <= weeks <= MAX_WEEKS:
        raise Invalid(f"A roster cycle is 1 to {MAX_WEEKS} weeks.")
    rules = rules_for(team, week_start)
    need = requirement(actor.user, partnership, team, rules, weeks)
    result = solver.solve(need, staff, rules, seconds=seconds)
    if not result.shifts and any(need):
        raise Invalid(f"No roster found ({result.status}): try more staff or a longer solve.")
    with transaction.atomic():
        roster = Roster.objects.create(
            partnership=partnership,
            district=getattr(getattr(actor.user, "agency", None), "district", None),
            name=name.strip() or f"{Team(team).label} week of {week_start}",
            team=team,
            week_start=week_start,
            weeks=weeks,
            staff=staff,
            requirement=need,
            shifts=result.shifts,
            cover=result.cover,
            status=result.status,
            shortfall_hours=result.shortfall_hours,
            created_by=actor.user,
        )
        record(
            actor,
            AuditEntry.Kind.CREATE,
            roster,
            fields=["team", "week_start", "weeks", "staff"],
            summary=f"Roster {roster}: {len(result.shifts)} shifts, {result.shortfall_hours} person-hours short",
        )
    return roster
