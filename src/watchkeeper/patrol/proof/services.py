"""Proof of patrol: taking positions (phone or track file), turning them into visits, and the log.

Visits are worked out from positions, never typed: a stay is recorded once it is over (a later
position elsewhere, or the end of the shift), and then never changed. A visit to a task that came
from an intel tasking cell is also recorded as that cell's PatrolVisit through intel's own service,
so the forecast's tasking page and evaluation see it."""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from watchkeeper.core import geo
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Invalid
from watchkeeper.core.input import timestamp_problem
from watchkeeper.core.models import AuditEntry
from watchkeeper.intel.tasking import services as intel_tasking
from watchkeeper.patrol.contract.queries import rules_on
from watchkeeper.patrol.officers.models import Officer
from watchkeeper.patrol.proof import rules
from watchkeeper.patrol.proof.models import LogEntry, Position, Visit
from watchkeeper.patrol.shifts import rules as shift_rules
from watchkeeper.patrol.shifts.models import RosterEntry, Shift
from watchkeeper.patrol.tasking.models import ShiftTask

MAX_POINTS = 20_000


def append_log(actor: Actor, shift: Shift, kind: str, **payload) -> LogEntry:
    """Append to the shift's chained log. Call inside the change's transaction: the shift row is
    locked so two writers never take the same sequence number."""
    Shift.objects.select_for_update().filter(pk=shift.pk).first()
    last = LogEntry.objects.filter(shift=shift).order_by("-seq").first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, rules.GENESIS)
    at = timezone.now()
    label = actor.label
    payload = json.loads(json.dumps(payload, default=str))  # stored exactly as hashed
    digest = rules.link(seq, at, kind, label, payload, prev)
    return LogEntry.objects.create(
        shift=shift, seq=seq, at=at, kind=kind, actor_label=label, payload=payload, prev_hash=prev, hash=digest
    )


def verify_log(shift: Shift) -> int | None:
    """The seq of the first broken link of the shift's log, or None when it is intact."""
    return rules.first_break(list(LogEntry.objects.filter(shift=shift).order_by("seq")))


def _shift_for(officer: Officer, points: list[rules.Point]) -> Shift:
    contract = officer.contract
    nights = {shift_rules.service_date_of(p.at, contract.shift_start, contract.shift_end) for p in points}
    if None in nights:
        raise Invalid("Some positions are outside the service hours of the contract.")
    if len(nights) != 1:
        raise Invalid("Send one shift's positions at a time.")
    shift = Shift.objects.filter(contract=contract, service_date=nights.pop()).first()
    if shift is None or not RosterEntry.objects.filter(shift=shift, officer=officer).exists():
        raise Invalid("You are not on the roster of a shift at those times.")
    return shift


def record_positions(actor: Actor, officer: Officer, points: list[rules.Point], source: str) -> tuple[Shift, int]:
    """Store an officer's positions (repeats of a time already held are ignored), log them with a
    digest of what was received, and record any visits they complete. Returns (shift, new count)."""
    require(actor.user, "patrol.record", officer)
    if officer.user_id != getattr(actor.user, "pk", None):
        raise Invalid("Officers send their own positions only.")
    if not points or len(points) > MAX_POINTS:
        raise Invalid(f"Send between 1 and {MAX_POINTS} positions.")
    problems = [p for p in (timestamp_problem(pt.at) for pt in points) if p]
    if problems:
        raise Invalid(f"Position time: {problems[0]}")
    shift = _shift_for(officer, points)
    with transaction.atomic():
        made = Position.objects.bulk_create(
            [
                Position(shift=shift, officer=officer, at=p.at, lat=p.lat, lon=p.lon, source=source)
                for p in sorted(points, key=lambda p: p.at)
            ],
            ignore_conflicts=True,
        )
        received = [[p.at.isoformat(), p.lat, p.lon] for p in sorted(points, key=lambda p: p.at)]
        digest = hashlib.sha256(json.dumps(received).encode()).hexdigest()
        append_log(
            actor, shift, "positions", officer=officer.collar_number, count=len(points), source=source, sha256=digest
        )
        record(
            actor, AuditEntry.Kind.CREATE, shift, fields=["positions"], summary=f"{len(points)} positions ({source})"
        )
        derive_visits(actor, shift, officer)
    return shift, len(made)


def derive_visits(actor: Actor, shift: Shift, officer: Officer) -> list[Visit]:
    """Record the stays at the shift's hotspots that are over and not yet recorded; each attends
    the first open task at that hotspot due at the time of arrival."""
    rule = rules_on(timezone.localdate(shift.starts_at))
    tasks = list(ShiftTask.objects.filter(shift=shift).select_related("cell"))
    hotspots = {t.hotspot: geo.to_bng(t.lat, t.lon) for t in tasks}
    fixes = [rules.Fix(p.at, *geo.to_bng(p.lat, p.lon)) for p in Position.objects.filter(shift=shift, officer=officer)]
    over = timezone.now() >= shift.ends_at
    found = rules.stays(fixes, hotspots, rule.hotspot_radius_m, rule.position_gap_minutes * 60, over)
    made = []
    for stay in (s for s in found if s.closed):
        if Visit.objects.filter(
            shift=shift, officer=officer, hotspot=stay.hotspot, arrived_at=stay.arrived_at
        ).exists():
            continue
        visit = Visit.objects.create(
            shift=shift,
            officer=officer,
            hotspot=stay.hotspot,
            arrived_at=stay.arrived_at,
            left_at=stay.left_at,
            dwell_seconds=stay.dwell_seconds,
            met_dwell=rules.met_dwell(stay.dwell_seconds, rule.dwell_min_minutes),
        )
        task = next(
            (
                t
                for t in sorted(tasks, key=lambda t: t.due_from)
                if t.hotspot == stay.hotspot and t.visit_id is None and t.due_from <= stay.arrived_at < t.due_by
            ),
            None,
        )
        if task is not None:
            task.visit = visit
            task.save(update_fields=["visit"])
            if task.cell is not None and stay.dwell_seconds > 0:
                _record_intel_visit(actor, task, visit)
        append_log(
            actor,
            shift,
            "visit",
            officer=officer.collar_number,
            hotspot=stay.hotspot,
            arrived_at=stay.arrived_at.isoformat(),
            left_at=stay.left_at.isoformat(),
            dwell_seconds=stay.dwell_seconds,
            task=task.pk if task else None,
        )
        made.append(visit)
    return made


def _record_intel_visit(actor: Actor, task: ShiftTask, visit: Visit) -> None:
    try:
        done = intel_tasking.record_visit(actor, task.cell, visit.arrived_at, visit.left_at, f"Patrol task {task.pk}")
    except ValidationError as exc:
        raise Invalid("; ".join(exc.messages)) from None
    visit.intel_visit = done
    visit.save(update_fields=["intel_visit"])


def import_track(actor: Actor, officer: Officer, text: str, fmt: str) -> tuple[Shift, int]:
    """A GPS track file (GPX or CSV time,lat,lon), all or nothing, errors named by line."""
    try:
        points = rules.parse_gpx(text) if fmt == "gpx" else rules.parse_csv(text)
    except rules.TrackError as exc:
        raise Invalid(str(exc)) from None
    return record_positions(actor, officer, points, fmt)
