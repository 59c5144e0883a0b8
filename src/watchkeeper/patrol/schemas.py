"""API shapes for the patrol module (no `from __future__ import annotations`: ninja needs real types)."""

import datetime

from ninja import Field, Schema

from watchkeeper.core.input import Id, PlanDate, RecentTimestamp, StrictSchema


class Created(Schema):
    id: int


class OfficerRow(Schema):
    id: int
    collar_number: str
    name: str
    sia_expires: datetime.date
    active: bool


class PowerRow(Schema):
    code: str
    label: str
    issues_notice: bool


class GrantIn(StrictSchema):
    power: str = Field(..., max_length=40)
    granted_on: PlanDate
    expires_on: PlanDate


class ShiftRow(Schema):
    id: int
    service_date: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    planned_at: datetime.datetime | None


class ShiftIn(StrictSchema):
    contract: Id
    service_date: PlanDate
    seed: int | None = Field(None, ge=0, le=2**53)


class RosterIn(StrictSchema):
    officer: Id
    team: str = Field(..., pattern="^(foot|vehicle)$")


class PlanIn(StrictSchema):
    hotspots: int = Field(6, ge=1, le=30)


class TaskRow(Schema):
    id: int
    team: str
    round: int
    position: int
    hotspot: str
    source: str
    street: str
    ward: str
    lat: float
    lon: float
    due_from: datetime.datetime
    due_by: datetime.datetime
    dwell_target_minutes: int
    status: str


class PointIn(StrictSchema):
    at: RecentTimestamp
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)


class PositionsIn(StrictSchema):
    points: list[PointIn] = Field(..., min_length=1, max_length=2000)


class TrackIn(StrictSchema):
    format: str = Field(..., pattern="^(gpx|csv)$")
    text: str = Field(..., min_length=1, max_length=5_000_000)


class PositionsOut(Schema):
    shift: int
    stored: int


class LogRow(Schema):
    seq: int
    at: datetime.datetime
    kind: str
    actor_label: str
    payload: dict
    hash: str


class Verdict(Schema):
    intact: bool
    first_break: int | None


class IncidentIn(StrictSchema):
    category: str = Field(..., max_length=40)
    notes: str = Field(..., min_length=1, max_length=10000)
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)


class ClipIn(StrictSchema):
    reference: str = Field(..., min_length=1, max_length=80)
    sha256: str = Field(..., min_length=64, max_length=64)
    started_at: RecentTimestamp
    incident: Id | None = None
    notice: Id | None = None


class NoticeIn(StrictSchema):
    power: str = Field(..., max_length=40)
    recipient_name: str = Field(..., min_length=1, max_length=120)
    recipient_address: str = Field(..., min_length=1, max_length=300)
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)
    video_running: bool

    def service_fields(self) -> dict:
        """Keyword arguments for powers.services.issue_notice (the API and the officer's page alike)."""
        data = self.dict()
        data["power_code"] = data.pop("power")
        return data


class PowerUseIn(StrictSchema):
    power: str = Field(..., pattern="^(require-name-address|alcohol-confiscation)$")
    reason: str = Field(..., min_length=1, max_length=1000)
    person_name: str = Field("", max_length=120)
    person_address: str = Field("", max_length=300)
    refused: bool = False
    alcohol: str = Field("", max_length=300)
    disposal: str = Field("", pattern="^(|poured|retained)$")
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)
    video_running: bool


class NoticeMoveIn(StrictSchema):
    status: str = Field(..., pattern="^(issued|paid|appealed|cancelled|prosecuted)$")
    note: str = Field("", max_length=500)


class NoticeRow(Schema):
    id: int
    reference: str
    power: str
    issued_at: datetime.datetime
    status: str
    video_running: bool
    amount: float


class FigureRow(Schema):
    code: str
    label: str
    value: float | None
    target: float | None
    status: str


class PowerCountRow(Schema):
    """Powers used and notices issued under one power in the month: the power's total (officer "")
    then each officer's. Counts only, nobody named in a use or notice; never against a target."""

    power: str
    officer: str
    uses: int
    notices: int
