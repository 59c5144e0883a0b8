"""Surveys API: survey shares per ward, question and quarter."""

from ninja import Query, Router
from ninja.pagination import paginate

from watchkeeper.api import Paged, operation
from watchkeeper.intel.crime.scope import api_scope
from watchkeeper.intel.schemas import ScopeQuery
from watchkeeper.intel.surveys import queries as surveys
from watchkeeper.intel.surveys.schemas import SurveyRow

router = Router(tags=["intel"])


@router.get("/intel/surveys", response=list[SurveyRow], summary="Survey shares per ward, question and quarter")
@operation("intel.view")
@paginate(Paged)
def survey_results(request, filters: Query[ScopeQuery], question: str | None = None):
    scope = api_scope(request, filters)
    return surveys.results(request.auth, scope.partnership, question)["points"]


__all__ = ["router"]
