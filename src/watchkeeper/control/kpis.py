"""Response-time figures (seed 003, recommendation 10) computed from the incident timeline.

`response_figures(rows, grades)` is pure: it takes one plain row per incident, built from the
timeline events (graded/regraded, assigned, unit_status at scene), and the grade table. The query
layer below (`rows_for`) builds those rows with two queries.

Definitions (documented on the page too):
- The grade that counts is the grade in force at the FIRST despatch; an incident never despatched
  counts under its final grade. Ungraded incidents are counted and shown as such.
- Clock start per grade: the call received time, or the first despatch (Grade.clock_start).
- Response time: clock start to the first unit arriving at scene.
- Share graded Immediate: incidents under an `immediate` grade / all incidents counted.
- Mean and median for Immediate incidents that had an arrival; share attended in more than 30
  minutes of those; Immediate incidents with no arrival are counted and shown next to them.
- Share within target per grade: arrivals within the grade's target (rural target when the
  incident's ward is rural) / incidents of that grade with an arrival; no-arrival shown alongside.
- Duplicates (linked to a master) and cancelled incidents are left out of the figures, and the
  number left out is reported; imported incidents closed with the duplicate or cancelled closing
  code are left out the same way.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime

OVER_MINUTES = 30


@dataclass
class KpiRow:
    id: int
    received_at: datetime
    grades: list[tuple[datetime, int]] = field(default_factory=list)  # (at, grade id), any order
    despatches: list[datetime] = field(default_factory=list)
    arrivals: list[datetime] = field(default_factory=list)
    rural: bool = False
    excluded: str = ""  # "duplicate" / "cancelled": left out of the figures, counted


@dataclass(frozen=True)
class GradeInfo:
    id: int
    code: str
    label: str
    immediate: bool
    target_minutes: int | None
    target_minutes_rural: int | None
    clock_start: str  # "received" | "despatched"
    attend: bool


def grade_that_counts(row: KpiRow) -> int | None:
    """The grade in force at the first despatch, else the final grade."""
    if not row.grades:
        return None
    ordered = sorted(row.grades, key=lambda g: g[0])
    if row.despatches:
        first = min(row.despatches)
        before = [g for at, g in ordered if at <= first]
        if before:
            return before[-1]
    return ordered[-1][1]


def response_seconds(row: KpiRow, grade: GradeInfo) -> float | None:
    """Clock start to first arrival, or None when no unit arrived."""
    if not row.arrivals:
        return None
    if grade.clock_start == "despatched":
        if not row.despatches:
            return None
        start = min(row.despatches)
    else:
        start = row.received_at
    return max(0.0, (min(row.arrivals) - start).total_seconds())


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def response_figures(rows: list[KpiRow], grades: dict[int, GradeInfo]) -> dict:
    excluded = {"duplicate": 0, "cancelled": 0}
    per_grade: dict[int, dict] = {}
    ungraded = 0
    counted = 0
    immediate_times: list[float] = []
    immediate_total = 0
    immediate_no_arrival = 0
    for row in rows:
        if row.excluded:
            excluded[row.excluded] = excluded.get(row.excluded, 0) + 1
            continue
        counted += 1
        grade_id = grade_that_counts(row)
        grade = grades.get(grade_id) if grade_id is not None else None
        if grade is None:
            ungraded += 1
            continue
        bucket = per_grade.setdefault(
            grade.id, {"incidents": 0, "attended": 0, "within_target": 0, "no_arrival": 0, "times": []}
        )
        bucket["incidents"] += 1
        seconds = response_seconds(row, grade)
        if seconds is None:
            bucket["no_arrival"] += 1
        else:
            bucket["attended"] += 1
            bucket["times"].append(seconds)
            target = grade.target_minutes_rural if row.rural and grade.target_minutes_rural else grade.target_minutes
            if target is not None and seconds <= target * 60:
                bucket["within_target"] += 1
        if grade.immediate:
            immediate_total += 1
            if seconds is None:
                immediate_no_arrival += 1
            else:
                immediate_times.append(seconds)
    over = sum(1 for s in immediate_times if s > OVER_MINUTES * 60)
    by_grade = []
    for grade in sorted(grades.values(), key=lambda g: (g.code not in {"I", "1"}, g.id)):
        bucket = per_grade.get(grade.id)
        if bucket is None:
            continue
        times = bucket.pop("times")
        by_grade.append(
            {
                "grade": grade.code,
                "label": grade.label,
                **bucket,
                "target_minutes": grade.target_minutes,
                "target_minutes_rural": grade.target_minutes_rural,
                "clock_start": grade.clock_start,
                "share_within_target": _share(bucket["within_target"], bucket["attended"]) if grade.attend else None,
                "mean_minutes": round(statistics.fmean(times) / 60, 2) if times else None,
                "median_minutes": round(statistics.median(times) / 60, 2) if times else None,
            }
        )
    return {
        "incidents": counted,
        "ungraded": ungraded,
        "excluded": excluded,
        "immediate": {
            "incidents": immediate_total,
            "share_of_incidents": _share(immediate_total, counted),
            "attended": len(immediate_times),
            "no_arrival": immediate_no_arrival,
            "mean_minutes": round(statistics.fmean(immediate_times) / 60, 2) if immediate_times else None,
            "median_minutes": round(statistics.median(immediate_times) / 60, 2) if immediate_times else None,
            "over_30_minutes": over,
            "share_over_30_minutes": _share(over, len(immediate_times)),
        },
        "by_grade": by_grade,
    }


# --- query layer -------------------------------------------------------------------------------


def grade_table() -> dict[int, GradeInfo]:
    from watchkeeper.control.models import Grade

    return {
        g.id: GradeInfo(
            g.id, g.code, g.label, g.immediate, g.target_minutes, g.target_minutes_rural, g.clock_start, g.attend
        )
        for g in Grade.objects.all()
    }


def rows_for(incidents) -> list[KpiRow]:
    """KpiRows for a queryset of incidents: one query for incidents, one for their timeline events.

    Whether an incident is left out is read from its timeline (timeline.exclusion): a LINKED event
    naming a master, a CANCELLED event, or a closing code that says duplicate or cancelled, which is
    how an imported CAD export records them."""
    from watchkeeper.control import timeline
    from watchkeeper.control.models import IncidentEvent, WardProfile

    rural_wards = set(WardProfile.objects.filter(rural=True).values_list("ward_id", flat=True))
    rows: dict[int, KpiRow] = {}
    for pk, received, ward in incidents.values_list("pk", "received_at", "ward_id"):
        rows[pk] = KpiRow(pk, received, rural=ward in rural_wards)
    kinds = ["graded", "regraded", "assigned", "unit_status", *timeline.EXCLUSION_KINDS]
    events = IncidentEvent.objects.filter(incident_id__in=incidents.values("pk"), kind__in=kinds)
    for incident_id, kind, at, payload in events.values_list("incident_id", "kind", "at", "payload").iterator(
        chunk_size=5000
    ):
        row = rows.get(incident_id)
        if row is None:
            continue
        if kind in ("graded", "regraded") and payload.get("grade_id"):
            row.grades.append((at, payload["grade_id"]))
        elif kind == "assigned":
            row.despatches.append(at)
        elif kind == "unit_status" and payload.get("status") == "at_scene":
            row.arrivals.append(at)
        row.excluded = row.excluded or timeline.exclusion(kind, payload)
    return list(rows.values())


def period_incidents(user, start=None, end=None, ward=None, district=None):
    """Incidents the user may see, received in [start, end), in a ward or district."""
    from watchkeeper.control.models import Incident

    qs = Incident.objects.visible_to(user)
    if start is not None:
        qs = qs.filter(received_at__gte=start)
    if end is not None:
        qs = qs.filter(received_at__lt=end)
    if ward is not None:
        qs = qs.filter(ward_id=ward)
    if district is not None:
        qs = qs.filter(district_id=district)
    return qs


def kpi_report(user, start=None, end=None, grade: str | None = None, ward=None, district=None) -> dict:
    """The response-time figures for a period and area, optionally for one grade code."""
    grades = grade_table()
    rows = rows_for(period_incidents(user, start, end, ward, district))
    if grade:
        wanted = {gid for gid, g in grades.items() if g.code.upper() == grade.upper()}
        rows = [r for r in rows if grade_that_counts(r) in wanted]
    figures = response_figures(rows, grades)
    figures["filters"] = {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "grade": grade,
        "ward": ward,
        "district": district,
    }
    return figures
