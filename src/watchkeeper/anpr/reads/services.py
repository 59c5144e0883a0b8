"""Importing ANPR reads from a supplier's CSV: every line validated through the mapping profile,
all or nothing (a bad line refuses the file, each problem named by line), then the ladder is run
on the new reads. Reads from a device whose last calibration check failed or lapsed are kept out."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from watchkeeper.anpr import queries
from watchkeeper.anpr.reads import rules
from watchkeeper.anpr.reads.models import ImportRun, MappingProfile, Read, RoadwatchSession
from watchkeeper.anpr.sites.models import Device, Section, Site
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Invalid
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry, Partnership

MAX_PROBLEMS = 50
BATCH = 5000
_UNSEEN = object()


def profile_columns(name: str) -> dict[str, str]:
    """The named mapping profile's columns (field -> column), or Invalid naming the profiles."""
    found = MappingProfile.objects.filter(name=name).first()
    if found is None:
        names = ", ".join(MappingProfile.objects.values_list("name", flat=True))
        raise Invalid(f"Unknown mapping profile {name[:60]!r}: one of {names}.")
    return found.columns()


def parse(text: str, profile: dict[str, str], sites: dict[str, Site], max_speed: float) -> list[rules.Row]:
    """Every line's row, or Invalid listing the bad lines by number (nothing is stored).

    A file holds millions of lines, so each line takes a fast path: the plate and direction looked
    up in a cache (a vehicle passes many times), the time and speed parsed by the C parsers, the
    checks inline; any line that fails one goes through `rules.parse_values`, which names its
    first problem (the rules are stated once, there)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    missing = {c for k, c in profile.items() if k != "direction"} - set(header)
    if missing:
        raise Invalid(f"line 1: the file has no column(s) {', '.join(sorted(missing))} for the profile.")
    at = {name: header.index(column) for name, column in profile.items() if column in header}
    width = len(header)
    p, t, s, sp = at["plate"], at["time"], at["site"], at["speed"]
    d, av = at.get("direction"), at.get("average")
    rows, problems = [], []
    plates: dict[str, str | None] = {}
    directions: dict[str, str] = {"": ""}
    fromiso, Row, append = datetime.fromisoformat, rules.Row, rows.append
    for values in reader:
        try:
            raw = values[p]
            plate = plates.get(raw, _UNSEEN)
            if plate is _UNSEEN:
                plate = plates[raw] = rules.normalise_plate(raw)
            seen_at = fromiso(values[t])
            speed = float(values[sp])
            code = values[s]
            way = values[d] if d is not None else ""
            direction = directions.get(way)
            if direction is None:
                direction = directions[way] = way.strip().upper()[:2]
            average = None
            if av is not None and values[av]:
                average = float(values[av])
                if not 0 < average <= max_speed:
                    raise ValueError  # the checked path below names the problem
            if plate and seen_at.tzinfo is not None and 0 < speed <= max_speed and code in sites:
                append(Row(plate, seen_at, code, direction, speed, average))
                continue
        except (ValueError, IndexError):
            pass
        if len(values) < width:
            values = values + [""] * (width - len(values))
        row, problem = rules.parse_values(
            values[p],
            values[t],
            values[s],
            values[d] if d is not None else "",
            values[sp],
            max_speed,
            values[av] if av is not None else None,
        )
        if row is not None and row.site not in sites:
            row, problem = None, f"unknown site {row.site[:30]!r}"
        if problem:
            problems.append(f"line {reader.line_num}: {problem}")
        else:
            append(row)
    if problems:
        more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
        raise Invalid(f"Nothing imported. {'; '.join(problems[:MAX_PROBLEMS])}{more}")
    if not rows:
        raise Invalid("The file has no reads.")
    return rows


COLUMNS = (
    "site_id",
    "device_id",
    "plate",
    "seen_at",
    "direction",
    "speed_mph",
    "average_mph",
    "source",
    "run_id",
    "session_id",
    "entry_read_id",
)


def calibrated_rows(rows: list[rules.Row], sites: dict[str, Site], rule, source: str, run=None, session=None):
    """Value tuples (COLUMNS) for the rows whose device had a valid calibration on the day; and how
    many were dropped. Roadwatch speed guns are the police's own: not checked here. A read's London
    day is worked out once per hour (it changes only on the hour), the verdict once per site and day."""
    devices = {d.site_id: d for d in Device.objects.filter(site__in=sites.values()).order_by("pk")}
    checks = queries.checks_by_device([d.pk for d in devices.values()])
    ids = {code: (site.pk, getattr(devices.get(site.pk), "pk", None)) for code, site in sites.items()}
    days: dict[int, object] = {}  # hour since the epoch -> its London day
    verdicts: dict[tuple, bool] = {}  # (site, London day) -> calibrated
    values, dropped = [], 0
    run_id, session_id = getattr(run, "pk", None), getattr(session, "pk", None)
    checked = source == Read.Source.ANPR
    append = values.append
    for plate, seen_at, code, direction, speed, average in rows:
        site_id, device_id = ids[code]
        if checked:
            hour = int(seen_at.timestamp()) // 3600
            day = days.get(hour)
            if day is None:
                day = days[hour] = timezone.localtime(seen_at).date()
            ok = verdicts.get((site_id, day))
            if ok is None:
                found = queries.last_check(checks.get(device_id, []), day) if device_id else None
                ok = verdicts[(site_id, day)] = rules.calibration_ok(found, day, rule.calibration_valid_days)
            if not ok:
                dropped += 1
                continue
        append((site_id, device_id, plate, seen_at, direction, speed, average, source, run_id, session_id, None))
    return values, dropped


def store(values: list[tuple]) -> None:
    """Insert reads: PostgreSQL's COPY (psycopg's copy, the bulk path a DBA would use); elsewhere
    plain executemany in batches (no model instance per row)."""
    table = Read._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
        adapt = connection.ops.adapt_datetimefield_value
        for i in range(0, len(values), BATCH):
            cursor.executemany(sql, [(*v[:3], adapt(v[3]), *v[4:]) for v in values[i : i + BATCH]])


def average_reads(partnership: Partnership, run: ImportRun, max_speed: float) -> int:
    """Paired cameras: for each section, the run's reads at its exit timed from the same plates'
    reads at its entry (this file or an earlier one) become average-speed reads at the exit.
    Averages above the impossible-speed limit (a misread or cloned plate) are not kept. An exit read
    whose line already gave the supplier's section average is not timed again (one average a pass)."""
    made = []
    for section in Section.objects.filter(partnership=partnership):
        exits = list(
            Read.objects.filter(
                run=run, site_id=section.exit_id, source=Read.Source.ANPR, average_mph__isnull=True
            ).values_list("pk", "plate", "seen_at", "device_id", "direction")
        )
        if not exits:
            continue
        times = [e[2] for e in exits]
        entries: dict[str, list] = defaultdict(list)
        for plate, seen_at, pk in (
            Read.objects.filter(
                site_id=section.entry_id,
                source=Read.Source.ANPR,
                seen_at__gte=min(times) - timedelta(minutes=section.max_minutes),
                seen_at__lt=max(times),
            )
            .order_by("seen_at", "pk")
            .values_list("plate", "seen_at", "pk")
        ):
            entries[plate].append((seen_at, pk))
        by_pk = {e[0]: e for e in exits}
        pairs = rules.pair_reads(entries, [e[:3] for e in exits], section.distance_m, section.max_minutes * 60)
        for exit_pk, entry_pk, mph in pairs:
            if mph > max_speed:
                continue
            _, plate, seen_at, device_id, direction = by_pk[exit_pk]
            made.append(
                (
                    section.exit_id,
                    device_id,
                    plate,
                    seen_at,
                    direction,
                    mph,
                    mph,
                    Read.Source.AVERAGE,
                    run.pk,
                    None,
                    entry_pk,
                )
            )
    store(made)
    return len(made)


