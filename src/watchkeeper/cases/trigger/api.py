"""Community Trigger API: eligibility, applications, contacts, steps, annual statistics."""

import datetime

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from watchkeeper.api import operation
from watchkeeper.cases.core.queries import visible_in_case
from watchkeeper.cases.core.schemas import Created
from watchkeeper.cases.trigger import services as trigger_services
from watchkeeper.cases.trigger.models import Review
from watchkeeper.core.errors import Invalid
from watchkeeper.core.input import PK, Id, PastDate, StrictSchema, id_or_none
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.web import actor_of

router = Router(tags=["asb"])


class ApplyIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    applicant: Id
    applied_on: PastDate
    summary: str = Field("", max_length=5000)


class ContactIn(StrictSchema):
    what: str = Field(..., pattern="^(told|invited)$")
    on: PastDate
    accepted: bool | None = None


class StepIn(StrictSchema):
    step: str = Field(..., pattern="^(decided|review|recommended|appeal|closed)$")
    on: PastDate
    text: str = Field("", max_length=5000)
    met: bool | None = None


class Eligibility(Schema):
    qualifying: int
    threshold: int
    met: bool


class Statistics(Schema):
    year: int
    applications: int
    threshold_not_met: int
    reviews_held: int
    with_recommendations: int
    appeals: int


class ReviewRow(Schema):
    id: int
    case_id: int
    step: str
    qualifying: int
    threshold_met: bool | None
    decision_due: datetime.date
    review_due: datetime.date
    appeal_due: datetime.date | None


@router.get("/case-reviews/eligibility", response=Eligibility, summary="Does a person meet the threshold today?")
@operation("trigger.manage")
def eligibility(request, person: str):
    person_id = id_or_none(person)
    if person_id is None:
        raise Invalid("Give a person id.")
    return trigger_services.eligibility(request.auth, person_id, timezone.localdate())


@router.get("/case-reviews/statistics", response=Statistics, summary="The published annual figures")
@operation("case.report")
def statistics(request, year: int = Query(..., ge=2014, le=2100)):
    return trigger_services.annual_statistics(request.auth, year)


@router.post("/case-reviews", response={201: ReviewRow}, summary="Record an application for a case review")
@operation("trigger.manage")
def apply(request, body: ApplyIn):
    partnership = member_partnership(request.auth, body.partnership)
    return 201, trigger_services.apply(actor_of(request), partnership, body.applicant, body.applied_on, body.summary)


@router.post("/case-reviews/{review_id}/contact", response=Created, summary="Victim told of the right / invited")
@operation("trigger.manage")
def contact(request, body: ContactIn, review_id: int = PK):
    review = visible_in_case(Review, request.auth, review_id)
    trigger_services.record_contact(actor_of(request), review, body.what, body.on, body.accepted)
    return {"id": review.pk}


@router.post("/case-reviews/{review_id}/steps", response=ReviewRow, summary="Decision, review, recommendations, appeal")
@operation("trigger.manage")
def step(request, body: StepIn, review_id: int = PK):
    review = visible_in_case(Review, request.auth, review_id)
    return trigger_services.advance(actor_of(request), review, body.step, body.on, body.text, body.met)


__all__ = ["router"]
