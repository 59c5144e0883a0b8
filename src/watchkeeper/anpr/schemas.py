"""API shapes for ANPR (no `from __future__ import annotations`: ninja needs real types)."""

import datetime

from ninja import Field, Schema

from watchkeeper.core.input import Id, PlanDate, RecentTimestamp, StrictSchema


class SiteRow(Schema):
    id: int
    code: str
    name: str
    road: str
    lat: float
    lon: float
    speed_limit_mph: int
    enforces: str  # "spot" or "average": the speed the ladder enforces here


class ImportIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    profile: str = Field("watchkeeper", max_length=60)
    file_name: str = Field("reads.csv", max_length=200)
    text: str = Field(..., min_length=1, max_length=50_000_000)


class CheckIn(StrictSchema):
    checked_on: PlanDate
    council_mph: float = Field(..., gt=0, le=200)
    police_mph: float = Field(..., gt=0, le=200)


class VehicleIn(StrictSchema):
    plate: str = Field(..., min_length=2, max_length=10)
    seen_at: RecentTimestamp
    speed_mph: float = Field(..., gt=0, le=200)


class RoadwatchIn(StrictSchema):
    site: Id
    held_on: PlanDate
    team: str = Field(..., min_length=1, max_length=200)
    vehicles: list[VehicleIn] = Field(..., min_length=1, max_length=500)


class WatchRow(Schema):
    id: int
    plate: str
    added_on: datetime.date
    review_on: datetime.date
    expires_on: datetime.date


class AttendanceRow(Schema):
    id: int
    plate: str
    site: str
    window: str
    passes_in_window: int
    passes_seen: int
    histogram: list[int]


class PartnershipIn(StrictSchema):
    partnership: str = Field(..., max_length=50)


class KeepersIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    file_name: str = Field("keepers.csv", max_length=200)
    text: str = Field(..., min_length=1, max_length=5_000_000)
