"""Where a shift's hotspots come from: the validated forecast (intel's patrol taskings, which an
analyst makes from the bjp/sepp forecast and so has checked), the control room's recent demand and
the partnership's open ASB cases."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from watchkeeper.core import geo
from watchkeeper.intel.tasking.models import PatrolTasking, TaskedCell
from watchkeeper.patrol.shifts.models import Shift
from watchkeeper.patrol.tasking import rules
from watchkeeper.patrol.tasking.rules import Hotspot

DEMAND_DAYS = 28
DEMAND_CELL_M = 150
DEMAND_MIN_INCIDENTS = 3


def forecast_hotspots(user, shift: Shift, limit: int) -> list[Hotspot]:
    """The top cells of the intel taskings (visible to `user`) whose period covers the shift's date."""
    taskings = PatrolTasking.objects.visible_to(user).filter(
        partnership=shift.contract.partnership, period_start__lte=shift.service_date, period_end__gte=shift.service_date
    )
    cells = TaskedCell.objects.filter(tasking__in=taskings).order_by("rank", "pk")[:limit]
    found = []
    for c in cells:
        x, y = geo.to_bng(c.lat, c.lon)
        found.append(Hotspot(f"cell:{c.cell_id}", c.lat, c.lon, x, y, "forecast", c.risk, c.pk))
    return found


def demand_hotspots(user, shift: Shift, limit: int) -> list[Hotspot]:
    """Places with repeated ASB incidents in the control room over the last four weeks."""
    from watchkeeper.control.models import Incident
    from watchkeeper.control.models.reference import CategoryGroup

    since = shift.starts_at - timedelta(days=DEMAND_DAYS)
    rows = (
        Incident.objects.visible_to(user)
        .filter(partnership=shift.contract.partnership, received_at__gte=since, received_at__lt=shift.starts_at)
        .filter(category__group=CategoryGroup.ASB)
        .values_list("lat", "lon")
    )
    cells: Counter = Counter()
    where: dict = {}
    for lat, lon in rows:
        x, y = geo.to_bng(lat, lon)
        key = (int(x // DEMAND_CELL_M), int(y // DEMAND_CELL_M))
        cells[key] += 1
        where.setdefault(key, (lat, lon))
    found = []
    for (cx, cy), count in cells.most_common(limit):
        if count < DEMAND_MIN_INCIDENTS:
            break
        x, y = (cx + 0.5) * DEMAND_CELL_M, (cy + 0.5) * DEMAND_CELL_M
        lat, lon = geo.to_wgs84(x, y)
        found.append(Hotspot(f"demand:{cx}:{cy}", lat, lon, x, y, "demand", float(count)))
    return found


CASE_CELL_M = 150


def case_hotspots(user, shift: Shift, limit: int) -> list[Hotspot]:
    """Places of open ASB cases, by the cases' own visibility rule for the planner (who needs the
    aggregate right, `case.report`, or `case.view`): each case placed at its newest complaint's
    place, else a party's place, else the incident it came from; grouped into 150 m cells, each
    cell a hotspot at its centre, so a task names a street and ward and never a case or address."""
    from watchkeeper.cases.core.models import Case, Kind, Party
    from watchkeeper.cases.models import Complaint
    from watchkeeper.core.access import allowed

    if not (allowed(user, "case.report") or allowed(user, "case.view")):
        return []
    cases = (
        Case.objects.visible_to(user)
        .open()
        .filter(partnership=shift.contract.partnership, kind=Kind.ASB, opened_at__lt=shift.starts_at)
    )
    placed: dict[int, tuple[float, float]] = {}
    complaints = Complaint.objects.filter(case__in=cases, place__isnull=False).order_by("-received_on", "-pk")
    parties = Party.objects.filter(case__in=cases, place__isnull=False).order_by("-pk")
    for rows in (
        complaints.values_list("case_id", "place__easting", "place__northing"),
        parties.values_list("case_id", "place__easting", "place__northing"),
    ):
        for case_id, x, y in rows:
            placed.setdefault(case_id, (x, y))
    for case_id, lat, lon in cases.filter(source_incident__isnull=False).values_list(
        "pk", "source_incident__lat", "source_incident__lon"
    ):
        if case_id not in placed:
            placed[case_id] = geo.to_bng(lat, lon)
    grouped = rules.cells([(pk, x, y) for pk, (x, y) in placed.items()], CASE_CELL_M)
    found = []
    for (cx, cy), ids in sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))[:limit]:
        x, y = (cx + 0.5) * CASE_CELL_M, (cy + 0.5) * CASE_CELL_M
        lat, lon = geo.to_wgs84(x, y)
        found.append(Hotspot(f"case:{cx}:{cy}", lat, lon, x, y, "case", float(len(ids)), cases=tuple(sorted(ids))))
    return found
