"""Disclosure record API: the disclosures you may see (each inherits its source record's rule)."""

from ninja import Query, Router

from watchkeeper.api import listing
from watchkeeper.core import audit
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of
from watchkeeper.sharing.disclosures import queries
from watchkeeper.sharing.disclosures.schemas import DisclosureQuery, DisclosureRow

router = Router(tags=["sharing"])


@listing(router, "/sharing/disclosures", DisclosureRow, "disclosure.view", "Disclosures of personal data you may see")
def list_disclosures(request, filters: Query[DisclosureQuery]):
    if filters.start and filters.end and filters.end < filters.start:
        raise Invalid("end must be on or after start.")
    qs = queries.filtered(
        request.auth,
        queries.Filters(
            agreement=filters.agreement,
            recipient=(filters.recipient or "").strip(),
            start=filters.start,
            end=filters.end,
            source_type=filters.source_type or "",
            source_id=filters.source_id,
        ),
    )
    audit.record(
        actor_of(request),
        AuditEntry.Kind.SEARCH,
        ("sharing.disclosure", ""),
        fields=["recipient", "source_type", "source_id"],
        summary="listed disclosures through the API",
    )
    return qs


__all__ = ["router"]
