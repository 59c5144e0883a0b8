"""`rule(name, on=date)`: the value in force on a date (the row with the latest effective_from on
or before it). A rule with no row in force is refused, never guessed."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from watchkeeper.core.errors import Invalid


def rule(name: str, on: date | datetime | None = None):
    from watchkeeper.cases.rules.models import Rule

    if on is None:
        on = timezone.localdate()
    elif isinstance(on, datetime):
        on = timezone.localtime(on).date() if timezone.is_aware(on) else on.date()
    found = Rule.objects.filter(name=name, effective_from__lte=on).order_by("-effective_from").first()
    if found is None:
        raise Invalid(f"No rule {name!r} in force on {on.isoformat()}: an administrator must add one.")
    return found.value


def rules(*names: str, on=None) -> dict:
    return {name: rule(name, on) for name in names}
