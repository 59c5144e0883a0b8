"""Disclosure record pages: the list (filter by agreement, recipient and period), its CSV export,
and a sharing agreement's page with the disclosures made under it. Every list of disclosures names
recipients (sometimes a data subject), so each view is audited."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from watchkeeper.core import audit
from watchkeeper.core.access import allowed, get_visible_or_404
from watchkeeper.core.input import csv_writer
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of, page
from watchkeeper.sharing.disclosures import queries
from watchkeeper.sharing.disclosures.forms import DisclosureFilterForm
from watchkeeper.sharing.models import SharingAgreement

SHOWN = 200


def _form(request) -> DisclosureFilterForm:
    # The agreements the user's visible disclosures relied on (not every agreement: that list is
    # the partner-data page's, for the roles that manage agreements).
    relied_on = queries.visible_disclosures(request.user).values("agreement")
    agreements = SharingAgreement.objects.visible_to(request.user).filter(pk__in=relied_on).order_by("reference")
    bound = any(request.GET.get(k) for k in ("agreement", "recipient", "start", "end"))
    return DisclosureFilterForm(request.GET if bound else None, agreements=agreements)


def _audit(request, kind: str, count: int, what: str) -> None:
    audit.record(
        actor_of(request),
        kind,
        ("sharing.disclosure", ""),
        fields=["recipient", "source_type", "source_id"],
        summary=f"{what}: {count} visible disclosures",
    )


@page("disclosure.view")
def disclosures_page(request):
    form = _form(request)
    invalid = form.is_bound and not form.is_valid()
    qs = queries.filtered(request.user, form.filters())
    count = 0 if invalid else qs.count()
    rows = [] if invalid else list(qs[:SHOWN])
    if not invalid:
        _audit(request, AuditEntry.Kind.SEARCH, count, "listed disclosures")
    context = {"form": form, "rows": rows, "count": count, "more": max(count - SHOWN, 0), "query": request.GET}
    return render(request, "sharing/disclosures.html", context, status=400 if invalid else 200)


@page("disclosure.view")
def disclosures_csv(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        problems = "; ".join(e for errors in form.errors.values() for e in errors)
        return HttpResponse(problems, status=400, content_type="text/plain")
    rows = list(queries.filtered(request.user, form.filters()))
    _audit(request, AuditEntry.Kind.EXPORT, len(rows), "exported disclosures as CSV")
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="disclosures.csv"'
    writer = csv_writer(response)
    writer.writerow(queries.CSV_HEADER)
    writer.writerows(queries.csv_row(d) for d in rows)
    return response


@page("agreement.view")
def agreement_page(request, pk: int):
    """One sharing agreement, and (for those who may read the record) the disclosures under it."""
    agreements = SharingAgreement.objects.select_related("partnership", "partner_agency")
    agreement = get_visible_or_404(agreements, request.user, "No such sharing agreement (or not yours).", pk=pk)
    rows, shows = [], allowed(request.user, "disclosure.view")
    if shows:
        rows = list(queries.for_agreement(request.user, agreement)[:SHOWN])
        _audit(request, AuditEntry.Kind.SEARCH, len(rows), f"disclosures under agreement {agreement.reference}")
    context = {"agreement": agreement, "rows": rows, "shows_disclosures": shows}
    return render(request, "sharing/agreement.html", context)


__all__ = ["agreement_page", "disclosures_csv", "disclosures_page"]
