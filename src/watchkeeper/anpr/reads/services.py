"""Importing ANPR reads from a supplier's CSV: every line validated through the mapping profile,
all or nothing (a bad line refuses the file, each problem named by line), then the ladder is run
on the new reads. Reads from a device whose last calibration check failed or lapsed are kept out."""

from __future__ import annotations

import csv
import io

from django.db import connection, transaction
from django.utils import timezone

from watchkeeper.anpr import queries
from watchkeeper.anpr.reads import rules
from watchkeeper.anpr.reads.models import ImportRun, Read, RoadwatchSession
from watchkeeper.anpr.sites.models import Device, Site
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Invalid
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry, Partnership

MAX_PROBLEMS = 50
BATCH = 5000


def parse(text: str, profile_name: str, sites: dict[str, Site], max_speed: float) -> list[rules.Row]:
    """Every line's row, or Invalid listing the bad lines by number (nothing is stored)."""
    profile = rules.PROFILES.get(profile_name)
    if profile is None:
        raise Invalid(f"Unknown mapping profile {profile_name!r}: one of {', '.join(sorted(rules.PROFILES))}.")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    missing = {c for k, c in profile.items() if k != "direction"} - set(header)
    if missing:
        raise Invalid(f"line 1: the file has no column(s) {', '.join(sorted(missing))} for profile {profile_name}.")
    at = {name: header.index(column) for name, column in profile.items() if column in header}
    width = len(header)
    p, t, s, sp = at["plate"], at["time"], at["site"], at["speed"]
    d = at.get("direction")
    rows, problems = [], []
    for values in reader:
        if len(values) < width:
            values = values + [""] * (width - len(values))
        row, problem = rules.parse_values(
            values[p], values[t], values[s], values[d] if d is not None else "", values[sp], max_speed
        )
        if row is not None and row.site not in sites:
            row, problem = None, f"unknown site {row.site[:30]!r}"
        if problem:
            problems.append(f"line {reader.line_num}: {problem}")
        else:
            rows.append(row)
    if problems:
        more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
        raise Invalid(f"Nothing imported. {'; '.join(problems[:MAX_PROBLEMS])}{more}")
    if not rows:
        raise Invalid("The file has no reads.")
    return rows


COLUMNS = ("site_id", "device_id", "plate", "seen_at", "direction", "speed_mph", "source", "run_id", "session_id")


def calibrated_rows(rows: list[rules.Row], sites: dict[str, Site], rule, source: str, run=None, session=None):
    """Value tuples (COLUMNS) for the rows whose device had a valid calibration on the day; and how
    many were dropped. Roadwatch speed guns are the police's own: not checked here."""
    devices = {d.site_id: d for d in Device.objects.filter(site__in=sites.values()).order_by("pk")}
    checks = queries.checks_by_device([d.pk for d in devices.values()])
    verdicts: dict[tuple, bool] = {}
    values, dropped = [], 0
    run_id, session_id = getattr(run, "pk", None), getattr(session, "pk", None)
    for row in rows:
        site = sites[row.site]
        device = devices.get(site.pk)
        if source == Read.Source.ANPR:
            day = timezone.localtime(row.seen_at).date()
            key = (site.pk, day)
            if key not in verdicts:
                found = queries.last_check(checks.get(device.pk, []), day) if device else None
                verdicts[key] = rules.calibration_ok(found, day, rule.calibration_valid_days)
            if not verdicts[key]:
                dropped += 1
                continue
        values.append(
            (
                site.pk,
                device.pk if device else None,
                row.plate,
                row.seen_at,
                row.direction,
                row.speed_mph,
                source,
                run_id,
                session_id,
            )
        )
    return values, dropped


def store(values: list[tuple]) -> None:
    """Insert reads: PostgreSQL's COPY when available (the bulk path a DBA would use), else bulk_create."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            sql = f"COPY {Read._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in values:
                    copy.write_row(row)
        return
    Read.objects.bulk_create([Read(**dict(zip(COLUMNS, v, strict=True))) for v in values], batch_size=BATCH)


def import_reads(actor: Actor, partnership: Partnership, text: str, profile: str, file_name: str) -> dict:
    """Import a file of reads and run the ladder on them. Returns counts."""
    from watchkeeper.anpr.ladder.services import run_ladder

    require(actor.user, "anpr.import")
    require_member(actor.user, partnership)
    rule = queries.rules_on(timezone.localdate())
    sites = {s.code: s for s in Site.objects.filter(partnership=partnership)}
    rows = parse(text, profile, sites, rule.max_speed_mph)
    with transaction.atomic():
        run = ImportRun.objects.create(
            partnership=partnership, file_name=file_name[:200], profile=profile, rows=len(rows), actor_label=actor.label
        )
        values, dropped = calibrated_rows(rows, sites, rule, Read.Source.ANPR, run=run)
        store(values)
        ladder = run_ladder(actor, partnership, Read.objects.filter(run=run))
        record(
            actor,
            AuditEntry.Kind.CREATE,
            run,
            fields=["reads"],
            summary=f"ANPR import {file_name[:80]}: {len(values)} reads, {dropped} not used (calibration)",
        )
    return {"run": run.pk, "reads": len(values), "not_calibrated": dropped, **ladder}


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
