"""Writing historical incidents: the import service.

One transaction and one audit entry per batch of rows; every imported incident gets a timeline
synthesised from the export's timestamps (created, graded, assigned, en route, at scene, closed), so
the response-time figures, computed from the timeline, work on imported data exactly as on live
data. Idempotent on (partnership, source, external incident id): re-importing a file adds nothing.

Exports without locations (the US ECC weekly files have none) are placed at the centre of the
partnership's wards with accuracy "approximate" and say so in their location text: the incident
model requires a position, and an honest approximate one keeps maps and distance rules working.
Imported incidents are closed history, so nothing is published to the live board.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from watchkeeper.control import rules as control_rules
from watchkeeper.control import timeline
from watchkeeper.control.importing import files
from watchkeeper.control.importing.files import ImportRefused, SourceFile
from watchkeeper.control.importing.profiles import Profile, ProfileError, shipped_document
from watchkeeper.control.importing.rules import BadRow, Call, read_row
from watchkeeper.control.models import (
    Channel,
    ClosingCode,
    DailyCounter,
    Grade,
    Incident,
    IncidentCategory,
    IncidentEvent,
)
from watchkeeper.core import audit, geo
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, Partnership, Ward

__all__ = ["ImportRefused", "ImportSummary", "Plan", "import_file", "load_profile", "plan_import"]

K = IncidentEvent.Kind
NO_LOCATION = "No location in the source export (imported; approximate position)"


@dataclass
class ImportSummary:
    file: str
    rows: int = 0
    created: int = 0
    already: int = 0
    bad: list[BadRow] = field(default_factory=list)
    unmapped: Counter = field(default_factory=Counter)

    def add(self, other: ImportSummary) -> None:
        self.rows += other.rows
        self.created += other.created
        self.already += other.already
        self.bad += other.bad
        self.unmapped.update(other.unmapped)


@dataclass
class Plan:
    """Everything checked before the first write: profile, reference codes, partnership, files."""

    profile: Profile
    partnership: Partnership
    files: list[SourceFile]
    grades: dict[str, int]
    categories: dict[str, int]
    closing_codes: dict[str, int]
    channels: dict[str, int]
    centre: tuple[float, float]


def load_profile(name: str) -> Profile:
    """A shipped profile by name, or an administrator's edited copy given as a path to a .json file."""
    import json

    if name.endswith(".json"):
        try:
            return Profile.from_document(json.loads(Path(name).read_text()))
        except (OSError, ValueError) as exc:
            if isinstance(exc, ProfileError):
                raise
            raise ProfileError(f"profile file {name}: {exc}") from None
    return Profile.from_document(shipped_document(name))


def plan_import(profile_name: str, partnership_slug: str, paths: list[Path], uploads=None) -> Plan:
    """Check the profile against the reference data and every file's layout; raises ImportRefused
    (or ProfileError) naming what is wrong. `uploads` is [(name, bytes)] from the upload page."""
    profile = load_profile(profile_name)
    partnership = Partnership.objects.filter(slug=partnership_slug).first()
    if partnership is None:
        known = ", ".join(Partnership.objects.order_by("slug").values_list("slug", flat=True))
        raise ImportRefused(f"no partnership {partnership_slug!r} (known: {known})")
    grades = dict(Grade.objects.filter(grade_set__active=True).values_list("code", "id"))
    categories = dict(IncidentCategory.objects.values_list("code", "id"))
    closing = dict(ClosingCode.objects.values_list("code", "id"))
    channels = dict(Channel.objects.values_list("code", "id"))
    for what, wanted, known in (
        ("grades", profile.grade_codes(), grades),
        ("incident categories", profile.category_codes(), categories),
        ("closing codes", profile.closing_code_set(), closing),
        ("channels", profile.channel_codes(), channels),
    ):
        missing = sorted(wanted - set(known))
        if missing:
            raise ImportRefused(
                f"profile {profile.name} maps onto {what} that are not in the reference data: {', '.join(missing)}"
                + (" (not in the active grade set)" if what == "grades" else "")
            )
    checked = [files.inspect(profile, Path(p)) for p in paths]
    checked += [files.inspect(profile, Path(name), data=data, name=name) for name, data in uploads or []]
    return Plan(profile, partnership, checked, grades, categories, closing, channels, _centre(partnership))


def _centre(partnership: Partnership) -> tuple[float, float]:
    bounds = list(
        Ward.objects.filter(district__partnership=partnership).values_list("min_lat", "max_lat", "min_lon", "max_lon")
    )
    if not bounds:
        return 51.5074, -0.1278  # a partnership without wards yet: central London, marked approximate
    return (
        (min(b[0] for b in bounds) + max(b[1] for b in bounds)) / 2,
        (min(b[2] for b in bounds) + max(b[3] for b in bounds)) / 2,
    )


def import_file(
    actor: Actor,
    plan: Plan,
    source: SourceFile,
    batch_size: int = 500,
    on_progress: Callable[[int, ImportSummary], None] | None = None,
) -> ImportSummary:
    """Load one checked file: good rows in batches, bad rows reported with line and reason."""
    summary = ImportSummary(file=source.name)
    seen: dict[str, int] = {}
    batch: list[Call] = []
    done = 0
    for line, cells in source.cells():
        summary.rows += 1
        done += 1
        result = read_row(plan.profile, source.index, line, cells)
        if isinstance(result, Call):
            problem = control_rules.call_time_problem(result.received, timezone.now())
            if problem:
                result = BadRow(line, f"{result.external_id}: {problem}")
            elif result.external_id in seen:
                result = BadRow(line, f"{result.external_id}: already on line {seen[result.external_id]} of this file")
        if isinstance(result, BadRow):
            summary.bad.append(result)
            continue
        seen[result.external_id] = line
        batch.append(result)
        if len(batch) >= batch_size:
            _write_batch(actor, plan, source, batch, summary)
            batch = []
            if on_progress:
                on_progress(done, summary)
    if batch:
        _write_batch(actor, plan, source, batch, summary)
    if on_progress:
        on_progress(done, summary)
    return summary


