"""API shapes for targets (no `from __future__ import annotations`: ninja needs real types)."""

import datetime

from ninja import Field, Schema

from watchkeeper.intel.schemas import ID, MONTH


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
