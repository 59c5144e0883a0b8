"""API shapes for the disclosure record (no `from __future__ import annotations`: ninja needs real types)."""

import datetime

from ninja import Field, Schema

from watchkeeper.core.input import MAX_ID, PlanDate, StrictSchema

ID = {"ge": 1, "le": MAX_ID}


class DisclosureQuery(StrictSchema):
    agreement: int | None = Field(None, **ID)
    recipient: str | None = Field(None, max_length=100, description="Part of the recipient's name")
    start: PlanDate | None = Field(None, description="First day, YYYY-MM-DD")
    end: PlanDate | None = Field(None, description="Last day (inclusive), YYYY-MM-DD")
    source_type: str | None = Field(None, max_length=100, pattern=r"^[a-z_]+\.[a-z_]+$", description="app.model")
    source_id: int | None = Field(None, **ID)


class DisclosureRow(Schema):
    id: int
    partnership: str = Field(..., alias="partnership.slug")
    source_type: str
    source_id: int
    description: str
    recipient_agency_id: int | None
    recipient_name: str
    recipient_organisation: str
    recipient: str
    purpose: str
    lawful_basis: str
    agreement_id: int | None
    method: str
    reference: str
    disclosed_by: str = Field(..., alias="actor_label")
    disclosed_at: datetime.datetime
    corrects_id: int | None
