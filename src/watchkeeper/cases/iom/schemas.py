"""IOM API input and rows: strict, bounded, dates not in the future where that matters."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema

from watchkeeper.core.input import Id, PastDate, PlanDate, StrictSchema


class JoinIn(StrictSchema):
    offender: Id
    cohort: str = Field(..., pattern="^(fixed|flex|free)$")
    reason: str = Field(..., min_length=1, max_length=300)
    joined_on: PastDate


class Pathway(StrictSchema):
    pathway: str = Field(..., min_length=1, max_length=60)
    intervention: str = Field(..., min_length=1, max_length=300)
    agency: str = Field("", max_length=120)


class PlanIn(StrictSchema):
    pathways: list[Pathway] = Field(..., min_length=1, max_length=20)
    agreed_on: PastDate
    review_on: PlanDate


class EngagementIn(StrictSchema):
    on: PastDate
    kind: str = Field(..., pattern="^(appointment|home_visit|intervention|contact)$")
    outcome: str = Field(..., pattern="^(engaged|missed|refused)$")
    note: str = Field("", max_length=500)


class LeaveIn(StrictSchema):
    left_on: PastDate
    reason: str = Field(..., min_length=1, max_length=300)


class CohortRow(Schema):
    id: int
    case_id: int
    case_reference: str
    offender_id: int
    cohort: str
    reason: str
    joined_on: date
    left_on: date | None
    engagement: str
    plan_review_on: date | None
    last_contact_on: date | None
    baseline: int
    since: int
    reoffended: bool
    harm_baseline: float
    harm_since: float
    harm_change_pct: float | None
