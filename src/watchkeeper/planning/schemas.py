"""API shapes for planning (no `from __future__ import annotations`: ninja needs real types)."""

import datetime

from ninja import Field, Schema

from watchkeeper.core.input import StrictSchema


class SlotRow(Schema):
    slot: int
    forecast_calls: float
    low95: float
    high95: float
    aht_seconds: float
    agents: int
    scheduled: float
    p_wait: float
    service_level: float
    asa_seconds: float | None
    occupancy: float
    abandon: float
    recorded_abandon: float | None


class WeekOut(Schema):
    partnership: str
    weeks: int
    target: str
    patience_seconds: float | None
    patience_source: str
    slots: list[SlotRow]


class RosterIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    team: str = Field(..., max_length=16)
    staff: int = Field(..., ge=1, le=200)
    week_start: datetime.date
    weeks: int = Field(1, ge=1, le=4)
    name: str = Field("", max_length=120)


class RosterOut(Schema):
    id: int
    name: str
    team: str
    week_start: datetime.date
    weeks: int
    staff: int
    status: str
    shortfall_hours: float
    shifts: list[dict]


class WorkloadRow(Schema):
    unit: str
    workload: float


class PatrolOut(Schema):
    hour_of_week: int
    method: str | None
    problem: str
    mean_travel_seconds: float | None
    workloads: list[WorkloadRow]
