"""ASB API shapes."""

import datetime

from ninja import Field, Schema

from watchkeeper.core.input import Id, PastDate, RecentTimestamp, StrictSchema


class ComplaintIn(StrictSchema):
    source: str = Field(..., pattern="^(resident|partner|control_room)$")
    behaviour_on: PastDate
    received_on: PastDate
    description: str = Field(..., min_length=1, max_length=5000)
    complainant: Id | None = None
    place: Id | None = None
    incident: Id | None = None

    def service_fields(self) -> dict:
        """Keyword arguments for services.record_complaint (the API and the case page alike)."""
        data = self.dict()
        for name in ("complainant", "place", "incident"):
            data[f"{name}_id"] = data.pop(name)
        return data


class VulnerabilityIn(StrictSchema):
    answers: dict[str, bool] = Field(..., max_length=50)


class StepIn(StrictSchema):
    tool: str = Field(..., max_length=20)
    taken_at: RecentTimestamp | None = Field(
        None,
        description=(
            "When the step was actually taken (default now; never in the future, not before its"
            " prerequisite step): its clocks (expiry, hearing, appeal, payment) run from it."
        ),
    )
    subject: Id | None = None
    months: int | None = Field(None, ge=1, le=36)
    hours: int | None = Field(None, ge=1, le=240)
    fine: int | None = Field(None, ge=1, le=100000)
    senior_signoff: bool = False
    authorised_by: str = Field("", max_length=120)
    details: str = Field("", max_length=5000)
    override_reason: str = Field("", max_length=500)

    def service_fields(self) -> dict:
        """Keyword arguments for services.take_step: the tool's own options (a length, a fine, the
        closure notice's senior sign-off, the dispersal's authorising officer) only where they apply."""
        fields = {
            "tool": self.tool,
            "taken_at": self.taken_at,
            "subject_id": self.subject,
            "override_reason": self.override_reason,
            "details": self.details,
        }
        fields.update({k: getattr(self, k) for k in ("months", "hours", "fine") if getattr(self, k) is not None})
        if self.tool == "closure_notice":
            fields["senior_signoff"] = self.senior_signoff
        if self.tool == "dispersal":
            fields["authorised_by"] = self.authorised_by
        return fields


class StepRow(Schema):
    id: int
    tool: str
    taken_at: datetime.datetime
    ends_at: datetime.datetime | None
    due_at: datetime.datetime | None
    override_reason: str


class RepeatRow(Schema):
    complaints: int
    incidents: int
    agencies: list[str]
    repeat: bool


class PspoIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    name: str = Field(..., min_length=1, max_length=150)
    area: dict = Field(..., max_length=5)
    conditions: str = Field(..., min_length=1, max_length=5000)
    made_on: datetime.date
    expires_on: datetime.date


class PspoRow(Schema):
    id: int
    name: str
    conditions: str
    made_on: datetime.date
    expires_on: datetime.date
    area: dict
