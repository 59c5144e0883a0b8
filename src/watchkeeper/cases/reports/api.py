"""Reports API (open caseload by type and agency, overdue actions, resolution, repeat victims) and
the meetings API (schedule, agenda, minutes)."""

import datetime

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from watchkeeper.api import listing, operation
from watchkeeper.cases.core.queries import visible_in_case
from watchkeeper.cases.core.schemas import ActionRow, Created
from watchkeeper.cases.meetings import services as meeting_services
from watchkeeper.cases.meetings.models import Meeting
from watchkeeper.cases.reports import queries
from watchkeeper.cases.reports.paging import BoundedPaged
from watchkeeper.core.input import PK, Id, StrictSchema
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.web import actor_of

router = Router(tags=["cases"])


class CountRow(Schema):
    kind: str
    agency: str
    open_cases: int


class Summary(Schema):
    caseload: list[CountRow]
    overdue_by_agency: list[dict]
    resolution: list[dict]
    repeat_victims: int


class MeetingIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    kind: str = Field(..., max_length=10)
    held_at: datetime.datetime
    title: str = Field("", max_length=150)
    attendees: list[Id] = Field(default_factory=list, max_length=100)


class MinutesIn(StrictSchema):
    minutes: str = Field(..., min_length=1, max_length=50000)


class MeetingRow(Schema):
    id: int
    kind: str
    title: str
    held_at: datetime.datetime


@router.get("/case-reports/summary", response=Summary, summary="Caseload, overdue actions, resolution, repeats")
@operation("case.report")
def summary(request):
    user, today = request.auth, timezone.localdate()
    return {
        "caseload": queries.caseload_counts(user),
        "overdue_by_agency": queries.overdue_by_agency(user, today),
        "resolution": queries.resolution(user),
        "repeat_victims": queries.repeat_victims(user),
    }


@listing(
    router, "/case-reports/overdue", ActionRow, "case.view", "Overdue actions on cases you may see", pager=BoundedPaged
)
def overdue(request, agency: int | None = Query(None, ge=1, le=2**53 - 1)):
    return queries.overdue_actions(request.auth, timezone.localdate(), agency)


@listing(router, "/meetings", MeetingRow, "meeting.view", "Meetings you may see")
def meetings(request):
    return Meeting.objects.visible_to(request.auth)


@router.post("/meetings", response={201: Created}, summary="Schedule a meeting")
@operation("meeting.manage")
def schedule(request, body: MeetingIn):
    partnership = member_partnership(request.auth, body.partnership)
    found = meeting_services.schedule(
        actor_of(request), partnership, body.kind, body.held_at, body.title, body.attendees
    )
    return 201, {"id": found.pk}


@router.post("/meetings/{meeting_id}/agenda", response=list[int], summary="Build the agenda from cases due")
@operation("meeting.manage")
def agenda(request, meeting_id: int = PK):
    meeting = visible_in_case(Meeting, request.auth, meeting_id)
    return [c.pk for c in meeting_services.build_agenda(actor_of(request), meeting)]


@router.post("/meetings/{meeting_id}/minutes", response=Created, summary="Record the minutes")
@operation("meeting.manage")
def minutes(request, body: MinutesIn, meeting_id: int = PK):
    meeting = visible_in_case(Meeting, request.auth, meeting_id)
    meeting_services.record_minutes(actor_of(request), meeting, body.minutes)
    return {"id": meeting.pk}


__all__ = ["router"]
