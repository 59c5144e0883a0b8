"""Opening a shift and rostering officers."""

from __future__ import annotations

import hashlib
from datetime import date

from django.db import transaction

from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.models import AuditEntry
from watchkeeper.patrol.contract.models import Contract
from watchkeeper.patrol.officers.models import Officer
from watchkeeper.patrol.shifts import rules
from watchkeeper.patrol.shifts.models import RosterEntry, Shift


def default_seed(contract: Contract, service_date: date) -> int:
    digest = hashlib.sha256(f"{contract.pk}:{service_date.isoformat()}".encode()).hexdigest()
    return int(digest[:12], 16)


def open_shift(actor: Actor, contract: Contract, service_date: date, seed: int | None = None) -> Shift:
    """The shift for one service night, at the contract's configured hours."""
    require(actor.user, "patrol.manage", contract)
    if not contract.starts_on <= service_date <= contract.ends_on:
        raise Invalid(f"{service_date} is outside the contract ({contract.starts_on} to {contract.ends_on}).")
    starts_at, ends_at = rules.window(service_date, contract.shift_start, contract.shift_end)
    with transaction.atomic():
        Contract.objects.select_for_update().get(pk=contract.pk)
        if Shift.objects.filter(contract=contract, service_date=service_date).exists():
            raise Conflict(f"There is already a shift on {service_date}.")
        shift = Shift.objects.create(
            contract=contract,
            service_date=service_date,
            starts_at=starts_at,
            ends_at=ends_at,
            seed=seed if seed is not None else default_seed(contract, service_date),
        )
        record(actor, AuditEntry.Kind.CREATE, shift, fields=["service_date"], summary=f"Shift {shift}")
    return shift


def roster(actor: Actor, shift: Shift, officer: Officer, team: str) -> RosterEntry:
    require(actor.user, "patrol.manage", shift)
    if officer.contract_id != shift.contract_id or not officer.active:
        raise Invalid(f"{officer} is not an active officer on {shift.contract}.")
    if team not in RosterEntry.Team.values:
        raise Invalid(f"Unknown team {team!r}: foot or vehicle.")
    with transaction.atomic():
        entry, created = RosterEntry.objects.get_or_create(shift=shift, officer=officer, defaults={"team": team})
        if not created:
            raise Conflict(f"{officer} is already on this shift.")
        record(actor, AuditEntry.Kind.CREATE, entry, fields=["officer", "team"], summary=f"{officer} on {shift}")
    return entry
