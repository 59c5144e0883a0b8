"""Planning a shift: hotspots from the validated forecast, control-room demand and open ASB cases, split between
foot patrols and the hot-spot vehicle, due once per round in a seeded random order, each named by
street and ward, with the dwell target of the rules in force."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.models import AuditEntry
from watchkeeper.patrol.contract.queries import rules_on
from watchkeeper.patrol.proof.services import append_log
from watchkeeper.patrol.shifts.models import Shift
from watchkeeper.patrol.tasking import places, queries, rules
from watchkeeper.patrol.tasking.models import ShiftTask


def plan_shift(actor: Actor, shift: Shift, hotspots: int = 6) -> list[ShiftTask]:
    """Make the shift's tasks (once: a planned shift is not re-planned, so the plan officers
    started from stays the record)."""
    require(actor.user, "patrol.manage", shift)
    if not 1 <= hotspots <= 30:
        raise Invalid("Plan between 1 and 30 hotspots.")
    rule = rules_on(timezone.localdate(shift.starts_at))
    forecast = queries.forecast_hotspots(actor.user, shift, hotspots)
    demand = queries.demand_hotspots(actor.user, shift, hotspots)
    cases = queries.case_hotspots(actor.user, shift, hotspots)
    chosen = rules.merge(forecast, rules.alternate(demand, cases), rule.hotspot_radius_m * 2)[:hotspots]
    if not chosen:
        raise Invalid(
            "No hotspots for this night: make an intel tasking covering the date (Intel > Tasking), "
            "or wait for control-room demand or open ASB cases."
        )
    teams = rules.split_teams(chosen, rule.foot_radius_m)
    planned = rules.plan(
        teams, shift.starts_at, shift.ends_at, rule.revisit_minutes, rule.dwell_min_minutes, shift.seed
    )
    partnership_id = shift.contract.partnership_id
    names = {h.key: (places.street_at(h.lat, h.lon), places.ward_at(partnership_id, h.lat, h.lon)) for h in chosen}
    with transaction.atomic():
        locked = Shift.objects.select_for_update().get(pk=shift.pk)
        if locked.planned_at is not None:
            raise Conflict(f"The shift of {shift.service_date} is already planned.")
        tasks = ShiftTask.objects.bulk_create(
            [
                ShiftTask(
                    shift=shift,
                    team=p.team,
                    round=p.round,
                    position=p.position,
                    hotspot=p.hotspot.key,
                    source=p.hotspot.source,
                    cell_id=p.hotspot.cell,
                    cases=list(p.hotspot.cases),
                    street=names[p.hotspot.key][0],
                    ward_id=names[p.hotspot.key][1],
                    lat=p.hotspot.lat,
                    lon=p.hotspot.lon,
                    due_from=p.due_from,
                    due_by=p.due_by,
                    dwell_target_minutes=rule.dwell_min_minutes,
                )
                for p in planned
            ]
        )
        locked.planned_at = timezone.now()
        locked.save(update_fields=["planned_at"])
        append_log(actor, shift, "planned", tasks=len(tasks), hotspots=[h.key for h in chosen], seed=shift.seed)
        record(actor, AuditEntry.Kind.UPDATE, shift, fields=["tasks"], summary=f"Planned {len(tasks)} tasks")
    return tasks
