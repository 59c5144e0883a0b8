"""Survey results and the data pack (HTML with print CSS, and PDF)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from watchkeeper.core import audit
from watchkeeper.core.access import allowed
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of, page
from watchkeeper.intel import charts, pack, surveys
from watchkeeper.intel.services import surveys as survey_services
from watchkeeper.intel.views import filters_context, scoped


@page("intel.view")
def survey_page(request):
    scope, error = scoped(request)
    context = {"error": error, **filters_context(request, scope), "can_import": allowed(request.user, "intel.import")}
    status = 200
    if request.method == "POST" and scope is not None and context["can_import"]:
        upload = request.FILES.get("survey")
        if upload is None:
            context["error"], status = "Choose a survey CSV to upload.", 400
        else:
            try:
                rows, bad = surveys.read_survey_csv(upload.read().decode("utf-8", "replace"), upload.name)
                new = survey_services.import_survey(actor_of(request), scope.partnership, rows, upload.name)
                context["imported"] = {"rows": len(rows), "new": new, "bad": bad[:50]}
            except surveys.SurveyFileError as exc:
                context["error"], status = f"Nothing imported. {exc}", 400
    if scope is not None:
        question = request.GET.get("question") or None
        result = surveys.results(request.user, scope.partnership, question)
        if question is None and result["questions"]:
            question = result["questions"][0]
            result["points"] = [p for p in result["points"] if p["question"] == question]
        context.update(
            result=result,
            question=question,
            chart=charts.survey(result["points"], question or "") if result["points"] else None,
        )
    return render(request, "intel/surveys.html", context, status=status)


@page("intel.view")
def pack_page(request):
    scope, error = scoped(request)
    if scope is None:
        return render(request, "intel/pack.html", {"error": error}, status=400)
    data = pack.build(request.user, scope)
    audit.record(
        actor_of(request),
        AuditEntry.Kind.EXPORT,
        ("intel.pack", scope.partnership.slug),
        fields=["crime", "targets", "survey"],
        summary=f"Data pack ({scope.query()})",
    )
    if request.GET.get("format") == "pdf":
        from watchkeeper.intel import pdf

        if not pdf.available():
            return HttpResponse(
                "PDF output needs fpdf2, which is not installed.", status=501, content_type="text/plain"
            )
        response = HttpResponse(pdf.render(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="data-pack-{scope.start:%Y-%m}-{scope.end:%Y-%m}.pdf"'
        return response
    return render(
        request,
        "intel/pack.html",
        {"pack": data, "scope": scope, "query": scope.query(), **filters_context(request, scope)},
    )


__all__ = ["pack_page", "survey_page"]
