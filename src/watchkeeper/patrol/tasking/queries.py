"""Where a shift's hotspots come from: the validated forecast (intel's patrol taskings, which an
analyst makes from the bjp/sepp forecast and so has checked) and the control room's recent demand."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from watchkeeper.core import geo
from watchkeeper.intel.tasking.models import PatrolTasking, TaskedCell
from watchkeeper.patrol.shifts.models import Shift
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
