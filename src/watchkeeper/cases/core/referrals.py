"""The control room's "resolution without deployment" referral to a partner agency becomes a
case (the `referral_hooks` extension point). Called by the outbox worker, at least once: the
unique (incident, agency) constraint makes a repeat call find the case already opened."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Case, Kind, Link
from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, Restriction

SYSTEM = Actor(None, source="referral")


def open_referred_case(incident, agency) -> Case | None:
    found = Case.objects.filter(source_incident=incident, owner_agency=agency).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            case = Case.objects.create(
                partnership=incident.partnership,
                district=incident.district,
                kind=Kind.ASB,
                reference=f"ref-{incident.pk}-{agency.pk}",
                title=f"Referral from the control room: {incident.reference}",
                owner_agency=agency,
                restriction=Restriction.AGENCIES,
                opened_at=timezone.now(),
                source_incident=incident,
            )
            case.reference = f"ASB-{case.opened_at:%Y}-{case.pk:06d}"
            case.save(update_fields=["reference"])
            Link.objects.create(case=case, kind=Link.Kind.INCIDENT, incident=incident, linked_at=case.opened_at)
            timeline.append(case, SYSTEM, "opened", kind="asb", referral=incident.reference)
            audit.record(SYSTEM, AuditEntry.Kind.CREATE, case, fields=["source_incident"], summary=case.reference)
    except IntegrityError:  # another worker opened it between our look and our insert
        return Case.objects.get(source_incident=incident, owner_agency=agency)
    return case
