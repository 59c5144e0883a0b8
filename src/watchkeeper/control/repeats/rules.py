"""Pure rules for repeat locations and callers (no database, no I/O): the location key an incident
is grouped by, grouping over a threshold, the bounds of a period, and the caller pseudonym (an HMAC
of the caller under the site's secret key: the same caller has the same pseudonym on every page, so
an analyst can follow a pattern without learning who it is)."""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

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
