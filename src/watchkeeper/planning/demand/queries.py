"""Demand history read from the incidents the user may see (imported CAD exports and live calls):
arrival times and call-handling times (call received to first grade, from the timeline)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from watchkeeper.control.models import Incident, IncidentEvent
from watchkeeper.planning.demand import rules

LONDON = ZoneInfo("Europe/London")
DEFAULT_HANDLING_SECONDS = 180.0
MAX_WEEKS = 26


@dataclass
class History:
    first_week: datetime | None  # local Monday 00:00
    weeks: int
    times: list[datetime]  # local
    handling: list[tuple[int, float]]  # (slot, seconds)
    profile: rules.Profile | None


def incidents_for(user, partnership):
    return Incident.objects.visible_to(user).filter(partnership=partnership, master__isnull=True)


def history(user, partnership, weeks: int = 12) -> History:
    """The last `weeks` whole weeks (up to 26) of incidents ending with the latest incident's week."""
    weeks = max(1, min(weeks, MAX_WEEKS))
    qs = incidents_for(user, partnership)
    latest = qs.order_by("-received_at").values_list("received_at", flat=True).first()
    if latest is None:
        return History(None, 0, [], [], None)
    last_monday = rules.week_start(latest.astimezone(LONDON).replace(tzinfo=None))
    # Only whole weeks: the latest week counts if it is complete, else the weeks before it.
    end = last_monday + timedelta(days=7)
    if latest.astimezone(LONDON).replace(tzinfo=None) < end - timedelta(hours=1):
        end = last_monday
    earliest = qs.order_by("received_at").values_list("received_at", flat=True).first()
    earliest_local = earliest.astimezone(LONDON).replace(tzinfo=None)
    first_possible = rules.week_start(earliest_local)
    if earliest_local >= first_possible + timedelta(hours=1):  # history starts mid-week: not whole
        first_possible += timedelta(days=7)
    if first_possible > end - timedelta(days=7):  # less than one whole week: use what there is
        first_possible = rules.week_start(earliest_local)
        end = first_possible + timedelta(days=7)
    have = max(1, (end - first_possible).days // 7)
    weeks = min(weeks, have)
    first = end - timedelta(days=7 * weeks)
    window = qs.filter(
        received_at__gte=first.replace(tzinfo=LONDON), received_at__lt=end.replace(tzinfo=LONDON)
    ).values_list("pk", "received_at")
    received = dict(window)
    times = [t.astimezone(LONDON).replace(tzinfo=None) for t in received.values()]
    graded: dict[int, datetime] = {}
    events = IncidentEvent.objects.filter(incident_id__in=list(received), kind="graded").values_list(
        "incident_id", "at"
    )
    for pk, at in events.order_by("at"):
        graded.setdefault(pk, at)
    handling = []
    for pk, at in graded.items():
        seconds = (at - received[pk]).total_seconds()
        if 0 < seconds < 3600:  # a grade hours later is a later review, not the call being handled
            handling.append((rules.slot_of(received[pk].astimezone(LONDON).replace(tzinfo=None)), seconds))
    return History(first, weeks, times, handling, rules.profile(times, first, weeks))
