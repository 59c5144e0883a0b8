"""Case reads shared by pages and the API: one visible-case lookup (404 for a case that does not
exist and for one the reader may not see: the two look the same), and the detail with its notes
narrowed by each note's own restriction."""

from __future__ import annotations

from watchkeeper.cases.core.models import Action, Case, Document, Note
from watchkeeper.core.errors import NotFound
from watchkeeper.core.input import id_or_none
from watchkeeper.core.visibility import visible, visible_get


def visible_case(user, case_id) -> Case:
    found = visible_get(Case.objects.all(), user, pk=case_id) if id_or_none(case_id) else None
    if found is None:
        raise NotFound(f"No case {case_id} that you can see.")
    return found


def visible_in_case(model, user, pk):
    found = visible_get(model.objects.all(), user, pk=pk) if id_or_none(pk) else None
    if found is None:
        raise NotFound(f"No {model._meta.verbose_name} {pk} that you can see.")
    return found


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
