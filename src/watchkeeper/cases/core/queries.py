"""Case reads shared by pages and the API: one visible-case lookup (404 for a case that does not
exist and for one the reader may not see: the two look the same), and the detail with its notes
narrowed by each note's own restriction."""

from __future__ import annotations

from watchkeeper.cases.core.models import Action, Case, Document, Note
from watchkeeper.core.input import id_or_none
from watchkeeper.core.visibility import get_visible_or_404, visible


def visible_case(user, case_id) -> Case:
    return get_visible_or_404(Case, user, f"No case {case_id} that you can see.", pk=id_or_none(case_id))


def visible_in_case(model, user, pk):
    return get_visible_or_404(model, user, f"No {model._meta.verbose_name} {pk} that you can see.", pk=id_or_none(pk))


def detail(user, case: Case) -> dict:
    return {
        **{
            f: getattr(case, f) for f in ("id", "reference", "kind", "title", "stage", "risk", "consent", "restriction")
        },
        **{
            f: getattr(case, f)
            for f in ("owner_agency_id", "officer_id", "opened_at", "closed_at", "summary", "consent_by", "consent_on")
        },
        "outcome": case.outcome,
        "parties": list(case.parties.all()),
        "actions": list(Action.objects.filter(case=case)),
        "notes": list(visible(Note, user).filter(case=case)),
        "documents": list(Document.objects.filter(case=case)),
        "timeline": list(case.events.all()),
    }
