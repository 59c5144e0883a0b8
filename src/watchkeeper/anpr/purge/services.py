"""The 6-month purge: a vehicle's whole history goes once its last offence is older than the rules'
purge period; reads of vehicles that never offended go after the same period. Each purged vehicle
leaves a deletion record (a keyed digest of the plate and the counts, never the plate itself)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from watchkeeper.anpr import queries
from watchkeeper.anpr.ladder.models import DeletionRecord, Keeper, Offence
from watchkeeper.anpr.reads.models import Read
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.models import AuditEntry


def digest(plate: str) -> str:
    return hmac.new(settings.AUDIT_KEY, plate.encode(), hashlib.sha256).hexdigest()


def purge(actor: Actor, partnership) -> dict:
    """The purge asked for by a person (police role)."""
    require(actor.user, "anpr.manage")
    return purge_partnership(actor, partnership)


def purge_partnership(actor: Actor, partnership) -> dict:
    """The purge itself (also run daily by `watchkeeper anpr_purge`, as the system)."""
    now = timezone.now()
    cutoff = now - timedelta(days=queries.rules_on(timezone.localdate()).purge_days)
    with transaction.atomic():
        last = Offence.objects.filter(partnership=partnership).values("plate").annotate(last=Max("at"))
        stale = {row["plate"]: row["last"] for row in last if row["last"] < cutoff}
        for plate, last_at in sorted(stale.items()):
            reads = Read.objects.filter(site__partnership=partnership, plate=plate)
            n_reads, n_offences = reads.count(), Offence.objects.filter(partnership=partnership, plate=plate).count()
            reads.delete()  # offences, letters, watch entries and tasks go with their reads
            Keeper.objects.filter(partnership=partnership, plate=plate).delete()
            DeletionRecord.objects.create(
                partnership=partnership,
                plate_digest=digest(plate),
                last_offence_at=last_at,
                reads=n_reads,
                offences=n_offences,
                purged_at=now,
            )
        offenders = Offence.objects.filter(partnership=partnership).values("plate")
        quiet, _ = (
            Read.objects.filter(site__partnership=partnership, seen_at__lt=cutoff).exclude(plate__in=offenders).delete()
        )
        record(actor, AuditEntry.Kind.DELETE, None, summary=f"ANPR purge: {len(stale)} vehicles, {quiet} other reads")
    return {"vehicles": len(stale), "other_reads": quiet}
