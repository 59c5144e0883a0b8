"""The survey page: results per ward and question, and the survey CSV upload."""

from __future__ import annotations

from django.shortcuts import render

from watchkeeper.core.access import allowed
from watchkeeper.core.web import actor_of, page
from watchkeeper.intel import charts
from watchkeeper.intel.crime.scope import filters_context, page_scope
from watchkeeper.intel.surveys import parsing, queries
from watchkeeper.intel.surveys import services as survey_services


@page("intel.view")
def survey_page(request):
    scope, error = page_scope(request)
    context = {"error": error, **filters_context(request, scope), "can_import": allowed(request.user, "intel.import")}
    status = 200
    if request.method == "POST" and scope is not None and context["can_import"]:
        upload = request.FILES.get("survey")
        if upload is None:
            context["error"], status = "Choose a survey CSV to upload.", 400
        else:
            try:
                rows, bad = parsing.read_survey_csv(upload.read().decode("utf-8", "replace"), upload.name)
                new = survey_services.import_survey(actor_of(request), scope.partnership, rows, upload.name)
                context["imported"] = {"rows": len(rows), "new": new, "bad": bad[:50]}
            except parsing.SurveyFileError as exc:
                context["error"], status = f"Nothing imported. {exc}", 400
    if scope is not None:
        question = request.GET.get("question") or None
        result = queries.results(request.user, scope.partnership, question)
        if question is None and result["questions"]:
            question = result["questions"][0]
            result["points"] = [p for p in result["points"] if p["question"] == question]
        context.update(
            result=result,
            question=question,
            chart=charts.survey(result["points"], question or "") if result["points"] else None,
        )
    return render(request, "intel/surveys.html", context, status=status)
