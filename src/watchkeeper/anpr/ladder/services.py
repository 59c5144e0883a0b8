"""Running the ladder over new reads: an offence at or above the site's threshold takes its step;
step 1 queues the warning letter (outbox), step 2 adds a watch-list entry, step 3 makes an
attendance task at the driver's usual time of passing (learned from that vehicle's reads there).
A read of a watch-listed plate is a watch-list hit, audited."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Case, F, FloatField, When
from django.utils import timezone

from watchkeeper import outbox
from watchkeeper.anpr import queries
from watchkeeper.anpr.ladder import rules
from watchkeeper.anpr.ladder.models import AttendanceTask, Offence, WarningLetter, WatchEntry
from watchkeeper.anpr.reads.models import Read
from watchkeeper.anpr.reads.rules import threshold
from watchkeeper.anpr.sites.models import Site
from watchkeeper.core.audit import Actor, record_many
from watchkeeper.core.models import AuditEntry


def enforced_speed():
    """The speed the ladder enforces for a read, as its site is set (site data): a speed gun's
    reading always; at a site set to the section average, the read's average (none: nothing to
    enforce, e.g. an entry camera's line); elsewhere a camera's own spot speed, never an average."""
    return Case(
        When(source=Read.Source.ROADWATCH, then=F("speed_mph")),
        When(site__enforces=Site.Enforces.AVERAGE, then=F("average_mph")),
        When(source=Read.Source.ANPR, then=F("speed_mph")),
        default=None,
        output_field=FloatField(),
    )


def run_ladder(actor: Actor, partnership, reads) -> dict:
    """Call inside the import's transaction with the new reads. Only reads at or over their site's
    threshold, and reads of watch-listed plates, are loaded (the database picks them out), so a
    large file of ordinary traffic costs one query; offences, letters and watch-list entries are
    written in bulk. Returns counts per step and watch-list hits."""
    rule = queries.rules_on(timezone.localdate())
    counts = {"letters": 0, "watch": 0, "attend": 0, "watch_hits": audit_watch_hits(actor, partnership, reads)}
    factor = 1 + rule.threshold_percent / 100.0
    limit_of = F("site__speed_limit_mph") * factor + rule.threshold_plus_mph
    over = list(
        reads.annotate(enforced=enforced_speed())
        .filter(enforced__gte=limit_of)
        .select_related("site")
        .order_by("seen_at", "pk")
    )
    earlier: dict[str, list] = defaultdict(list)
    plates = {r.plate for r in over}
    for plate, at in Offence.objects.filter(partnership=partnership, plate__in=plates).values_list("plate", "at"):
        earlier[plate].append(at)
    offences = []
    for read in over:
        limit = threshold(read.site.speed_limit_mph, rule.threshold_percent, rule.threshold_plus_mph)
        step = rules.step(earlier[read.plate], read.seen_at, rule.window_days)
        earlier[read.plate].append(read.seen_at)
        offences.append(
            Offence(
                read=read,
                partnership=partnership,
                plate=read.plate,
                at=read.seen_at,
                step=step,
                threshold_mph=limit,
                speed_mph=read.enforced,
            )
        )
    Offence.objects.bulk_create(offences, batch_size=2000)  # ids come back on PostgreSQL and SQLite
    now = timezone.now()
    letters = [WarningLetter(offence=o, queued_at=now) for o in offences if o.step == rules.LETTER]
    WarningLetter.objects.bulk_create(letters, batch_size=2000)
    outbox.enqueue_many(
        "anpr.warning_letter", [({"offence": x.offence.pk}, f"anpr-letter:{x.offence.pk}") for x in letters]
    )
    watch = []
    for o in (o for o in offences if o.step == rules.WATCH):
        added = timezone.localdate(o.at)
        review, expires = added + timedelta(days=rule.watch_review_days), added + timedelta(days=rule.window_days)
        watch.append(WatchEntry(offence=o, plate=o.plate, added_on=added, review_on=review, expires_on=expires))
    WatchEntry.objects.bulk_create(watch, batch_size=2000)
    counts["letters"], counts["watch"] = len(letters), len(watch)
    open_tasks = set(
        AttendanceTask.objects.filter(
            offence__partnership=partnership, offence__plate__in=plates, done_at__isnull=True
        ).values_list("offence__plate", "site_id")
    )
    new_tasks = []
    for o in (o for o in offences if o.step == rules.ATTEND):
        if (o.plate, o.read.site_id) in open_tasks:
            continue  # one open task per vehicle and site: later offences add to its evidence
        new_tasks.append(o)
        open_tasks.add((o.plate, o.read.site_id))
    attendance_tasks(new_tasks, rule.usual_window_minutes)
    counts["attend"] = len(new_tasks)
    return counts


def audit_watch_hits(actor: Actor, partnership, reads) -> int:
    """Audit every read of a watch-listed plate: one entry per plate and file, naming its reads."""
    today = timezone.localdate()
    watched = WatchEntry.objects.filter(offence__partnership=partnership, expires_on__gte=today)
    active = set(watched.values_list("plate", flat=True))
    if not active:
        return 0
    # The file's reads are matched against the watch-list here, not by a join in SQL: without fresh
    # statistics (a table that grew by millions since autovacuum last ran) PostgreSQL planned that
    # join as a loop over the watch-list rescanning the whole file for each plate, so the import
    # slowed with every file as the list grew. One scan of the file's reads does not depend on it.
    codes = dict(Site.objects.filter(partnership=partnership).values_list("pk", "code"))
    found = sorted(
        (at, pk, plate, site_id)
        for pk, plate, site_id, at in reads.order_by().values_list("pk", "plate", "site_id", "seen_at")
        if plate in active
    )
    hits: dict[str, list] = defaultdict(list)
    for _, pk, plate, site_id in found:
        hits[plate].append(f"{pk}@{codes[site_id]}")
    record_many(
        actor,
        AuditEntry.Kind.READ,
        [
            (("anpr.vehicle", plate), ["plate"], f"Watch-list hit: {len(seen)} read(s) " + ", ".join(seen))
            for plate, seen in sorted(hits.items())
        ],
    )
    return sum(len(v) for v in hits.values())


def attendance_tasks(offences: list[Offence], width: int) -> list[AttendanceTask]:
    """The third step: for each offence, the window of the day when this vehicle usually passes
    this site, learned from all its reads there (one query for every offence of the file)."""
    if not offences:
        return []
    wanted = {(o.plate, o.read.site_id) for o in offences}
    passes: dict[tuple, list[int]] = defaultdict(list)
    found = Read.objects.filter(plate__in={plate for plate, _ in wanted}, site_id__in={s for _, s in wanted})
    for plate, site_id, at in found.values_list("plate", "site_id", "seen_at"):
        if (plate, site_id) in wanted:
            local = timezone.localtime(at)
            passes[(plate, site_id)].append(local.hour * 60 + local.minute)
    tasks = []
    for o in offences:
        minutes = passes[(o.plate, o.read.site_id)]
        window = rules.usual_window(minutes, width)
        tasks.append(
            AttendanceTask(
                offence=o,
                site_id=o.read.site_id,
                window_start_minute=window.start_minute,
                window_end_minute=window.end_minute,
                passes_in_window=window.passes,
                passes_seen=len(minutes),
                histogram=window.histogram,
            )
        )
    return AttendanceTask.objects.bulk_create(tasks, batch_size=2000)
