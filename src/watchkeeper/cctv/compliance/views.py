"""Compliance page: the 12-principle self-assessment (the annual review report) and spot checks."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from ninja import Field

from watchkeeper.cctv.compliance import queries, report
from watchkeeper.cctv.compliance.models import SpotCheck
from watchkeeper.cctv.compliance.rules import PRINCIPLES
from watchkeeper.cctv.scope import placed
from watchkeeper.core import audit
from watchkeeper.core.access import allowed, get_visible_or_404, require, visible
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.input import StrictSchema, id_or_none, parse
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of, page


class SpotCheckIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    district: str | None = Field(None, max_length=20)
    inspector: str = Field(..., min_length=1, max_length=120)
    checked_on: date
    principle: int = Field(..., ge=1, le=12)
    findings: str = Field(..., min_length=1, max_length=5000)
    action: str = Field("", max_length=5000)


def record_spot_check(actor, body: SpotCheckIn) -> SpotCheck:
    """A CCTV Inspector's spot check with findings and any follow-up action."""
    require(actor.user, "cctv.compliance.record")
    home, where = placed(actor.user, body.partnership, body.district)
    with transaction.atomic():
        check = SpotCheck.objects.create(
            partnership=home,
            district=where,
            inspector=body.inspector,
            checked_on=body.checked_on,
            principle=body.principle,
            findings=body.findings,
            action=body.action,
            recorded_by=actor.user,
        )
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            check,
            fields=["findings"],
            summary=f"Spot check on principle {body.principle}",
        )
    return check


def close_action(actor, check: SpotCheck, done_on: date) -> SpotCheck:
    """The follow-up action of a spot check is done."""
    require(actor.user, "cctv.compliance.record", check)
    with transaction.atomic():
        check = SpotCheck.objects.select_for_update().get(pk=check.pk)
        if not check.action or check.action_done_on:
            raise Conflict("That spot check has no open follow-up action.")
        if done_on < check.checked_on:
            raise Invalid("An action cannot be done before the spot check that asked for it.")
        check.action_done_on = done_on
        check.save(update_fields=["action_done_on"])
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            check,
            fields=["action_done_on"],
            summary=f"Spot check #{check.pk} action done",
        )
    return check


@page("cctv.compliance.view")
def compliance_page(request):
    if request.method == "POST":
        if request.POST.get("form") == "done":
            check = get_visible_or_404(
                SpotCheck, request.user, "No such spot check.", pk=id_or_none(request.POST.get("check"))
            )
            close_action(actor_of(request), check, date.today())
        else:
            record_spot_check(actor_of(request), parse(SpotCheckIn, request.POST))
        return redirect("cctv:compliance")
    context = {
        "rows": queries.self_assessment(request.user),
        "checks": visible(SpotCheck, request.user)[:200],
        "can_record": allowed(request.user, "cctv.compliance.record"),
        "principles": PRINCIPLES,
        "partnerships": request.user.agency.partnerships.all() if request.user.agency_id else [],
        "year": date.today().year,
    }
    return render(request, "cctv/compliance.html", context)


@page("cctv.compliance.view")
def review_pdf(request):
    """The annual review report as a PDF (?year=YYYY, this year by default); the export is audited."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        raise Invalid("Give the year as four digits.") from None
    if not 2000 <= year <= this_year:
        raise Invalid(f"The review year runs from 2000 to {this_year}.")
    pdf = report.render(report.gather(request.user, year))
    with transaction.atomic():
        audit.record(
            actor_of(request),
            AuditEntry.Kind.EXPORT,
            ("cctv.compliance", str(year)),
            summary=f"CCTV annual review {year} (PDF)",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="cctv-annual-review-{year}.pdf"'
    return response
