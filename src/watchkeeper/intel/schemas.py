"""API shapes for the intelligence router (no `from __future__ import annotations`: ninja needs real types)."""

import datetime

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


class HotspotQuery(ScopeQuery):
    method: str = Field("kde", pattern="^(kde|gistar)$")
    cell: float = Field(100, ge=50, le=1000)


class CrimeRow(Schema):
    id: int
    key: str
    month: datetime.date
    category: str
    location: str
    lat: float | None
    lon: float | None
    lsoa_name: str
    last_outcome: str
    outcome_type: str
    ward_id: int | None
    district_id: int | None
    no_location: bool
    outside_area: bool


class TargetRow(Schema):
    id: int
    category: str
    baseline: str
    reduction_percent: float
    period_start: datetime.date
    period_end: datetime.date
    baseline_count: int
    observed_count: int
    observed_months: int
    rag: str
    status: str
    rate_ratio: float | None
    rate_ratio_low: float | None
    rate_ratio_high: float | None


class BaselineIn(Schema):
    partnership: str = Field(..., max_length=50)
    name: str = Field(..., min_length=1, max_length=120)
    start_month: str = Field(..., **MONTH)
    end_month: str = Field(..., **MONTH)


class TargetIn(Schema):
    partnership: str = Field(..., max_length=50)
    baseline: int | None = Field(None, **ID)
    category: str = Field("", max_length=80)
    reduction_percent: float = Field(..., ge=-99, le=99)
    period_start: str = Field(..., **MONTH)
    period_end: str = Field(..., **MONTH)


class Created(Schema):
    id: int


class TaskingRow(Schema):
    id: int
    name: str
    method: str
    category: str
    period_start: datetime.date
    period_end: datetime.date


class TaskingIn(Schema):
    partnership: str = Field(..., max_length=50)
    name: str = Field(..., min_length=1, max_length=120)
    method: str = Field("bjp", pattern="^(bjp|sepp)$")
    period_start: datetime.date
    period_end: datetime.date
    category: str = Field("", max_length=80)
    cells: int = Field(20, ge=1, le=100)


class CellRow(Schema):
    id: int
    rank: int
    cell_id: int
    lat: float
    lon: float
    risk: float


class VisitIn(Schema):
    cell: int = Field(..., **ID)
    arrived_at: datetime.datetime
    left_at: datetime.datetime
    note: str = Field("", max_length=2000)


class ImportRunRow(Schema):
    id: int
    file_name: str
    sha256: str
    actor_label: str
    started_at: datetime.datetime
    rows_ok: int
    rows_bad: int
    rows_flagged: int
    rows_new: int
    months: list[str]
    notes: list[str]


class SurveyRow(Schema):
    question: str
    ward: str
    period: str
    n: int
    positive: int
    share: float
    low: float
    high: float
