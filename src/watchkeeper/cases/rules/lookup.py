"""`rule(name, on=date)`: the value in force on a date (the row with the latest effective_from on
or before it). A rule with no row in force is refused, never guessed."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from watchkeeper.core.errors import Invalid


def _day(on: date | datetime | None) -> date:
    if on is None:
        return timezone.localdate()
    if isinstance(on, datetime):
        return timezone.localtime(on).date() if timezone.is_aware(on) else on.date()
    return on


def rule(name: str, on: date | datetime | None = None):
    from watchkeeper.cases.rules.models import Rule

    on = _day(on)
    found = Rule.objects.filter(name=name, effective_from__lte=on).order_by("-effective_from").first()
    if found is None:
        raise Invalid(f"No rule {name!r} in force on {on.isoformat()}: an administrator must add one.")
    return found.value


def rules(*names: str, on=None) -> dict:
    """Several rules in force on one date, in one query (a check reading four rules asks once)."""
    from watchkeeper.cases.rules.models import Rule

    on = _day(on)
    found = {}
    for name, value in (
        Rule.objects.filter(name__in=names, effective_from__lte=on)
        .order_by("name", "-effective_from")
        .values_list("name", "value")
    ):
        found.setdefault(name, value)  # newest first within each name: the one in force
    missing = [name for name in names if name not in found]
    if missing:
        raise Invalid(f"No rule {missing[0]!r} in force on {on.isoformat()}: an administrator must add one.")
    return found
