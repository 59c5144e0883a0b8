"""Importing ANPR reads from a supplier's CSV: every line validated through the mapping profile,
all or nothing (a bad line refuses the file, each problem named by line), then the ladder is run
on the new reads. Reads from a device whose last calibration check failed or lapsed are kept out."""

from __future__ import annotations

import csv
import io

from django.db import transaction
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


def parse(text: str, profile_name: str, sites: dict[str, Site], max_speed: float) -> list[tuple[int, rules.Row]]:
    """(line, row) for every line, or Invalid listing the bad lines (nothing is stored)."""
    profile = rules.PROFILES.get(profile_name)
    if profile is None:
        raise Invalid(f"Unknown mapping profile {profile_name!r}: one of {', '.join(sorted(rules.PROFILES))}.")
    reader = csv.DictReader(io.StringIO(text))
    missing = {c for k, c in profile.items() if k != "direction"} - set(reader.fieldnames or [])
    if missing:
        raise Invalid(f"line 1: the file has no column(s) {', '.join(sorted(missing))} for profile {profile_name}.")
    rows, problems = [], []
    for raw in reader:
        row, problem = rules.parse_row(raw, profile, max_speed)
        if row is not None and row.site not in sites:
            row, problem = None, f"unknown site {row.site[:30]!r}"
        if problem:
            problems.append(f"line {reader.line_num}: {problem}")
        else:
            rows.append((reader.line_num, row))
    if problems:
        more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
        raise Invalid(f"Nothing imported. {'; '.join(problems[:MAX_PROBLEMS])}{more}")
    if not rows:
        raise Invalid("The file has no reads.")
    return rows


def build_reads(rows, sites: dict[str, Site], rule, **fields) -> tuple[list[Read], int]:
    """Read objects for the rows; those from a device without a valid calibration are dropped."""
    devices = {d.site_id: d for d in Device.objects.filter(site__in=sites.values()).order_by("pk")}
    checks = queries.checks_by_device([d.pk for d in devices.values()])
    reads, dropped = [], 0
    for _line, row in rows:
        site = sites[row.site]
        device = devices.get(site.pk)
        day = timezone.localtime(row.seen_at).date()
        found = queries.last_check(checks.get(device.pk, []), day) if device else None
        if not rules.calibration_ok(found, day, rule.calibration_valid_days):
            dropped += 1
            continue
        reads.append(
            Read(
                site=site,
                device=device,
                plate=row.plate,
                seen_at=row.seen_at,
                direction=row.direction,
                speed_mph=row.speed_mph,
                **fields,
            )
        )
    return reads, dropped


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
        reads, dropped = build_reads(rows, sites, rule, run=run)
        Read.objects.bulk_create(reads, batch_size=BATCH)
        ladder = run_ladder(actor, partnership, Read.objects.filter(run=run))
        record(
            actor,
            AuditEntry.Kind.CREATE,
            run,
            fields=["reads"],
            summary=f"ANPR import {file_name[:80]}: {len(reads)} reads, {dropped} not used (calibration)",
        )
    return {"run": run.pk, "reads": len(reads), "not_calibrated": dropped, **ladder}


def add_roadwatch(actor: Actor, site: Site, held_on, team: str, rows: list[rules.Row]) -> dict:
    """A Community Roadwatch session (speed gun, no device calibration record) joining the ladder."""
    from watchkeeper.anpr.ladder.services import run_ladder

    require(actor.user, "anpr.roadwatch", site)
    if not rows:
        raise Invalid("A session needs at least one vehicle.")
    with transaction.atomic():
        session = RoadwatchSession.objects.create(site=site, held_on=held_on, team=team[:200])
        Read.objects.bulk_create(
            [
                Read(
                    site=site,
                    plate=r.plate,
                    seen_at=r.seen_at,
                    speed_mph=r.speed_mph,
                    source=Read.Source.ROADWATCH,
                    session=session,
                )
                for r in rows
            ]
        )
        ladder = run_ladder(actor, site.partnership, Read.objects.filter(session=session))
        record(
            actor, AuditEntry.Kind.CREATE, session, fields=["reads"], summary=f"Roadwatch session, {len(rows)} vehicles"
        )
    return {"session": session.pk, **ladder}
