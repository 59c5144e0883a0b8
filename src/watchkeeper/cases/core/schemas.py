"""API shapes for the case core (no `from __future__ import annotations`: ninja needs real types)."""

import datetime

from ninja import Field, Schema

from watchkeeper.core.input import Id, PastDate, PlanDate, StrictSchema


class Created(Schema):
    id: int
    reference: str = ""


class CaseRow(Schema):
    id: int
    reference: str
    kind: str
    title: str
    stage: str
    risk: str
    consent: str
    restriction: str
    owner_agency_id: int | None
    officer_id: int | None
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None


class CaseIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    kind: str = Field(..., pattern="^(asb|marac|channel|iom)$")
    title: str = Field(..., min_length=1, max_length=200)
    summary: str = Field("", max_length=5000)
    restriction: str = Field("partnership", pattern="^(partnership|agencies|people)$")
    shared_users: list[Id] = Field(default_factory=list, max_length=50)
    shared_agencies: list[Id] = Field(default_factory=list, max_length=50)


class RestrictionIn(StrictSchema):
    restriction: str = Field(..., pattern="^(partnership|agencies|people)$")
    shared_users: list[Id] = Field(default_factory=list, max_length=50)
    shared_agencies: list[Id] = Field(default_factory=list, max_length=50)
    reason: str = Field(..., min_length=1, max_length=300, description="Why it is widened or narrowed (on record).")


class PartyIn(StrictSchema):
    role: str = Field(..., max_length=12)
    person: Id | None = None
    place: Id | None = None


class ConsentIn(StrictSchema):
    status: str = Field(..., max_length=14)
    given_by: str = Field("", max_length=120)
    on: PastDate
    child: bool = False


class ActionIn(StrictSchema):
    agency: Id
    text: str = Field(..., min_length=1, max_length=500)
    due: PlanDate
    owner: Id | None = None


class ActionUpdateIn(StrictSchema):
    status: str = Field(..., pattern="^(open|done|cancelled)$")
    outcome: str = Field("", max_length=500)


class NoteIn(StrictSchema):
    text: str = Field(..., min_length=1, max_length=20000)
    restriction: str = Field("partnership", pattern="^(partnership|agencies|people)$")
    shared_users: list[Id] = Field(default_factory=list, max_length=50)


class LinkIn(StrictSchema):
    kind: str = Field(..., pattern="^(incident|crime|cctv)$")
    target: Id | None = None
    cctv_reference: str = Field("", max_length=60)


class CloseIn(StrictSchema):
    outcome: str = Field(..., min_length=1, max_length=200)


class DisclosureIn(StrictSchema):
    agency: Id
    purpose: str = Field(..., min_length=1, max_length=2000)
    lawful_basis: str = Field(..., max_length=20)
    method: str = Field(..., max_length=20)
    agreement: Id | None = None
    recipient_name: str = Field("", max_length=200)
    reference: str = Field("", max_length=100)


class HandOverIn(StrictSchema):
    officer: Id


class PartyRow(Schema):
    id: int
    role: str
    person_id: int | None
    place_id: int | None


class ActionRow(Schema):
    id: int
    case_id: int
    agency_id: int
    owner_id: int | None
    text: str
    due: datetime.date
    status: str
    outcome: str


class NoteRow(Schema):
    id: int
    text: str
    restriction: str
    author_id: int | None
    written_at: datetime.datetime


class EventRow(Schema):
    at: datetime.datetime
    kind: str
    actor_label: str
    data: dict


class DocumentRow(Schema):
    id: int
    name: str
    file_type: str
    size: int
    sha256: str


class CaseDetail(CaseRow):
    summary: str
    consent_by: str
    consent_on: datetime.date | None
    outcome: str
    parties: list[PartyRow]
    actions: list[ActionRow]
    notes: list[NoteRow]
    documents: list[DocumentRow]
    timeline: list[EventRow]


class DuplicateRow(Schema):
    keep: int
    duplicate: int
    score: float
