"""Visitor and viewing log shapes for the page and the API (no `from __future__ import annotations`:
ninja needs real types)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from watchkeeper.core.input import Id, StrictSchema


class VisitIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    district: str | None = Field(None, max_length=20)
    visitor: str = Field(..., min_length=1, max_length=120)
    organisation: str = Field("", max_length=200)
    purpose: Literal["viewing", "maintenance", "inspection", "other"]
    request_id: Id | None = Field(None, description="The viewing request whose footage is viewed")
    footage: str = Field("", max_length=300)
    identity_checked: bool = False
    signed_in_at: datetime | None = Field(None, description="Defaults to now")


class SignOutIn(StrictSchema):
    signed_out_at: datetime | None = Field(None, description="Defaults to now")


class VisitOut(Schema):
    id: int
    visitor: str
    organisation: str
    purpose: str
    request: str | None
    footage: str
    identity_checked: bool
    signed_in_at: datetime
    signed_in_by: str
    signed_out_at: datetime | None
    signed_out_by: str | None
