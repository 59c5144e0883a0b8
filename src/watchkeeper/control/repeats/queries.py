"""Repeat locations and repeat callers, from the control-room incidents (issue 5: "repeat
locations and repeat victims and callers from the control-room and case data"; the case module
does not exist yet, so repeat victims are not here).

The queries read only incidents the user may see (Incident.visible_to) received in the period;
duplicates linked to a master and cancelled incidents are left out, because they are not separate
events. The grouping rules are pure, in control/repeats/rules.py.

A caller is personal data. Names and phone numbers are shown only to roles that may view people
(`person.view`) and only for callers they may see (Person.visible_to); every such read is
audited. Everyone else gets a stable pseudonym (rules.pseudonym).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from watchkeeper.control.models import Incident
from watchkeeper.control.repeats.rules import (
    DEFAULT_DAYS,
    DEFAULT_THRESHOLD,
    MAX_ROWS,
    Repeat,
    group_repeats,
    location_key,
    pseudonym,
)
from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Person


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
