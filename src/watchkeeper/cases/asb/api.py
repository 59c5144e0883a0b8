"""ASB API: complaints, repeat check, vulnerability matrix, legal steps, the PSPO register."""

from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.cases.asb import queries as asb_queries
from watchkeeper.cases.asb import services as asb_services
from watchkeeper.cases.asb.models import Pspo
from watchkeeper.cases.asb.schemas import ComplaintIn, PspoIn, PspoRow, RepeatRow, StepIn, StepRow, VulnerabilityIn
from watchkeeper.cases.core.queries import visible_case
from watchkeeper.cases.core.schemas import Created
from watchkeeper.core.input import PK, id_or_none
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.web import actor_of

router = Router(tags=["asb"])


@router.post("/cases/{case_id}/complaints", response={201: Created}, summary="Record a complaint on an ASB case")
@operation("asb.manage")
def complaint(request, body: ComplaintIn, case_id: int = PK):
    case = visible_case(request.auth, case_id)
    found = asb_services.record_complaint(actor_of(request), case, **body.service_fields())
    return 201, {"id": found.pk}


@router.get("/asb/repeats", response=RepeatRow, summary="Repeat reports about a person or place, across agencies")
@operation("asb.manage")
def repeats(request, person: str = "", place: str = ""):
    return asb_queries.repeats(request.auth, id_or_none(person), id_or_none(place))


@router.post("/cases/{case_id}/vulnerability", response={201: Created}, summary="Victim vulnerability matrix")
@operation("asb.manage")
def vulnerability(request, body: VulnerabilityIn, case_id: int = PK):
    case = visible_case(request.auth, case_id)
    found = asb_services.assess_vulnerability(actor_of(request), case, body.answers)
    return 201, {"id": found.pk, "reference": found.level}


def _take(request, body: StepIn, case_id: int):
    case = visible_case(request.auth, case_id)
    return 201, asb_services.take_step(actor_of(request), case, **body.service_fields())


@router.post("/cases/{case_id}/legal-steps", response={201: StepRow}, summary="Take a 2014 Act step")
@operation("asb.manage")
def legal_step(request, body: StepIn, case_id: int = PK):
    return _take(request, body, case_id)


@listing(router, "/asb/pspos", PspoRow, "case.view", "The PSPO register")
def pspos(request):
    return Pspo.objects.visible_to(request.auth)


@router.post("/asb/pspos", response={201: Created}, summary="Add a PSPO to the register")
@operation("asb.manage")
def add_pspo(request, body: PspoIn):
    partnership = member_partnership(request.auth, body.partnership)
    found = asb_services.create_pspo(
        actor_of(request), partnership, body.name, body.area, body.conditions, body.made_on, body.expires_on
    )
    return 201, {"id": found.pk}


__all__ = ["router"]
