"""The auditor's viewer: filter entries and export them as CSV (the export is itself audited)."""

from __future__ import annotations

import csv
from datetime import datetime

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from watchkeeper.core import audit
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.visibility import visible
from watchkeeper.core.web import actor_of, page

FILTERS = ("actor", "kind", "object_type", "object_id", "start", "end")


def _parse_day(text: str):
    try:
        return timezone.make_aware(datetime.strptime(text, "%Y-%m-%d"))
    except ValueError:
        return None


def filtered(params, user) -> tuple[object, list[str]]:
    """Entries the user may see (core.visibility: their partnerships' entries), filtered."""
    qs = visible(AuditEntry, user).order_by("-seq")
    problems = []
    if params.get("actor"):
        qs = qs.filter(actor_label__iexact=params["actor"].strip())
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    if params.get("object_type"):
        qs = qs.filter(object_type=params["object_type"].strip().lower())
    if params.get("object_id"):
        qs = qs.filter(object_id=params["object_id"].strip())
    for key, op in (("start", "gte"), ("end", "lt")):
        if params.get(key):
            day = _parse_day(params[key])
            if day is None:
                problems.append(f"{key} must be a date like 2026-11-22")
            else:
                qs = qs.filter(**{f"at__{op}": day})
    return qs, problems


@page("audit.view")
def audit_list(request):
    qs, problems = filtered(request.GET, request.user)
    listing = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={request.GET[k]}" for k in FILTERS if request.GET.get(k))
    return render(
        request,
        "core/audit.html",
        {
            "listing": listing,
            "problems": problems,
            "kinds": AuditEntry.Kind.choices,
            "params": {k: request.GET.get(k, "") for k in FILTERS},
            "query": query,
        },
        status=400 if problems else 200,
    )


class _Echo:
    def write(self, value):
        return value


@page("audit.export")
def audit_csv(request):
    qs, problems = filtered(request.GET, request.user)
    if problems:
        return render(request, "core/audit.html", {"listing": None, "problems": problems}, status=400)
    audit.record(
        actor_of(request),
        AuditEntry.Kind.EXPORT,
        ("core.auditentry", ""),
        summary=f"exported audit entries with filters {dict(request.GET.items())}",
    )
    writer = csv.writer(_Echo())
    header = ["seq", "at", "actor", "kind", "object_type", "object_id", "fields", "summary", "reason", "source", "hash"]

    def rows():
        yield writer.writerow(header)
        for e in qs.order_by("seq").iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    e.seq,
                    e.at.isoformat(),
                    e.actor_label,
                    e.kind,
                    e.object_type,
                    e.object_id,
                    " ".join(e.fields),
                    e.summary,
                    e.reason,
                    e.source,
                    e.hash,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="watchkeeper-audit.csv"'
    return response
