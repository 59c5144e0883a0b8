"""Rosters with OR-Tools CP-SAT: which of `staff` people works which shifts in a cycle of one or more
weeks so the hourly requirement is covered, keeping the working-time rules. Pure (no Django).

The cycle repeats (a Sunday night shift in its last week covers Monday's early hours of its first
and counts against that Monday's rest). Constraints, per person:
- at most one shift starts in any `shift_hours + min_rest_hours` hours: so every shift is followed
  by at least `min_rest_hours` (11) of rest before the next starts;
- the 48-hour average week over the reference period (Working Time Regulations 1998, reg. 4: 17
  weeks): as the cycle repeats, every run of `reference_weeks` consecutive weeks (starting at each
  week of the cycle, wrapping round) holds at most `max_week_hours x reference_weeks` hours. So one
  week may be long when others are short, as the regulations allow. With a one-week cycle this is
  the same as at most 48 hours every week;
- for a team with a service window (the patrol contract's 16:00-03:00), a shift may start only where
  all of it falls inside the window.
The objective covers the requirement first (each missing person-hour costs more than any amount
of spare cover), then uses as few hours as possible. Identical people are ordered by their hours
to cut symmetric search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HOURS = 168
MAX_WEEKS = 8  # the longest cycle a planner can ask for (the model grows with it)


@dataclass(frozen=True)
class Rules:
    shift_hours: int = 8
    min_rest_hours: int = 11
    max_week_hours: int = 48
    window: tuple[int, int] | None = None  # (start hour, end hour), may wrap midnight: (16, 3)
    reference_weeks: int = 17

    def allowed_starts(self, weeks: int = 1) -> list[int]:
        if self.window is None:
            return list(range(HOURS * weeks))
        start, end = self.window
        inside = {h % 24 for h in range(start, start + (end - start) % 24 or 24)}
        return [s for s in range(HOURS * weeks) if all((s + k) % 24 in inside for k in range(self.shift_hours))]

    def reference_windows(self, weeks: int) -> list[list[int]]:
        """For each week the repeating cycle can start a reference period in, the cycle's weeks that
        period covers, each as often as it falls in it (a 4-week cycle in 17 weeks: 4 or 5 times)."""
        return [[(first + k) % weeks for k in range(self.reference_weeks)] for first in range(weeks)]

    def over_average(self, week_hours: list[int]) -> bool:
        """True when some reference period of the repeating cycle averages above the weekly limit."""
        limit = self.max_week_hours * self.reference_weeks
        return any(sum(week_hours[w] for w in period) > limit for period in self.reference_windows(len(week_hours)))


@dataclass
class Result:
    status: str
    shifts: list[dict] = field(default_factory=list)  # person, start (hour of week), day, start_hour, hours
    cover: list[int] = field(default_factory=list)
    shortfall_hours: int = 0
    staff_hours: int = 0


def solve(requirement: list[int], staff: int, rules: Rules, seconds: float = 10.0, seed: int = 0) -> Result:
    """Shifts for `staff` people covering `requirement` (168 hourly head counts for each week of the
    cycle, one week after another) under `rules`."""
    if not requirement or len(requirement) % HOURS or len(requirement) > HOURS * MAX_WEEKS:
        raise ValueError(f"The requirement needs one figure for each of 168 hours a week, 1 to {MAX_WEEKS} weeks.")
    if not 1 <= rules.reference_weeks <= 52:
        raise ValueError("The reference period is 1 to 52 weeks.")
    weeks = len(requirement) // HOURS
    span = HOURS * weeks
    if staff < 1 or staff > 500:
        raise ValueError("Staff must be between 1 and 500 people.")
    if any(r < 0 for r in requirement):
        raise ValueError("A requirement cannot be negative.")
    starts = rules.allowed_starts(weeks)
    if not starts:
        raise ValueError("No shift of that length fits inside the service window.")
    length, gap = rules.shift_hours, rules.shift_hours + rules.min_rest_hours
    from ortools.sat.python import cp_model  # OR-Tools (and pandas with it) cost half a second to import

    model = cp_model.CpModel()
    x = {(p, s): model.new_bool_var(f"x{p}_{s}") for p in range(staff) for s in starts}
    hours = []
    limit = rules.max_week_hours * rules.reference_weeks
    for p in range(staff):
        for first in range(span):
            window = [x[p, s] for s in starts if (s - first) % span < gap]
            if len(window) > 1:
                model.add(sum(window) <= 1)
        # A shift counts in the week it starts in (the regulations let a night shift be counted so).
        per_week = [sum(x[p, s] for s in starts if s // HOURS == w) * length for w in range(weeks)]
        for period in rules.reference_windows(weeks):
            model.add(sum(per_week[w] for w in period) <= limit)
        hours.append(sum(per_week))
    for p in range(staff - 1):
        model.add(hours[p] >= hours[p + 1])
    short = []
    covering = {h: [s for s in starts if (h - s) % span < length] for h in range(span)}
    for h in range(span):
        cover = sum(x[p, s] for p in range(staff) for s in covering[h])
        gap_h = model.new_int_var(0, max(requirement[h], 0), f"short{h}")
        model.add(gap_h >= requirement[h] - cover)
        short.append(gap_h)
    model.minimize(sum(short) * (span * staff * length + 1) + sum(hours))
    # Start the search from a greedy roster (always feasible), so a busy machine still gets a
    # roster within the time limit, which CP-SAT then improves.
    start = greedy(requirement, staff, rules)
    chosen = {(s["person"] - 1, s["start"]) for s in start}
    for key, var in x.items():
        model.add_hint(var, key in chosen)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1  # a shared machine: one core, a deterministic answer
    solver.parameters.random_seed = seed
    solver.parameters.cp_model_presolve = False  # presolve costs more than it saves on this model
    code = solver.solve(model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        picked = [(p, s) for p in range(staff) for s in starts if solver.value(x[p, s])]
        status = "optimal" if code == cp_model.OPTIMAL else "feasible"
    else:  # out of time before a first solution (a busy machine): the greedy roster, said so
        picked = sorted((s["person"] - 1, s["start"]) for s in start)
        status = "greedy"
    shifts = [
        {"person": p + 1, "start": s, "week": s // HOURS, "day": s % HOURS // 24, "start_hour": s % 24, "hours": length}
        for p, s in picked
    ]
    cover = [0] * span
    for shift in shifts:
        for k in range(length):
            cover[(shift["start"] + k) % span] += 1
    shortfall = sum(max(r - c, 0) for r, c in zip(requirement, cover, strict=True))
    return Result(
        status=status,
        shifts=shifts,
        cover=cover,
        shortfall_hours=shortfall,
        staff_hours=len(shifts) * length,
    )


def greedy(requirement: list[int], staff: int, rules: Rules) -> list[dict]:
    """A quick feasible roster: walk the week hour by hour and, while the hour is short, start
    the first person free to start then (rest and hours kept), at the allowed start covering it
    latest so the shift reaches as far ahead as possible. The hint for CP-SAT."""
    weeks = len(requirement) // HOURS
    span = HOURS * weeks
    starts = rules.allowed_starts(weeks)
    length, gap = rules.shift_hours, rules.shift_hours + rules.min_rest_hours
    taken: dict[int, list[int]] = {p: [] for p in range(staff)}
    cover = [0] * span
    shifts = []
    for h in range(span):
        options = sorted((s for s in starts if (h - s) % span < length), key=lambda s: (h - s) % span)
        while cover[h] < requirement[h]:
            placed = False
            for s in options:
                for p in range(staff):
                    mine = taken[p]
                    if rules.over_average(_week_hours(mine + [s], weeks, length)):
                        continue
                    if any(min((s - t) % span, (t - s) % span) < gap for t in mine):
                        continue
                    mine.append(s)
                    shifts.append({"person": p + 1, "start": s})
                    for k in range(length):
                        cover[(s + k) % span] += 1
                    placed = True
                    break
                if placed:
                    break
            if not placed:
                break
    return shifts


def _week_hours(starts: list[int], weeks: int, length: int) -> list[int]:
    hours = [0] * weeks
    for s in starts:
        hours[s // HOURS] += length
    return hours


def check(shifts: list[dict], rules: Rules, weeks: int = 1) -> list[str]:
    """The working-time rules checked on a finished roster of a `weeks`-week cycle, independently of
    the solver: rest between shifts (round the repeating cycle), the average week over every
    reference period the repeating cycle has, and the service window."""
    problems = []
    span = HOURS * weeks
    people: dict[int, list[int]] = {}
    for s in shifts:
        people.setdefault(s["person"], []).append(s["start"])
    allowed = set(rules.allowed_starts(weeks))
    for person, starts in people.items():
        starts.sort()
        # Every period of `reference_weeks` weeks of the repeating cycle, counted week by week.
        worked = _week_hours(starts, weeks, rules.shift_hours)
        repeated = [worked[w % weeks] for w in range(weeks + rules.reference_weeks)]
        for first in range(weeks):
            if sum(repeated[first : first + rules.reference_weeks]) > rules.max_week_hours * rules.reference_weeks:
                problems.append(
                    f"person {person} works more than {rules.max_week_hours} hours a week on average "
                    f"over {rules.reference_weeks} weeks"
                )
                break
        for a, b in zip(starts, starts[1:] + [starts[0] + span], strict=True):
            if len(starts) > 1 and b - a - rules.shift_hours < rules.min_rest_hours:
                problems.append(f"person {person} has less than {rules.min_rest_hours} hours' rest after hour {a}")
        problems.extend(f"person {person} starts outside the window at hour {s}" for s in starts if s not in allowed)
    return problems
