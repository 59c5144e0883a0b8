"""Recording a disclosure: the one write of the disclosure record, for every app.

require (the action, and sight of the source record) -> validate (rules.problems) -> one
transaction {lock the agreement, write the disclosure, its audit entry}. The transaction nests as a
savepoint, so an app records the disclosure inside its own atomic block: when the app's change
rolls back, so does the disclosure; a refused disclosure (Invalid, Denied) writes nothing."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from watchkeeper.core.access import record_visible, require
from watchkeeper.core.audit import Actor
from watchkeeper.core.audit import record as audit
from watchkeeper.core.errors import Denied, Invalid
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry
from watchkeeper.sharing.disclosures import rules
from watchkeeper.sharing.disclosures.models import Disclosure, DisclosureBasis, Method
from watchkeeper.sharing.models import SharingAgreement

ACTION = "disclosure.record"


def _source(source) -> tuple[str, int, int, int | None]:
    """(label, pk, partnership id, district id) of the record disclosed."""
    meta = getattr(source, "_meta", None)
    pk = getattr(source, "pk", None)
    if meta is None or not isinstance(pk, int) or pk <= 0:
        raise Invalid("A disclosure names a saved record (with a whole-number id) as what was disclosed.")
    partnership_id = getattr(source, "partnership_id", None)
    if partnership_id is None:
        raise Invalid("The record disclosed belongs to no partnership.")
    return meta.label_lower, pk, partnership_id, getattr(source, "district_id", None)


def _agreement_facts(agreement: SharingAgreement | None, day) -> rules.Agreement | None:
    if agreement is None:
        return None
    return rules.Agreement(
        reference=agreement.reference,
        partnership_id=agreement.partnership_id,
        partner_agency_id=agreement.partner_agency_id,
        personal_data_allowed=agreement.personal_data_allowed,
        in_force=agreement.in_force(day),
    )


def record(
    actor: Actor,
    source,
    *,
    purpose: str,
    lawful_basis: str,
    method: str,
    recipient_agency=None,
    recipient_name: str = "",
    recipient_organisation: str = "",
    agreement: SharingAgreement | None = None,
    reference: str = "",
    description: str = "",
    disclosed_at: datetime | None = None,
    corrects: Disclosure | None = None,
) -> Disclosure:
    """Record that `source` (any partnership record) was disclosed to a recipient; returns the
    Disclosure. Invalid (400) for a missing or bad field or an agreement that does not fit, Denied
    (403) when the actor may not record disclosures or may not see `source`. Nothing is written
    when it refuses. Call it inside the transaction that makes the disclosure (it nests)."""
    label, source_id, partnership_id, district_id = _source(source)
    user = actor.user if getattr(actor.user, "pk", None) else None
    if user is not None:
        require(user, ACTION)
        require_member(user, source.partnership)
        if not record_visible(user, source):
            raise Denied("You may not see the record you are recording a disclosure of.")
    at = disclosed_at or timezone.now()
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    description = (description or f"{source._meta.verbose_name} {source_id}").strip()
    with transaction.atomic():
        if agreement is not None:  # re-read under a lock: the agreement as it stands now
            agreement = SharingAgreement.objects.select_for_update().filter(pk=agreement.pk).first()
            if agreement is None:
                raise Invalid("That sharing agreement does not exist.")
        if corrects is not None and (corrects.partnership_id != partnership_id or corrects.pk is None):
            raise Invalid("A correction names an earlier disclosure of the same partnership.")
        proposed = rules.Proposed(
            partnership_id=partnership_id,
            purpose=purpose or "",
            lawful_basis=lawful_basis or "",
            method=method or "",
            recipient_agency_id=getattr(recipient_agency, "pk", None),
            recipient_name=(recipient_name or "").strip(),
            recipient_organisation=(recipient_organisation or "").strip(),
            reference=(reference or "").strip(),
            description=description,
            day=timezone.localdate(at),
            today=timezone.localdate(),
            agreement=_agreement_facts(agreement, timezone.localdate(at)),
            agreement_agencies=frozenset(
                SharingAgreement.objects.filter(partnership_id=partnership_id, partner_agency__isnull=False)
                .values_list("partner_agency_id", flat=True)
                .distinct()
            ),
        )
        found = rules.problems(proposed, set(DisclosureBasis.values), set(Method.values))
        if found:
            raise Invalid(" ".join(found))
        disclosure = Disclosure.objects.create(
            partnership_id=partnership_id,
            district_id=district_id,
            source_type=label,
            source_id=source_id,
            description=description,
            recipient_agency=recipient_agency,
            recipient_name=proposed.recipient_name,
            recipient_organisation=proposed.recipient_organisation,
            purpose=purpose.strip(),
            lawful_basis=lawful_basis,
            agreement=agreement,
            method=method,
            reference=proposed.reference,
            disclosed_by=user,
            actor_label=actor.label,
            disclosed_at=at,
            corrects=corrects,
        )
        under = f"agreement {agreement.reference}" if agreement else disclosure.get_lawful_basis_display()
        audit(
            actor,
            AuditEntry.Kind.CREATE,
            disclosure,
            fields=["source_type", "source_id", "recipient", "purpose", "lawful_basis", "agreement", "method"],
            summary=f"Disclosed {label} {source_id} to {disclosure.recipient} by {disclosure.get_method_display()} "
            f"under {under}" + (f" (corrects disclosure {corrects.pk})" if corrects else ""),
        )
    return disclosure
