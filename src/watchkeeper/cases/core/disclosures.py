"""Sharing record (deliverable 8): a case disclosed to another agency is recorded through the
sharing app's disclosure record, against the agreement and purpose it relies on, and the case's
timeline says so. One transaction: both or neither."""

from __future__ import annotations

from django.db import transaction

from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Case
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import Agency


@transaction.atomic
def disclose(
    actor: Actor,
    case: Case,
    recipient_agency_id: int,
    purpose: str,
    lawful_basis: str,
    method: str,
    agreement_id: int | None = None,
    recipient_name: str = "",
    reference: str = "",
):
    from watchkeeper.sharing import disclosures
    from watchkeeper.sharing.models import SharingAgreement

    require(actor.user, "case.edit", case)
    agency = Agency.objects.filter(pk=recipient_agency_id, partnerships=case.partnership).first()
    if agency is None:
        raise Invalid("Disclose to an agency of the case's partnership.")
    agreement = None
    if agreement_id is not None:
        agreement = SharingAgreement.objects.filter(pk=agreement_id, partnership=case.partnership).first()
        if agreement is None:
            raise Invalid(f"No sharing agreement {agreement_id} in the case's partnership.")
    disclosure = disclosures.record(
        actor,
        case,
        purpose=purpose,
        lawful_basis=lawful_basis,
        method=method,
        recipient_agency=agency,
        recipient_name=recipient_name,
        agreement=agreement,
        reference=reference,
        description=f"Case {case.reference}",
    )
    timeline.append(case, actor, "disclosed", agency=agency.slug, disclosure=disclosure.pk, agreement=agreement_id)
    return disclosure
