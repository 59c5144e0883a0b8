"""MARAC API: DASH, referrals, IDVA assignment and caseloads, the SafeLives return (CSV)."""

import io

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from watchkeeper.api import operation
from watchkeeper.cases.core.queries import visible_case, visible_in_case
from watchkeeper.cases.core.schemas import Created
from watchkeeper.cases.marac import queries as marac_queries
from watchkeeper.cases.marac import services as marac_services
from watchkeeper.cases.marac import wording
from watchkeeper.cases.marac.models import Referral
from watchkeeper.core.input import PK, Id, PastDate, StrictSchema, csv_writer
from watchkeeper.core.web import actor_of

router = Router(tags=["marac"])


def _numbered(questions) -> str:
    return " ".join(f"({n}) {text}" for n, text in enumerate(questions, 1))


class DashIn(StrictSchema):
    form: str = Field("dash-24", max_length=30, description="dash-24 (SafeLives, scored) or dara (judgement).")
    version: int = Field(1, ge=1, le=100, description="The form version answered (GET /api/marac/forms/{form}).")
    answers: list[bool] = Field(
        ...,
        max_length=100,
        description=(
            "One yes (true) or no (false) per question, in the form's order. The wording in force is"
            " the form's record (GET /api/marac/forms/{form}); version 1 as seeded: DASH-24: "
            + _numbered(wording.DASH_24_V1)
            + " DARA: "
            + _numbered(wording.DARA_V1)
        ),
    )
    # DARA: the assessor's level from the answers; DASH-24: none (scored from the answers).
    level: str | None = Field(None, pattern="^(standard|medium|high)$")


class ReferralIn(StrictSchema):
    victim: Id
    route: str = Field(..., max_length=24)
    referred_on: PastDate
    level: str | None = Field(None, pattern="^(standard|medium|high)$")
    reason: str = Field("", max_length=500)
    incidents: int = Field(0, ge=0, le=1000)


class IdvaIn(StrictSchema):
    idva: Id


class ReferralRow(Schema):
    id: int
    case_id: int
    route: str
    level: str
    repeat: bool
    referred_on: str


class FormOut(Schema):
    name: str
    version: int
    title: str
    scored: bool
    questions: list[str]


class Caseload(Schema):
    idva: str
    open_cases: int


@router.post("/cases/{case_id}/dash", response={201: Created}, summary="Record a DASH-24 or DARA risk assessment")
@operation("marac.manage")
def dash(request, body: DashIn, case_id: int = PK):
    case = visible_case(request.auth, case_id)
    found = marac_services.assess_dash(actor_of(request), case, body.answers, body.form, body.version, body.level)
    return 201, {"id": found.pk, "reference": found.level}


@router.post("/cases/{case_id}/marac-referrals", response={201: ReferralRow}, summary="Refer to MARAC")
@operation("marac.manage")
def refer(request, body: ReferralIn, case_id: int = PK):
    case = visible_case(request.auth, case_id)
    r = marac_services.refer(
        actor_of(request), case, body.victim, body.route, body.referred_on, body.level, body.reason, body.incidents
    )
    return 201, {
        "id": r.pk,
        "case_id": case.pk,
        "route": r.route,
        "level": r.level,
        "repeat": r.repeat,
        "referred_on": r.referred_on.isoformat(),
    }


@router.post("/marac-referrals/{referral_id}/idva", response=Created, summary="Assign an IDVA")
@operation("marac.manage")
def idva(request, body: IdvaIn, referral_id: int = PK):
    referral = visible_in_case(Referral, request.auth, referral_id)
    marac_services.assign_idva(actor_of(request), referral, body.idva)
    return {"id": referral.pk}


@router.get("/marac/caseloads", response=list[Caseload], summary="Open MARAC cases per IDVA")
@operation("idva.caseload")
def caseloads(request):
    return marac_queries.idva_caseloads(request.auth)


@router.get("/marac/forms/{name}", response=FormOut, summary="A risk assessment form's questions, with their wording")
@operation("marac.manage")
def form(request, name: str, version: int | None = Query(None, ge=1, le=100)):
    """The version in force today, or the version asked for (old assessments keep theirs)."""
    found = marac_queries.assessment_form(name[:30], version)
    return {
        "name": found.name,
        "version": found.version,
        "title": found.title,
        "scored": found.scored,
        "questions": list(found.wording),
    }


@router.get("/marac/safelives.csv", summary="SafeLives MARAC data return (CSV)", response={200: None})
@operation("marac.manage")
def safelives(request, start: PastDate, end: PastDate):
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(marac_services.SAFELIVES_COLUMNS)
    for row in marac_services.safelives_rows(request.auth, start, end):
        writer.writerow(row)
    response = HttpResponse(out.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="safelives-marac.csv"'
    return response


__all__ = ["router"]
