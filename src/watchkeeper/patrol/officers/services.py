"""Changes to officers: granting a power, and the daily expiry scan that alerts before a licence,
accreditation, vetting or training lapses (through the outbox)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from watchkeeper import outbox
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.models import AuditEntry
from watchkeeper.patrol.contract.queries import rules_on
from watchkeeper.patrol.officers import queries, rules
from watchkeeper.patrol.officers.models import Accreditation, Officer, Power


def grant_power(actor: Actor, officer: Officer, power: Power, granted_on: date, expires_on: date) -> Accreditation:
    """Record a power the chief constable granted this officer under CSAS, with its expiry."""
    require(actor.user, "patrol.manage", officer)
    if expires_on <= granted_on:
        raise Invalid("The accreditation must expire after it is granted.")
    with transaction.atomic():
        Officer.objects.select_for_update().get(pk=officer.pk)
        if Accreditation.objects.filter(officer=officer, power=power, granted_on=granted_on).exists():
            raise Conflict(f"{officer} already has {power} granted on {granted_on}.")
        grant = Accreditation.objects.create(officer=officer, power=power, granted_on=granted_on, expires_on=expires_on)
        record(
            actor,
            AuditEntry.Kind.CREATE,
            grant,
            fields=["power", "granted_on", "expires_on"],
            summary=f"{power.label} granted to {officer} until {expires_on}",
        )
    return grant


def alert_key(officer: Officer, item: rules.Held) -> str:
    # One alert per item and expiry date: a renewed grant (new date) is alerted again in its turn.
    return f"patrol-expiry:{officer.pk}:{item.what}:{item.name}:{item.expires_on}"


def scan_expiries(actor: Actor, today: date) -> int:
    """Queue an alert for every officer item lapsing within the rules' window (or lapsed).
    Idempotent: the outbox keeps one message per key, so a second scan the same day adds nothing."""
    window = rules_on(today).expiry_alert_days
    queued = 0
    with transaction.atomic():
        for officer in Officer.objects.filter(active=True).select_related("contract"):
            for item in rules.expiring(queries.held(officer), today, window):
                outbox.enqueue(
                    "patrol.expiry_alert",
                    {
                        "officer": officer.pk,
                        "contract": officer.contract_id,
                        "what": item.what,
                        "name": item.name,
                        "expires_on": item.expires_on.isoformat(),
                    },
                    key=alert_key(officer, item),
                )
                queued += 1
        record(actor, AuditEntry.Kind.UPDATE, None, summary=f"Patrol expiry scan on {today}: {queued} due")
    return queued
