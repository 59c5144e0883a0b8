"""API shapes shared by the intelligence routers (no `from __future__ import annotations`: ninja needs real types)."""

from ninja import Field, Schema

ID = {"ge": 1, "le": 2**62}
MONTH = {"pattern": r"^\d{4}-\d{2}$"}


class ScopeQuery(Schema):
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
