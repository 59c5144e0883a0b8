"""Patrol taskings from the forecast kernels, and the visits patrol officers record against them."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.models import AuditEntry, Partnership
from watchkeeper.intel.crime.models import Crime
from watchkeeper.intel.hotspots import surfaces as hotspots
from watchkeeper.intel.tasking.models import PatrolTasking, PatrolVisit, TaskedCell


def create_tasking(
    actor: Actor,
    partnership: Partnership,
    name: str,
    method: str,
    period_start: date,
    period_end: date,
    category: str = "",
    cells: int = 20,
) -> PatrolTasking:
    """Rank cells with forecast(method) from crimes before the period and keep the top `cells`."""
    require(actor.user, "intel.manage")
    if partnership.id not in actor.user.partnership_ids():
        raise ValidationError("You are not a member of that partnership.")
    if period_end < period_start:
        raise ValidationError("The tasking period must end on or after it starts.")
    if method not in PatrolTasking.Method.values:
        raise ValidationError("Choose bjp or sepp.")
    district = getattr(actor.user.agency, "district", None)
    qs = Crime.objects.visible_to(actor.user).filter(partnership=partnership, outside_area=False)
    if category:
        qs = qs.filter(category=category)
    try:
        top = hotspots.tasking_cells(method, partnership, qs, period_start, (period_end - period_start).days + 1, cells)
    except hotspots.HotspotError as exc:
        raise ValidationError(str(exc)) from None
    with transaction.atomic():
        tasking, created = PatrolTasking.objects.get_or_create(
            partnership=partnership,
            name=name.strip(),
            defaults={
                "period_start": period_start,
                "period_end": period_end,
                "method": method,
                "category": category,
                "created_by": actor.user,
                "district": district,
            },
        )
        if not created:
            raise ValidationError(f"A tasking called {name!r} already exists.")
        TaskedCell.objects.bulk_create(
            [
                TaskedCell(
                    tasking=tasking, rank=c["rank"], cell_id=c["cell_id"], lat=c["lat"], lon=c["lon"], risk=c["risk"]
                )
                for c in top
            ]
        )
        record(
            actor,
            AuditEntry.Kind.CREATE,
            tasking,
            fields=["cells"],
            summary=f"Patrol tasking {tasking.name}: {len(top)} cells by {method}",
        )
    return tasking


def record_visit(
    actor: Actor, cell: TaskedCell, arrived_at: datetime, left_at: datetime, note: str = ""
) -> PatrolVisit:
    """A patrol officer's visit to a tasked cell."""
    require(actor.user, "tasking.record", cell)
    if left_at <= arrived_at:
        raise ValidationError("The time you left must be after the time you arrived.")
    if (left_at - arrived_at).total_seconds() > 12 * 3600:
        raise ValidationError("A visit longer than 12 hours is not plausible: check the times.")
    with transaction.atomic():
        visit = PatrolVisit.objects.create(
            cell=cell, officer=actor.user, arrived_at=arrived_at, left_at=left_at, note=note.strip()
        )
        record(
            actor,
            AuditEntry.Kind.CREATE,
            visit,
            fields=["arrived_at", "left_at", "note"],
            summary=f"Visit to cell #{cell.rank} of {cell.tasking.name}",
        )
    return visit
