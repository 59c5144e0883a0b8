"""Every disclosure is recorded against its recipient, reason and sharing agreement, in the
sharing app's disclosure record (sharing.disclosures), inside the releasing transaction."""

from __future__ import annotations

from watchkeeper.core.audit import Actor
from watchkeeper.sharing import disclosures


def record_disclosure(
    actor: Actor, request, source, recipient: str, method: str = "secure_link", description: str = ""
):
    """Record that `source` (an exhibit) went to `recipient` for `request`. The sharing app refuses
    (Invalid) a recipient agency covered by an agreement when the request names none, so nothing
    is released without the agreement it relies on."""
    organisation = request.organisation or ("Data subject" if request.kind == request.Kind.SUBJECT else "")
    return disclosures.record(
        actor,
        source,
        purpose=f"{request.get_kind_display()} request {request.reference}: {request.lawful_basis}"[:2000],
        lawful_basis=request.disclosure_basis,
        method=method,
        recipient_agency=request.recipient_agency,
        recipient_name=recipient[:200],
        recipient_organisation=organisation[:200],
        agreement=request.agreement,
        reference=request.reference,
        description=description or f"CCTV evidence package, exhibit #{source.pk}",
    )
