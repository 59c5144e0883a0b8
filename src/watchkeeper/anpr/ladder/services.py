"""Running the ladder over new reads: an offence at or above the site's threshold takes its step;
step 1 queues the warning letter (outbox), step 2 adds a watch-list entry, step 3 makes an
attendance task at the driver's usual time of passing (learned from that vehicle's reads there).
A read of a watch-listed plate is a watch-list hit, audited."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from watchkeeper import outbox
from watchkeeper.anpr import queries
from watchkeeper.anpr.ladder import rules
from watchkeeper.anpr.ladder.models import AttendanceTask, Offence, WarningLetter, WatchEntry
from watchkeeper.anpr.reads.models import Read
from watchkeeper.anpr.reads.rules import threshold
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.models import AuditEntry


def run_ladder(actor: Actor, partnership, reads) -> dict:
    """Call inside the import's transaction. Returns counts per step and watch-list hits."""
    rule = queries.rules_on(timezone.localdate())
    counts = {"letters": 0, "watch": 0, "attend": 0, "watch_hits": 0}
    reads = list(reads.select_related("site").order_by("seen_at"))
    plates = {r.plate for r in reads}
    today = timezone.localdate()
    watched = set(
        WatchEntry.objects.filter(
            offence__partnership=partnership, plate__in=plates, expires_on__gte=today
        ).values_list("plate", flat=True)
    )
    earlier: dict[str, list] = defaultdict(list)
    for plate, at in Offence.objects.filter(partnership=partnership, plate__in=plates).values_list("plate", "at"):
        earlier[plate].append(at)
    for read in reads:
        if read.plate in watched:
            counts["watch_hits"] += 1
            record(actor, AuditEntry.Kind.READ, read, fields=["plate"], summary=f"Watch-list hit at {read.site.code}")
        limit = threshold(read.site.speed_limit_mph, rule.threshold_percent, rule.threshold_plus_mph)
        if read.speed_mph < limit:
            continue
        step = rules.step(earlier[read.plate], read.seen_at, rule.window_days)
        earlier[read.plate].append(read.seen_at)
        offence = Offence.objects.create(
            read=read, partnership=partnership, plate=read.plate, at=read.seen_at, step=step, threshold_mph=limit
        )
        if step == rules.LETTER:
            WarningLetter.objects.create(offence=offence, queued_at=timezone.now())
            outbox.enqueue("anpr.warning_letter", {"offence": offence.pk}, key=f"anpr-letter:{offence.pk}")
            counts["letters"] += 1
        elif step == rules.WATCH:
            added = timezone.localdate(read.seen_at)
            WatchEntry.objects.create(
                offence=offence,
                plate=read.plate,
                added_on=added,
                review_on=added + timedelta(days=rule.watch_review_days),
                expires_on=added + timedelta(days=rule.window_days),
            )
            watched.add(read.plate)
            counts["watch"] += 1
        else:
            attendance_task(offence, read, rule.usual_window_minutes)
            counts["attend"] += 1
    return counts


def attendance_task(offence: Offence, read: Read, width: int) -> AttendanceTask:
    """The third step: the window of the day when this vehicle usually passes this site."""
    passes = Read.objects.filter(site=read.site, plate=read.plate).values_list("seen_at", flat=True)
    minutes = [timezone.localtime(at).hour * 60 + timezone.localtime(at).minute for at in passes]
    window = rules.usual_window(minutes, width)
    return AttendanceTask.objects.create(
        offence=offence,
        site=read.site,
        window_start_minute=window.start_minute,
        window_end_minute=window.end_minute,
        passes_in_window=window.passes,
        passes_seen=len(minutes),
        histogram=window.histogram,
    )
