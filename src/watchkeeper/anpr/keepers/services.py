"""Importing the DVLA's registered keepers (plate -> name and address): police roles only, all or
nothing, one audit entry naming the plates added or changed (never the names or addresses)."""

from __future__ import annotations

from django.db import transaction

from watchkeeper.anpr.keepers.rules import parse_keepers
from watchkeeper.anpr.ladder.models import Keeper
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Invalid
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry, Partnership

MAX_PROBLEMS = 50


def import_keepers(actor: Actor, partnership: Partnership, text: str, file_name: str) -> dict:
    require(actor.user, "anpr.keeper")
    require_member(actor.user, partnership)
    rows, problems = parse_keepers(text)
    if problems:
        more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
        raise Invalid(f"Nothing imported. {'; '.join(problems[:MAX_PROBLEMS])}{more}")
    with transaction.atomic():
        existing = {
            k.plate: k
            for k in Keeper.objects.select_for_update().filter(
                partnership=partnership, plate__in=[plate for plate, _, _ in rows]
            )
        }
        added, changed = [], []
        for plate, name, address in rows:
            keeper = existing.get(plate)
            if keeper is None:
                added.append(Keeper(partnership=partnership, plate=plate, name=name, address=address))
            elif (keeper.name, keeper.address) != (name, address):
                keeper.name, keeper.address = name, address
                changed.append(keeper)
        Keeper.objects.bulk_create(added, batch_size=1000)
        Keeper.objects.bulk_update(changed, ["name", "address"], batch_size=1000)
        plates = sorted(k.plate for k in [*added, *changed])
        record(
            actor,
            AuditEntry.Kind.CREATE,
            ("anpr.keeper", f"import:{file_name[:60]}"),
            fields=["plate", "name", "address"],
            summary=f"DVLA keepers from {file_name[:60]}: {len(added)} new, {len(changed)} changed: "
            + ", ".join(plates)[:200],
        )
    return {"keepers": len(rows), "new": len(added), "changed": len(changed)}
