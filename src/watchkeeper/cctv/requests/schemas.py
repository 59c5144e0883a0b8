from datetime import date, datetime

from ninja import Field, Schema

from watchkeeper.core.input import Id, StrictSchema


class RequestIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    district: str | None = Field(None, max_length=20)
    kind: str = Field(..., max_length=10, description="police, insurer, solicitor, subject or other")
    requester: str = Field(..., min_length=1, max_length=200)
    organisation: str = Field("", max_length=200)
    requester_reference: str = Field("", max_length=60)
    lawful_basis: str = Field(..., min_length=1, max_length=300)
    start: datetime
    end: datetime
    cameras: list[str] = Field(..., min_length=1, max_length=50)
    received_on: date | None = None
    complex_: bool = Field(False, alias="complex")
    disclosure_basis: str = Field("", max_length=12, description="dpa_part3, dpa_s2_p2, dpa_s2_p5, art15, ...")
    recipient_agency: str = Field("", max_length=50, description="Slug of the receiving agency, if on the platform")
    agreement_id: Id | None = Field(None, description="The sharing agreement a disclosure relies on")


class DecisionIn(StrictSchema):
    approve: bool
    reason: str = Field(..., min_length=1, max_length=2000)


class StopIn(StrictSchema):
    reason: str = Field(..., max_length=15, description="identity, clarification or fee")
    on: date | None = None


class ResumeIn(StrictSchema):
    on: date | None = None


class RedactionIn(StrictSchema):
    what: str = Field(..., min_length=1, max_length=300)
    method: str = Field(..., min_length=1, max_length=300)
    copy_sha256: str = Field("", max_length=64, pattern=r"^$|^[0-9a-fA-F]{64}$")


class RequestOut(Schema):
    id: int
    reference: str
    kind: str
    requester: str
    organisation: str
    lawful_basis: str
    start: datetime
    end: datetime
    cameras: list[str]
    received_on: date
    status: str
    decision_reason: str
    due: date | None
    clock_stopped: bool
    overdue: bool
