"""API shapes shared by the intelligence routers (no `from __future__ import annotations`: ninja needs real types)."""

from ninja import Field, Schema

from watchkeeper.core.input import MAX_ID, StrictSchema

ID = {"ge": 1, "le": MAX_ID}
# A plausible month (the plan-date bounds of core.input, as a pattern: 2000-01 to 2099-12).
MONTH = {"pattern": r"^20\d{2}-(0[1-9]|1[0-2])$"}


class ScopeQuery(StrictSchema):
    partnership: str | None = Field(None, max_length=50)
    start: str | None = Field(None, description="First month, YYYY-MM", **MONTH)
    end: str | None = Field(None, description="Last month (inclusive), YYYY-MM", **MONTH)
    category: str | None = Field(None, max_length=80)
    district: int | None = Field(None, **ID)
    ward: int | None = Field(None, **ID)

    def params(self) -> dict:
        return {k: v for k, v in self.dict().items() if v not in (None, "")}


class Created(Schema):
    id: int
