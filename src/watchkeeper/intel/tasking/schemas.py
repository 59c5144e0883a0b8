"""API shapes for patrol tasking (no `from __future__ import annotations`: ninja needs real types)."""

import datetime

from ninja import Field, Schema

from watchkeeper.intel.schemas import ID


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
