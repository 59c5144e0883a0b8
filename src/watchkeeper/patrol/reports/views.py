"""The contract report page, with PDF and CSV for the contract meeting."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from ninja import Field

from watchkeeper.core.input import Id, StrictSchema, parse
from watchkeeper.core.web import page
from watchkeeper.patrol.contract.models import Contract
from watchkeeper.patrol.reports import pdf
from watchkeeper.patrol.reports.queries import power_counts, report


class ReportQuery(StrictSchema):
    contract: Id | None = None
    month: str | None = Field(None, pattern=r"^20\d{2}-(0[1-9]|1[0-2])$")
    format: str | None = Field(None, pattern="^(html|pdf|csv)$")


def contract_and_month(user, params: ReportQuery):
    contracts = Contract.objects.visible_to(user)
    contract = contracts.filter(pk=params.contract).first() if params.contract else contracts.first()
    today = timezone.localdate()
    month = date.fromisoformat(f"{params.month}-01") if params.month else today.replace(day=1)
    return contract, month


@page("patrol.report")
def report_page(request):
    params = parse(ReportQuery, request.GET)
    contract, month = contract_and_month(request.user, params)
    figures = report(contract, month) if contract else []
    powers = power_counts(contract, month) if contract else []
    if contract and params.format == "pdf":
        response = HttpResponse(pdf.render_pdf(contract, month, figures, powers), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="patrol-report-{month:%Y-%m}.pdf"'
        return response
    if contract and params.format == "csv":
        response = HttpResponse(pdf.render_csv(figures, powers), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="patrol-report-{month:%Y-%m}.csv"'
        return response
    context = {
        "contract": contract,
        "month": month,
        "figures": figures,
        "powers": powers,
        "powers_note": pdf.POWERS_NOTE,
    }
    return render(request, "patrol/report.html", context)
