"""The monthly contract indicators (pure): counts in, figures and target status out.

Quality, not volume (Defra statutory guidance, April 2026): the number of notices is reported for
transparency, but it carries no target and no status, so nobody is rewarded for issuing more."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Month:
    tasks_due: int
    tasks_attended: int
    visits: int
    visits_dwell_met: int
    incidents_handed: int
    handed_in_time: int
    complaints: int
    notices: int
    notices_paid: int
    notices_settled: int  # paid, cancelled or prosecuted: payment rate is paid among these
    appeals_upheld: int
    cancellations: int
    notices_with_video: int


@dataclass(frozen=True)
class Figure:
    code: str
    label: str
    value: float | None  # None: nothing to measure this month
    target: float | None
    status: str  # "met", "not met", "no target", "no data"


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def values(m: Month) -> dict[str, float | None]:
    return {
        "tasks_attended": _pct(m.tasks_attended, m.tasks_due),
        "dwell_achieved": _pct(m.visits_dwell_met, m.visits),
        "call_response": _pct(m.handed_in_time, m.incidents_handed),
        "complaints": float(m.complaints),
        "appeals_upheld": float(m.appeals_upheld),
        "cancellations": float(m.cancellations),
        "payment_rate": _pct(m.notices_paid, m.notices_settled),
        "video_running": _pct(m.notices_with_video, m.notices),
        "notices_issued": float(m.notices),
    }


def status(value: float | None, target: float | None, direction: str) -> str:
    if target is None:
        return "no target"
    if value is None:
        return "no data"
    met = value >= target if direction == "at_least" else value <= target
    return "met" if met else "not met"


def figures(
    m: Month, labels: dict[str, str], targets: dict[str, tuple[float | None, str]], never: set[str]
) -> list[Figure]:
    found = values(m)
    out = []
    for code, label in labels.items():
        target, direction = targets.get(code, (None, "at_least"))
        if code in never:
            target = None
        out.append(Figure(code, label, found[code], target, status(found[code], target, direction)))
    return out


@dataclass(frozen=True)
class PowerCount:
    power: str
    officer: str  # "" on the power's total row
    uses: int  # powers used without a notice: names and addresses required, alcohol confiscated
    notices: int  # fixed penalty notices issued under the power


def power_counts(uses: Iterable[tuple[str, str]], notices: Iterable[tuple[str, str]]) -> list[PowerCount]:
    """Each power's total, then each officer's count under it, from (power, officer) pairs of the
    month's power uses and notices; powers and officers in alphabetical order. Reported like the
    fine volume: for transparency, never against a target."""
    used, issued = Counter(uses), Counter(notices)
    powers = sorted({p for p, _ in used} | {p for p, _ in issued})
    rows = []
    for power in powers:
        officers = sorted({o for p, o in used if p == power} | {o for p, o in issued if p == power})
        total_uses = sum(used[(power, o)] for o in officers)
        total_notices = sum(issued[(power, o)] for o in officers)
        rows.append(PowerCount(power, "", total_uses, total_notices))
        rows += [PowerCount(power, o, used[(power, o)], issued[(power, o)]) for o in officers]
    return rows
