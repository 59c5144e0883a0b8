"""Rapid-deployment shapes for the pages and the API (no `from __future__ import annotations`:
ninja needs real types)."""

from datetime import date, datetime

from ninja import Field, Schema

from watchkeeper.core.input import StrictSchema


class BidIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    district: str | None = Field(None, max_length=20)
    location: str = Field(..., min_length=1, max_length=300)
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)
    justification: str = Field(..., min_length=1, max_length=5000)
    evidence: str = Field("", max_length=5000)
    case_reference: str = Field("", max_length=60)
    contact_email: str = Field("", max_length=200, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")


class DecisionIn(StrictSchema):
    approve: bool
    meeting: date
    reason: str = Field(..., min_length=1, max_length=2000)


class DeployIn(StrictSchema):
    camera: str = Field(..., max_length=20)
    deployed_on: date
    ends_on: date | None = None


class RemoveIn(StrictSchema):
    removed_on: date | None = Field(None, description="Defaults to today")


class DeploymentOut(Schema):
    id: int
    bid_id: int
    camera: str
    location: str
    lat: float
    lon: float
    deployed_on: date
    ends_on: date
    removed_on: date | None


class BidOut(Schema):
    id: int
    location: str
    district: str | None
    lat: float
    lon: float
    justification: str
    evidence: str
    case_reference: str
    bid_at: datetime
    status: str
    jag_meeting: date | None
    decision_reason: str
    deployments: list[DeploymentOut]
