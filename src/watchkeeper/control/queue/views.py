"""The incident list page (paged, sorted, filtered, searched) and the user's saved views."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render

from watchkeeper.control.models import IncidentCategory, SavedIncidentView
from watchkeeper.control.queue import queries, rules
from watchkeeper.control.services.common import active_grades
from watchkeeper.core import audit
from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.errors import Invalid, NotFound
from watchkeeper.core.input import parse
from watchkeeper.core.models import AuditEntry, Ward
from watchkeeper.core.web import actor_of, page

FILTER_KEYS = ("status", "grade", "category", "ward", "period", "q", "sort")


def _query_string(query: rules.QueueQuery, **changes) -> str:
    values = {k: getattr(query, k) for k in FILTER_KEYS}
    values.update(changes)
    defaults = rules.QueueQuery()
    return urlencode({k: v for k, v in values.items() if v not in (None, "") and v != getattr(defaults, k, None)})


@page("incident.view")
def incidents(request):
    query = rules.cleaned(parse(rules.QueueQuery, request.GET))
    found, by_phone = queries.incident_page(request.user, query)
    if by_phone:
        audit.record(
            actor_of(request),
            AuditEntry.Kind.READ,
            None,
            fields=["caller_phone"],
            summary=f"Incident list searched by a caller's phone ({found.paginator.count} found)",
        )
    base = _query_string(query)
    context = {
        "page": found,
        "query": query,
        "base": base,
        "sorts": list(rules.SORTS),
        "periods": list(rules.PERIODS),
        "statuses": rules.STATUSES,
        "grades": active_grades(),
        "categories": IncidentCategory.objects.filter(active=True),
        "wards": Ward.objects.filter(district__partnership_id__in=request.user.partnership_ids()).order_by("name"),
        "saved": SavedIncidentView.objects.visible_to(request.user),
        "sort_links": {s: _query_string(query, sort=s) for s in rules.SORTS},
        "previous_link": _query_string(query) + f"&page={found.number - 1}" if found.has_previous() else "",
        "next_link": _query_string(query) + f"&page={found.number + 1}" if found.has_next() else "",
    }
    return render(request, "control/incidents.html", context)


@page("incident.view")
def save_view(request):
    """Save the current filters under a name (POST), or delete a saved view (POST with delete)."""
    if request.method != "POST":
        return redirect("control:incidents")
    actor = actor_of(request)
    try:
        body = parse(rules.SavedViewIn, request.POST)
        if not body.delete and not body.name.strip():
            raise Invalid("Give the saved view a name.")
        with transaction.atomic():
            if body.delete:
                found = get_visible_or_404(SavedIncidentView, request.user, "No such saved view.", pk=body.delete)
                audit.record(actor, AuditEntry.Kind.DELETE, found, fields=["name"], summary=f"Saved view {found.name}")
                found.delete()
                messages.success(request, f"Saved view {found.name} deleted.")
                return redirect("control:incidents")
            made = SavedIncidentView.objects.create(user=request.user, name=body.name.strip(), query=body.query)
            audit.record(
                actor, AuditEntry.Kind.CREATE, made, fields=["name", "query"], summary=f"Saved view {made.name}"
            )
    except IntegrityError:
        messages.error(request, "You already have a saved view with that name.")
        return redirect("control:incidents")
    except (Invalid, NotFound) as exc:
        messages.error(request, exc.message)
        return redirect("control:incidents")
    messages.success(request, f"Saved view {made.name} saved.")
    return redirect(f"/control/incidents/?{made.query}")
