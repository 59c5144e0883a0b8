"""Abandonment where it is recorded: a phone system's hourly answer report (the layout of the US ECC
`week_NN_phone.csv` exports: for 999/911 and administrative lines, calls answered within 10, 15,
20, 40, 60, 120 and over 120 seconds, abandoned, and total per hour). Pure: rows in, figures out.

The CAD incidents hold no record of calls that hung up before they were answered, so the share
abandoned and the share answered within the target come from here when a centre has such a
report; they are what a planner compares Erlang A's `abandon` and `service_level` with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

BUCKETS = ("10", "15", "20", "40", "60", "120", "121")  # answered within N s; "121": over 120 s


@dataclass(frozen=True)
class AnswerHour:
    start: datetime
    answered: tuple[int, ...]  # per bucket
    abandoned: int

    @property
    def offered(self) -> int:
        return sum(self.answered) + self.abandoned

    def answered_within(self, seconds: int) -> int:
        return sum(
            n for limit, n in zip(BUCKETS, self.answered, strict=True) if limit != "121" and int(limit) <= seconds
        )


def read(rows, line: str = "911") -> list[AnswerHour]:
    """One AnswerHour per row of the report for `line` ("911" or "ADM"); rows are dicts."""
    out = []
    for row in rows:
        start = datetime.strptime(row["DateTime"].strip(), "%m/%d/%Y %H:%M")
        answered = tuple(int(row[f"{line}_{b}"]) for b in BUCKETS)
        out.append(AnswerHour(start, answered, int(row[f"{line}_AB"])))
    return out


def summary(hours: list[AnswerHour], answer_seconds: int = 10) -> dict:
    """Offered, abandoned share and the share of offered calls answered within the target."""
    offered = sum(h.offered for h in hours)
    if offered == 0:
        return {"offered": 0, "abandon": None, "service_level": None}
    return {
        "offered": offered,
        "abandon": sum(h.abandoned for h in hours) / offered,
        "service_level": sum(h.answered_within(answer_seconds) for h in hours) / offered,
    }


def by_hour_of_week(hours: list[AnswerHour], answer_seconds: int = 10) -> dict[int, dict]:
    """The summary for each hour of the week (0 = Monday 00:00) over all the weeks given."""
    groups: dict[int, list[AnswerHour]] = {}
    for h in hours:
        groups.setdefault(h.start.weekday() * 24 + h.start.hour, []).append(h)
    return {hour: summary(group, answer_seconds) for hour, group in sorted(groups.items())}
