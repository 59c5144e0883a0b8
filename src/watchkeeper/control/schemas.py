"""Request and response shapes of the control-room API (api.py). Bounds on every field: the API is
fuzzed, and a bad value must be a 4xx with a message, never a 500."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from watchkeeper.core.input import MAX_ID, RecentTimestamp, StrictSchema

ID = {"ge": 1, "le": MAX_ID}
LAT = {"ge": -90, "le": 90}
LON = {"ge": -180, "le": 180}


class ThriveIn(StrictSchema):
    threat: str = Field("", max_length=500)
    harm: str = Field("", max_length=500)
    risk: str = Field("", max_length=500)
    investigation: str = Field("", max_length=500)
    vulnerability: str = Field("", max_length=500)
    engagement: str = Field("", max_length=500)


class IncidentIn(StrictSchema):
    partnership: str = Field(..., max_length=50, description="Partnership slug, e.g. safer-camden")
    channel: str = Field(..., max_length=20, description="Channel code: 999, 101, online, front-counter, cctv...")
    category: str = Field(..., max_length=40, description="Incident category code, e.g. asb-nuisance")
    description: str = Field("", max_length=5000)
    lat: float | None = Field(None, **LAT)
    lon: float | None = Field(None, **LON)
    place: int | None = Field(None, description="Place id from the address search", **ID)
    location_text: str = Field("", max_length=300)
    accuracy: str = Field("", max_length=12, description="address, map, coordinates or approximate")
    caller_name: str = Field("", max_length=200)
    caller_phone: str = Field("", max_length=40)
    caller_address: str = Field("", max_length=300)
    received_at: RecentTimestamp | None = Field(None, description="Call start (defaults to now; never in the future)")
    required_skills: list[str] | None = Field(None, max_length=10)
    caller_match: Literal["", "same", "new"] = Field(
        "", description="When the phone is on record under another name: 'same' person or a 'new' person"
    )
    grade: str = Field("", max_length=8, description="Grade at intake (saved with the call, with THRIVE)")
    rationale: str = Field("", max_length=2000, description="Grade rationale (needed unless the suggestion)")
    thrive: ThriveIn | None = None

    def service_fields(self) -> dict:
        """Keyword arguments for services.take_call (the partnership is looked up apart)."""
        data = self.dict(exclude={"partnership"})
        data["place_id"] = data.pop("place")
        return data


class Created(Schema):
    id: int
    reference: str
    status: str
    received_at: datetime
    ward_id: int | None
    suggested_grade: str | None = None
    likely_duplicates: list[dict] = []
    supervision: bool = False


class IncidentRow(Schema):
    id: int
    reference: str
    received_at: datetime
    status: str
    grade: str | None
    category: str
    category_label: str
    lat: float
    lon: float
    ward_id: int | None
    district_id: int | None
    command: str
    escalation: str
    master_id: int | None


class IncidentFilter(StrictSchema):
    status: str | None = Field(None, max_length=10)
    grade: str | None = Field(None, max_length=8)
    category: str | None = Field(None, max_length=40)
    ward: int | None = Field(None, **ID)
    district: int | None = Field(None, **ID)
    start: str | None = Field(None, max_length=32, description="Received on or after (YYYY-MM-DD or ISO)")
    end: str | None = Field(None, max_length=32, description="Received before (YYYY-MM-DD or ISO)")
    reference: str | None = Field(None, max_length=16)


class GradeIn(StrictSchema):
    grade: str = Field(..., max_length=8)
    rationale: str = Field(..., max_length=2000)
    thrive: ThriveIn = ThriveIn()
    reason: str = Field("", max_length=500, description="Why: mandatory when regrading")


class ResolveIn(StrictSchema):
    outcome: str = Field(..., max_length=20, description="knowledge_base, telephone or referral")
    agency: str = Field("", max_length=50, description="Partner agency slug (referral)")
    note: str = Field("", max_length=2000)


class AssignIn(StrictSchema):
    unit: int = Field(..., **ID)


class AuthoriseIn(StrictSchema):
    unit: int = Field(..., **ID)
    reason: str = Field(..., max_length=300)


class UnitStatusIn(StrictSchema):
    status: str = Field(..., max_length=12)
    at: RecentTimestamp | None = None
    lat: float | None = Field(None, **LAT)
    lon: float | None = Field(None, **LON)


class LinkIn(StrictSchema):
    master: int = Field(..., **ID)


class LinkByReferenceIn(StrictSchema):
    """The incident page links by the master's reference (the API by its id: LinkIn)."""

    master: str = Field(..., max_length=16)


class CloseIn(StrictSchema):
    closing_code: str = Field(..., max_length=40)
    result: str = Field("", max_length=2000)
    closing_category: str = Field("", max_length=40)
    qualifiers: list[str] = Field([], max_length=10)


class AssignPageIn(AssignIn):
    """The incident page's Send: an unsuitable unit needs the reason it is sent anyway."""

    override: str = Field("", max_length=500)


class AssignManyIn(StrictSchema):
    """The incident page's "send the ticked units" (all sent, or none)."""

    units: list[int] = Field(..., min_length=1, max_length=10)


class ClosePageIn(StrictSchema):
    """The incident page's close: an explicit code (no default), a result and a confirmation."""

    closing_code: str = Field(..., min_length=1, max_length=40)
    result: str = Field(..., min_length=1, max_length=2000)
    closing_category: str = Field("", max_length=40)
    qualifiers: list[str] = Field([], max_length=10)
    confirm: bool = False


class ReasonIn(StrictSchema):
    reason: str = Field(..., max_length=2000)


class CommandIn(StrictSchema):
    action: str = Field(..., max_length=10, description="take (inspector) or return (duty officer accepts)")
    rationale: str = Field("", max_length=2000)


class EscalateIn(StrictSchema):
    level: str = Field(..., max_length=10, description="critical or major")
    rationale: str = Field(..., max_length=2000)


class NoteIn(StrictSchema):
    text: str = Field(..., max_length=2000)


class ReviewIn(StrictSchema):
    note: str = Field(..., max_length=2000)


class ReviewPageIn(ReviewIn):
    review: int = Field(..., **ID)


class UnitRow(Schema):
    id: int
    call_sign: str
    kind: str
    status: str
    lat: float | None
    lon: float | None
    skills: list[str]
    home_ward_id: int | None
    district_id: int | None
    agency_id: int | None


class EventRow(Schema):
    id: int
    kind: str
    at: datetime
    actor_label: str
    payload: dict


class KpiQuery(StrictSchema):
    start: str | None = Field(None, max_length=32)
    end: str | None = Field(None, max_length=32)
    grade: str | None = Field(None, max_length=8)
    ward: int | None = Field(None, **ID)
    district: int | None = Field(None, **ID)
