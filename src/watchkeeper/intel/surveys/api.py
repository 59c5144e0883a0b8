"""Surveys API: survey shares per ward, question and quarter."""

from ninja import Query, Router

from watchkeeper.api import listing
from watchkeeper.intel.crime.scope import api_scope
from watchkeeper.intel.schemas import ScopeQuery
from watchkeeper.intel.surveys import queries as surveys
from watchkeeper.intel.surveys.schemas import SurveyRow

router = Router(tags=["intel"])


@listing(router, "/intel/surveys", SurveyRow, "intel.view", "Survey shares per ward, question and quarter")
def survey_results(request, filters: Query[ScopeQuery], question: str | None = None):
    scope = api_scope(request, filters)
    return surveys.results(request.auth, scope.partnership, question)["points"]


__all__ = ["router"]
