"""Outcome: 85th-percentile speed per site before and after a date, letters sent, repeat rate."""

from __future__ import annotations

from datetime import datetime

from watchkeeper.anpr.ladder.models import Offence, WarningLetter
from watchkeeper.anpr.ladder.rules import percentile_85
from watchkeeper.anpr.ladder.services import enforced_speed
from watchkeeper.anpr.reads.models import Read
from watchkeeper.anpr.sites.models import Site


def outcome(user, since: datetime) -> dict:
    sites = []
    for site in Site.objects.visible_to(user):
        # The speed the site enforces (spot or section average), so the two are never mixed.
        speeds = Read.objects.filter(site=site).annotate(enforced=enforced_speed()).filter(enforced__isnull=False)
        before = list(speeds.filter(seen_at__lt=since).values_list("enforced", flat=True))
        after = list(speeds.filter(seen_at__gte=since).values_list("enforced", flat=True))
        p_before, p_after = percentile_85(before), percentile_85(after)
        sites.append(
            {
                "site": site.code,
                "name": site.name,
                "limit": site.speed_limit_mph,
                "p85_before": p_before,
                "p85_after": p_after,
                "reads_before": len(before),
                "reads_after": len(after),
            }
        )
    offences = Offence.objects.visible_to(user)
    offenders = offences.values("plate").distinct().count()
    repeaters = offences.filter(step__gte=2).values("plate").distinct().count()
    return {
        "sites": sites,
        "letters": WarningLetter.objects.filter(offence__in=offences).count(),
        "offenders": offenders,
        "repeat_rate": round(100.0 * repeaters / offenders, 1) if offenders else None,
    }
