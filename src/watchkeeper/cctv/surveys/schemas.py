"""The satisfaction survey form (no `from __future__ import annotations`: ninja needs real types)."""

from typing import Literal

from ninja import Field

from watchkeeper.core.input import Id, StrictSchema


class SurveyIn(StrictSchema):
    satisfied: int = Field(..., ge=1, le=5)
    feel_safer: int | None = Field(None, ge=1, le=5)
    requests_on_time: Literal["yes", "no"] | None = None
    ward_id: Id | None = Field(None, description="The ward the answer is about (optional)")
