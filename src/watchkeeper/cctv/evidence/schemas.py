from datetime import datetime

from ninja import Field, Schema

from watchkeeper.core.input import Id, StrictSchema

SHA256 = r"^[0-9a-fA-F]{64}$"


class MasterIn(StrictSchema):
    """Register a master that stays on the recorder: its hash is recorded and sealed."""

    partnership: str = Field(..., max_length=50)
    district: str | None = Field(None, max_length=20)
    exhibit: str = Field(..., min_length=1, max_length=60)
    cameras: list[str] = Field(..., min_length=1, max_length=50)
    start: datetime
    end: datetime
    clock_offset_s: int = Field(..., ge=-86400, le=86400)
    seal_number: str = Field(..., min_length=1, max_length=40)
    filename: str = Field(..., min_length=1, max_length=200)
    sha256: str = Field(..., pattern=SHA256)
    size: int | None = Field(None, ge=0, le=2**62)
    request_id: Id | None = None


class ContinuityIn(StrictSchema):
    from_party: str = Field(..., min_length=1, max_length=200)
    to_party: str = Field(..., min_length=1, max_length=200)
    purpose: str = Field(..., min_length=1, max_length=300)
    seal_number: str = Field(..., min_length=1, max_length=40)


class ReleaseIn(StrictSchema):
    request_id: Id
    recipient: str = Field(..., min_length=1, max_length=200)
    recipient_email: str = Field("", max_length=200, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    seal_number: str = Field("", max_length=40)


class OutcomeIn(StrictSchema):
    outcome: str = Field(..., min_length=1, max_length=300)


class CopyIn(StrictSchema):
    name: str = Field(..., min_length=1, max_length=200)
    purpose: str = Field(..., min_length=1, max_length=200)
    parent_sha256: str = Field(..., pattern=SHA256)
    redacted: bool = False


class ContinuityOut(Schema):
    seq: int
    at: datetime
    from_party: str
    to_party: str
    purpose: str
    seal_number: str
    prev_hash: str
    entry_hash: str
    signature: str


class MasterOut(Schema):
    id: int
    exhibit: str
    cameras: list[str]
    start: datetime
    end: datetime
    clock_offset_s: int
    sha256: str
    size: int | None
    filename: str
    stored: bool
    seal_number: str
    sealed_at: datetime


class ReleaseOut(Schema):
    id: int
    recipient: str
    expires_at: datetime
    link: str
