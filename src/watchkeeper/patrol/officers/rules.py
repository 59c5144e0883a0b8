"""Officer rules (pure): which powers an officer may use today, and what is about to lapse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Held:
    """A dated grant: a power, an SIA licence, vetting or a training course."""

    what: str  # "power", "sia", "vetting", "training"
    name: str
    expires_on: date | None
    granted_on: date | None = None
    withdrawn_on: date | None = None


def in_force(item: Held, today: date) -> bool:
    if item.granted_on is not None and item.granted_on > today:
        return False
    if item.withdrawn_on is not None and item.withdrawn_on <= today:
        return False
    return item.expires_on is None or item.expires_on >= today


def usable_powers(grants: list[Held], sia: Held, today: date) -> list[str]:
    """Powers the officer may use: granted, not withdrawn, not expired, and only while the SIA
    licence is in force (an accredited person must hold a licence to work)."""
    if not in_force(sia, today):
        return []
    return sorted({g.name for g in grants if g.what == "power" and in_force(g, today)})


def expiring(items: list[Held], today: date, days: int) -> list[Held]:
    """Items in force whose expiry falls within `days` from today (alert before it lapses), and
    those already lapsed (alert now): the earliest first."""
    limit = today + timedelta(days=days)
    due = [i for i in items if i.expires_on is not None and i.withdrawn_on is None and i.expires_on <= limit]
    return sorted(due, key=lambda i: (i.expires_on, i.what, i.name))