def import_reads(actor: Actor, partnership: Partnership, text: str, profile: str, file_name: str) -> dict:
    """Import a file of reads and run the ladder on them. Returns counts."""
    from watchkeeper.anpr.ladder.services import run_ladder

    require(actor.user, "anpr.import")
    require_member(actor.user, partnership)
    rule = queries.rules_on(timezone.localdate())
    sites = {s.code: s for s in Site.objects.filter(partnership=partnership)}
    rows = parse(text, profile_columns(profile), sites, rule.max_speed_mph)
    with transaction.atomic():
        run = ImportRun.objects.create(
            partnership=partnership, file_name=file_name[:200], profile=profile, rows=len(rows), actor_label=actor.label
        )
        values, dropped = calibrated_rows(rows, sites, rule, Read.Source.ANPR, run=run)
        store(values)
        averages = average_reads(partnership, run, rule.max_speed_mph)
        ladder = run_ladder(actor, partnership, Read.objects.filter(run=run))
        record(
            actor,
            AuditEntry.Kind.CREATE,
            run,
            fields=["reads"],
            summary=f"ANPR import {file_name[:80]}: {len(values)} reads, {averages} average speeds, "
            f"{dropped} not used (calibration)",
        )
    return {"run": run.pk, "reads": len(values), "average_speeds": averages, "not_calibrated": dropped, **ladder}


def add_roadwatch(actor: Actor, site: Site, held_on, team: str, rows: list[rules.Row]) -> dict:
    """A Community Roadwatch session (speed gun, no device calibration record) joining the ladder."""
    from watchkeeper.anpr.ladder.services import run_ladder

    require(actor.user, "anpr.roadwatch", site)
    if not rows:
        raise Invalid("A session needs at least one vehicle.")
    with transaction.atomic():
        session = RoadwatchSession.objects.create(site=site, held_on=held_on, team=team[:200])
        values, _ = calibrated_rows(rows, {site.code: site}, None, Read.Source.ROADWATCH, session=session)
        store(values)
        ladder = run_ladder(actor, site.partnership, Read.objects.filter(session=session))
        record(
            actor, AuditEntry.Kind.CREATE, session, fields=["reads"], summary=f"Roadwatch session, {len(rows)} vehicles"
        )
    return {"session": session.pk, **ladder}
