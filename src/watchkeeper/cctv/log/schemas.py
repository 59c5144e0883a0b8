from datetime import datetime

from ninja import Field, Schema

from watchkeeper.core.input import Id, StrictSchema


class EntryIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    district: str | None = Field(None, max_length=20)
    occurred_at: datetime
    location: str = Field(..., min_length=1, max_length=300)
    kind: str = Field(..., max_length=40, description="Incident category code")
    narrative: str = Field(..., min_length=1, max_length=5000)
    cameras: list[str] = Field(default_factory=list, max_length=50)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    footage_start: datetime | None = None
    footage_end: datetime | None = None


class NoticeIn(StrictSchema):
    agency: str = Field(..., min_length=1, max_length=120)
    their_reference: str = Field("", max_length=60)
    notified_at: datetime | None = None
    responded_at: datetime | None = None
    agreement_id: Id | None = Field(None, description="The sharing agreement the information went under")


class ResponseIn(StrictSchema):
    notice_id: Id
    responded_at: datetime | None = Field(None, description="Defaults to now")


class PoliceIn(StrictSchema):
    incident_reference: str = Field("", max_length=30, description="Link this incident; empty raises a new one")


class NoticeOut(Schema):
    id: int
    agency: str
    their_reference: str
    notified_at: datetime
    responded_at: datetime | None
    response_minutes: int | None
    agreement: str | None


class EntryOut(Schema):
    id: int
    reference: str
    occurred_at: datetime
    location: str
    kind: str
    narrative: str
    cameras: list[str]
    footage_start: datetime | None
    footage_end: datetime | None
    operator: str
    incident: str | None
    notices: list[NoticeOut]
