"""Reads about officers: their dated grants as rule inputs, and the powers they may use today."""

from __future__ import annotations

from datetime import date

from watchkeeper.core.access import get_visible_or_404
from watchkeeper.patrol.officers import rules
from watchkeeper.patrol.officers.models import Accreditation, Officer, Power


def sia_of(officer: Officer) -> rules.Held:
    return rules.Held("sia", officer.sia_licence, officer.sia_expires)


def held(officer: Officer) -> list[rules.Held]:
    """Everything dated the officer holds: licence, powers, vetting, training."""
    items = [sia_of(officer)]
    for a in officer.accreditations.select_related("power"):
        items.append(rules.Held("power", a.power.code, a.expires_on, a.granted_on, a.withdrawn_on))
    items += [rules.Held("vetting", v.level, v.expires_on, v.cleared_on) for v in officer.vettings.all()]
    items += [rules.Held("training", t.course, t.expires_on, t.completed_on) for t in officer.trainings.all()]
    return items


def usable_powers(officer: Officer, today: date) -> list[Power]:
    """The powers to offer the officer today (only those held and in force)."""
    grants = [
        rules.Held("power", a.power.code, a.expires_on, a.granted_on, a.withdrawn_on)
        for a in Accreditation.objects.filter(officer=officer).select_related("power")
    ]
    codes = rules.usable_powers(grants, sia_of(officer), today)
    return list(Power.objects.filter(code__in=codes))


def officer_for(user) -> Officer:
    """The signed-in user's own officer record."""
    return get_visible_or_404(
        Officer.objects.select_related("contract"),
        user,
        "You are not registered as an officer on a patrol contract.",
        user=user,
        active=True,
    )
