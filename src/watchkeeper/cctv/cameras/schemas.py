from datetime import date, datetime

from ninja import Field, Schema

from watchkeeper.core.input import StrictSchema


class CameraIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    district: str | None = Field(None, max_length=20, description="District code (ONS)")
    code: str = Field(..., min_length=1, max_length=20)
    name: str = Field(..., min_length=1, max_length=200)
    kind: str = Field("ptz", max_length=10)
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)
    view: str = Field("", max_length=300)
    purpose: str = Field("", max_length=300)
    dpia_reference: str = Field("", max_length=60)
    signage: bool = False
    last_review: date | None = None
    last_quality_test: date | None = None
    recorder: str = Field("", max_length=120)
    recorder_offset_s: int = Field(0, ge=-86400, le=86400)


class CameraPatch(StrictSchema):
    name: str | None = Field(None, min_length=1, max_length=200)
    view: str | None = Field(None, max_length=300)
    purpose: str | None = Field(None, max_length=300)
    dpia_reference: str | None = Field(None, max_length=60)
    signage: bool | None = None
    last_review: date | None = None
    last_quality_test: date | None = None
    recorder: str | None = Field(None, max_length=120)
    recorder_offset_s: int | None = Field(None, ge=-86400, le=86400)
    active: bool | None = None


class FaultIn(StrictSchema):
    description: str = Field(..., min_length=3, max_length=500)
    reported_at: datetime | None = None
    maintainer: str = Field("", max_length=120)
    maintainer_email: str = Field("", max_length=200, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    recording_lost: bool = True


class FixIn(StrictSchema):
    fixed_at: datetime | None = None


class CameraOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    district: str | None
    lat: float
    lon: float
    purpose: str
    dpia_reference: str
    signage: bool
    last_review: date | None
    last_quality_test: date | None
    recorder: str
    recorder_offset_s: int
    active: bool
    availability_30d: float


class FaultOut(Schema):
    id: int
    camera: str
    description: str
    status: str
    reported_at: datetime
    notified_at: datetime | None
    fixed_at: datetime | None
    response_due: datetime
    late: bool


class DistrictAvailability(Schema):
    district: str
    cameras: int
    availability: float
