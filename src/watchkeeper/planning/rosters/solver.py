"""Rosters with OR-Tools CP-SAT: which of `staff` people works which shifts in a week so the
hourly requirement is covered, keeping the working-time rules. Pure (no Django).

The week is cyclic (the roster repeats, so a Sunday night shift covers Monday's early hours and
counts against Monday's rest). Constraints, per person:
- at most one shift starts in any `shift_hours + min_rest_hours` hours: so every shift is followed
  by at least `min_rest_hours` (11) of rest before the next starts;
- at most `max_week_hours` (48) worked in the week, which a repeating roster keeps as its average;
- for a team with a service window (the patrol contract's 16:00-03:00), a shift may start only where
  all of it falls inside the window.
The objective covers the requirement first (each missing person-hour costs more than any amount
of spare cover), then uses as few hours as possible. Identical people are ordered by their hours
to cut symmetric search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

HOURS = 168


@dataclass(frozen=True)
class Rules:
    shift_hours: int = 8
    min_rest_hours: int = 11
    max_week_hours: int = 48
    window: tuple[int, int] | None = None  # (start hour, end hour), may wrap midnight: (16, 3)

    def allowed_starts(self) -> list[int]:
        if self.window is None:
            return list(range(HOURS))
        start, end = self.window
        inside = {h % 24 for h in range(start, start + (end - start) % 24 or 24)}
        return [s for s in range(HOURS) if all((s + k) % 24 in inside for k in range(self.shift_hours))]


@dataclass
class Result:
    status: str
    shifts: list[dict] = field(default_factory=list)  # person, start (hour of week), day, start_hour, hours
    cover: list[int] = field(default_factory=list)
    shortfall_hours: int = 0
    staff_hours: int = 0


def solve(requirement: list[int], staff: int, rules: Rules, seconds: float = 10.0, seed: int = 0) -> Result:
    """Shifts for `staff` people covering `requirement` (168 hourly head counts) under `rules`."""
    if len(requirement) != HOURS:
        raise ValueError("The requirement needs one figure for each of the week's 168 hours.")
    if staff < 1 or staff > 500:
        raise ValueError("Staff must be between 1 and 500 people.")
    if any(r < 0 for r in requirement):
        raise ValueError("A requirement cannot be negative.")
    starts = rules.allowed_starts()
    if not starts:
        raise ValueError("No shift of that length fits inside the service window.")
    length, gap = rules.shift_hours, rules.shift_hours + rules.min_rest_hours
    model = cp_model.CpModel()
    x = {(p, s): model.new_bool_var(f"x{p}_{s}") for p in range(staff) for s in starts}
    hours = []
    for p in range(staff):
        for first in range(HOURS):
            window = [x[p, s] for s in starts if (s - first) % HOURS < gap]
            if len(window) > 1:
                model.add(sum(window) <= 1)
        worked = sum(x[p, s] for s in starts) * length
        model.add(worked <= rules.max_week_hours)
        hours.append(worked)
    for p in range(staff - 1):
        model.add(hours[p] >= hours[p + 1])
    short = []
    covering = {h: [s for s in starts if (h - s) % HOURS < length] for h in range(HOURS)}
    for h in range(HOURS):
        cover = sum(x[p, s] for p in range(staff) for s in covering[h])
        gap_h = model.new_int_var(0, max(requirement[h], 0), f"short{h}")
        model.add(gap_h >= requirement[h] - cover)
        short.append(gap_h)
    model.minimize(sum(short) * (HOURS * staff * length + 1) + sum(hours))
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
    shifts = [{"person": p + 1, "start": s, "day": s // 24, "start_hour": s % 24, "hours": length} for p, s in picked]
    cover = [0] * HOURS
    for shift in shifts:
        for k in range(length):
            cover[(shift["start"] + k) % HOURS] += 1
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
    starts = rules.allowed_starts()
    length, gap = rules.shift_hours, rules.shift_hours + rules.min_rest_hours
    taken: dict[int, list[int]] = {p: [] for p in range(staff)}
    cover = [0] * HOURS
    shifts = []
    for h in range(HOURS):
        options = sorted((s for s in starts if (h - s) % HOURS < length), key=lambda s: (h - s) % HOURS)
        while cover[h] < requirement[h]:
            placed = False
            for s in options:
                for p in range(staff):
                    mine = taken[p]
                    if (len(mine) + 1) * length > rules.max_week_hours:
                        continue
                    if any(min((s - t) % HOURS, (t - s) % HOURS) < gap for t in mine):
                        continue
                    mine.append(s)
                    shifts.append({"person": p + 1, "start": s})
                    for k in range(length):
                        cover[(s + k) % HOURS] += 1
                    placed = True
                    break
                if placed:
                    break
            if not placed:
                break
    return shifts


def check(shifts: list[dict], rules: Rules) -> list[str]:
    """The working-time rules checked on a finished roster, independently of the solver."""
    problems = []
    people: dict[int, list[int]] = {}
    for s in shifts:
        people.setdefault(s["person"], []).append(s["start"])
    allowed = set(rules.allowed_starts())
    for person, starts in people.items():
        starts.sort()
        if len(starts) * rules.shift_hours > rules.max_week_hours:
            problems.append(f"person {person} works more than {rules.max_week_hours} hours")
        for a, b in zip(starts, starts[1:] + [starts[0] + HOURS], strict=True):
            if len(starts) > 1 and b - a - rules.shift_hours < rules.min_rest_hours:
                problems.append(f"person {person} has less than {rules.min_rest_hours} hours' rest after hour {a}")
        problems.extend(f"person {person} starts outside the window at hour {s}" for s in starts if s not in allowed)
    return problems