def _write_batch(actor: Actor, plan: Plan, source: SourceFile, calls: list[Call], summary: ImportSummary) -> None:
    try:
        created = _store(actor, plan, source, calls)
    except IntegrityError:
        # Another import of the same file committed some of these rows meanwhile: read again.
        created = _store(actor, plan, source, calls)
    summary.created += len(created)
    summary.already += len(calls) - len(created)
    summary.unmapped.update(c.problem or "(blank)" for c in created if not c.category_matched)


@transaction.atomic
def _store(actor: Actor, plan: Plan, source: SourceFile, calls: list[Call]) -> list[Call]:
    profile, partnership = plan.profile, plan.partnership
    existing = set(
        Incident.objects.filter(
            partnership=partnership, source=profile.source, external_id__in=[c.external_id for c in calls]
        ).values_list("external_id", flat=True)
    )
    fresh = [c for c in calls if c.external_id not in existing]
    if not fresh:
        return []
    numbers = _take_numbers(partnership, fresh)
    lat, lon = plan.centre
    easting, northing = geo.to_bng(lat, lon)
    now = timezone.now()
    incidents = []
    for call in fresh:
        day, number = numbers[call.external_id]
        closed = call.closed is not None
        incidents.append(
            Incident(
                partnership=partnership,
                reference=control_rules.reference(number, day),
                reference_day=day,
                number=number,
                received_at=call.received,
                recorded_at=now,
                channel_id=plan.channels[call.channel],
                location_text=NO_LOCATION,
                lat=lat,
                lon=lon,
                easting=easting,
                northing=northing,
                location_accuracy=Incident.Accuracy.APPROXIMATE,
                description=f"{call.agency} {call.problem} (priority {call.priority})".strip(),
                category_id=plan.categories[call.category],
                grade_id=plan.grades[call.grade],
                status=Incident.Status.CLOSED if closed else Incident.Status.OPEN,
                closing_code_id=plan.closing_codes[call.closing_code] if closed else None,
                closing_category_id=plan.categories[call.category] if closed else None,
                result=call.disposition[:500],
                closed_at=call.closed,
                source=profile.source,
                external_id=call.external_id,
            )
        )
    Incident.objects.bulk_create(incidents, batch_size=500)
    events = [
        e for incident, call in zip(incidents, fresh, strict=True) for e in _timeline(actor, plan, incident, call)
    ]
    IncidentEvent.objects.bulk_create(events, batch_size=1000)
    audit.record(
        actor,
        AuditEntry.Kind.CREATE,
        ("control.incident", f"{incidents[0].pk}..{incidents[-1].pk}"),
        fields=["imported"],
        summary=(
            f"Imported {len(incidents)} historical incidents from {source.name} lines {fresh[0].line}-{fresh[-1].line}"
            f" (profile {profile.name}, source {profile.source})"
        )[:300],
    )
    return fresh


def _take_numbers(partnership: Partnership, calls: list[Call]) -> dict[str, tuple]:
    """Daily reference numbers for the calls, taken from the same counter live intake uses, so an
    imported day and a live day can never share a reference."""
    by_day: dict = {}
    for call in calls:
        by_day.setdefault(timezone.localtime(call.received).date(), []).append(call)
    numbers = {}
    for day, day_calls in by_day.items():
        DailyCounter.objects.get_or_create(partnership=partnership, day=day)
        counter = DailyCounter.objects.filter(partnership=partnership, day=day)
        counter.update(last=F("last") + len(day_calls))
        last = counter.values_list("last", flat=True).get()
        for offset, call in enumerate(sorted(day_calls, key=lambda c: c.received)):
            numbers[call.external_id] = (day, last - len(day_calls) + 1 + offset)
    return numbers


def _timeline(actor: Actor, plan: Plan, incident: Incident, call: Call) -> list[IncidentEvent]:
    """The incident's timeline from the export's timestamps, in the shapes live services write."""
    user = actor.user if getattr(actor.user, "pk", None) else None

    def ev(kind: str, at, **payload) -> IncidentEvent:
        return timeline.build(incident, kind, at, user, actor.label, imported=True, **payload)

    events = [
        ev(
            K.CREATED,
            call.received,
            reference=incident.reference,
            category=call.category,
            channel=call.channel,
            received_at=call.received.isoformat(),
            source=plan.profile.source,
            external_id=call.external_id,
        ),
        ev(
            K.GRADED,
            call.queued or call.received,
            grade=call.grade,
            grade_id=plan.grades[call.grade],
            rationale=f"Imported: source priority {call.priority}",
        ),
    ]
    if call.despatched:
        events.append(ev(K.ASSIGNED, call.despatched, unit=None, call_sign="(source CAD unit)"))
    if call.en_route:
        events.append(ev(K.UNIT_STATUS, call.en_route, unit=None, status="en_route", unit_status="en_route"))
    if call.arrived:
        events.append(ev(K.UNIT_STATUS, call.arrived, unit=None, status="at_scene", unit_status="at_scene"))
    if call.closed:
        events.append(
            ev(
                K.CLOSED,
                call.closed,
                closing_code=call.closing_code,
                closing_category=call.category,
                result=call.disposition,
                units_cleared=0,
            )
        )
    return events
