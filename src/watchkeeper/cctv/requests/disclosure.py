"""Every disclosure is recorded against its recipient, reason and sharing agreement. Until the
sharing app's disclosure record lands, the record is the audit entry written here."""

from __future__ import annotations

from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry


def record_disclosure(actor: Actor, request, recipient: str, what: str) -> None:
    """Call inside the releasing transaction."""
    audit.record(
        actor,
        AuditEntry.Kind.EXPORT,
        request,
        fields=["disclosure"],
        summary=f"Disclosed {what} for {request.reference} ({request.get_kind_display()})"[:300],
    )
