"""Repeat locations and repeat callers, from the control-room incidents (issue 5: "repeat
locations and repeat victims and callers from the control-room and case data"; the case module
does not exist yet, so repeat victims are not here).

The rules (`group_repeats`, `location_key`, `pseudonym`) are pure. The queries read only
incidents the user may see (Incident.visible_to) received in the period; duplicates linked to a
master and cancelled incidents are left out, because they are not separate events.

A caller is personal data. Names and phone numbers are shown only to roles that may view people
(`person.view`) and only for callers they may see (Person.visible_to); every such read is
audited. Everyone else gets a stable pseudonym (an HMAC of the caller under the site's secret
key): the same caller has the same pseudonym on every page, so an analyst can follow a pattern
without learning who it is.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from watchkeeper.control.models import Incident
from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Person

CELL_M = 50  # incidents without a gazetteer place are grouped on a 50 m grid
DEFAULT_DAYS = 90
DEFAULT_THRESHOLD = 3
MAX_DAYS = 3 * 366
MAX_ROWS = 500


@dataclass
class Repeat:
    key: str
    label: str
    count: int = 0
    first: datetime | None = None
    last: datetime | None = None
    categories: Counter = field(default_factory=Counter)
    incident_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "incidents": self.count,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "categories": dict(self.categories.most_common()),
            "incident_ids": self.incident_ids[:50],
        }


def location_key(place_id, place_name: str, location_text: str, easting: float, northing: float) -> tuple[str, str]:
    """(key, label) for where an incident happened: its gazetteer place, else its 50 m cell."""
    if place_id:
        return f"place:{place_id}", place_name or location_text or f"Place {place_id}"
    col, row = int(easting // CELL_M), int(northing // CELL_M)
    label = location_text or f"{CELL_M} m square at {col * CELL_M:.0f} E, {row * CELL_M:.0f} N"
    return f"cell:{col}:{row}", label


def group_repeats(rows, threshold: int) -> list[Repeat]:
    """rows: (key, label, received_at, category label, incident id). Groups with at least
    `threshold` incidents, most first, then most recent."""
    groups: dict[str, Repeat] = {}
    for key, label, received, category, incident_id in rows:
        group = groups.setdefault(key, Repeat(key, label))
        group.count += 1
        group.first = received if group.first is None else min(group.first, received)
        group.last = received if group.last is None else max(group.last, received)
        group.categories[category] += 1
        group.incident_ids.append(incident_id)
    found = [g for g in groups.values() if g.count >= max(threshold, 1)]
    return sorted(found, key=lambda g: (-g.count, -(g.last.timestamp() if g.last else 0), g.key))


def pseudonym(value: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()
    return f"Caller {digest[:10]}"


def check_period(days: int, threshold: int) -> str | None:
    """Why these filters cannot be used, or None."""
    if not 1 <= days <= MAX_DAYS:
        return f"days must be between 1 and {MAX_DAYS}."
    if not 2 <= threshold <= 1000:
        return "threshold must be between 2 and 1000 (one call is not a repeat)."
    return None


def _period(user, days: int):
    since = timezone.now() - timedelta(days=days)
    return (
        Incident.objects.visible_to(user)
        .filter(received_at__gte=since, master__isnull=True)
        .exclude(status=Incident.Status.CANCELLED)
    )


def repeat_locations(user, days: int = DEFAULT_DAYS, threshold: int = DEFAULT_THRESHOLD) -> list[dict]:
    rows = (
        (*location_key(pid, pname or "", text, east, north), received, category, pk)
        for pk, pid, pname, text, east, north, received, category in _period(user, days).values_list(
            "pk", "place_id", "place__name", "location_text", "easting", "northing", "received_at", "category__label"
        )
    )
    return [g.as_dict() for g in group_repeats(rows, threshold)[:MAX_ROWS]]


def repeat_callers(actor: Actor, days: int = DEFAULT_DAYS, threshold: int = DEFAULT_THRESHOLD) -> list[dict]:
    """Callers (the caller record, else the phone number) with `threshold` or more calls."""
    rows = []
    found = _period(actor.user, days).filter(Q(caller__isnull=False) | ~Q(caller_phone=""))
    for pk, caller_id, phone, received, category in found.values_list(
        "pk", "caller_id", "caller_phone", "received_at", "category__label"
    ):
        key = f"person:{caller_id}" if caller_id else f"phone:{phone}"
        rows.append((key, "", received, category, pk))
    groups = group_repeats(rows, threshold)[:MAX_ROWS]
    return _name_or_pseudonym(actor, groups)


def _name_or_pseudonym(actor: Actor, groups: list[Repeat]) -> list[dict]:
    may_view = allowed(actor.user, "person.view")
    people = {}
    if may_view:
        ids = [int(g.key.split(":", 1)[1]) for g in groups if g.key.startswith("person:")]
        people = {p.pk: p for p in Person.objects.visible_to(actor.user).filter(pk__in=ids)}
    out, phones_shown = [], 0
    for group in groups:
        kind, _, value = group.key.partition(":")
        row = group.as_dict()
        row["key"] = pseudonym(group.key)
        row["label"], row["phone"], row["identified"] = row["key"], None, False
        if kind == "person" and int(value) in people:
            person = people[int(value)]
            audit.record_read(
                actor, person, ["given_name", "family_name", "phone"], summary=f"Repeat caller ({group.count} calls)"
            )
            row.update(label=str(person), phone=person.phone or None, identified=True)
        elif kind == "phone" and may_view:
            row.update(label=value, phone=value, identified=True)
            phones_shown += 1
        out.append(row)
    if phones_shown:
        audit.record_read(
            actor,
            ("control.incident", "caller_phone"),
            ["caller_phone"],
            summary=f"Repeat callers: {phones_shown} phone numbers without a caller record",
        )
    return out
