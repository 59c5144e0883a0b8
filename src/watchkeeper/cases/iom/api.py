"""IOM API: join the cohort, the intervention plan, engagement, leaving, and the cohort with
reoffending and harm (JSON and CSV). Reading the cohort is a read of personal data: audited."""

import io

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router

from watchkeeper.api import operation
from watchkeeper.cases.core.queries import visible_case, visible_in_case
from watchkeeper.cases.core.schemas import Created
from watchkeeper.cases.iom import queries
from watchkeeper.cases.iom import services as iom_services
from watchkeeper.cases.iom.models import Membership
from watchkeeper.cases.iom.schemas import CohortRow, EngagementIn, JoinIn, LeaveIn, PlanIn
from watchkeeper.core.input import PK, csv_writer
from watchkeeper.core.web import actor_of

router = Router(tags=["iom"])


@router.post("/cases/{case_id}/iom-members", response={201: Created}, summary="Put an offender in the IOM cohort")
@operation("iom.manage")
def join(request, body: JoinIn, case_id: int = PK):
    case = visible_case(request.auth, case_id)
    found = iom_services.join(actor_of(request), case, body.offender, body.cohort, body.reason, body.joined_on)
    return 201, {"id": found.pk, "reference": case.reference}


@router.post("/iom-members/{membership_id}/plan", response={201: Created}, summary="Record the intervention plan")
@operation("iom.manage")
def plan(request, body: PlanIn, membership_id: int = PK):
    membership = visible_in_case(Membership, request.auth, membership_id)
    pathways = [p.model_dump() for p in body.pathways]
    found = iom_services.record_plan(actor_of(request), membership, pathways, body.agreed_on, body.review_on)
    return 201, {"id": found.pk, "reference": membership.case.reference}


@router.post("/iom-members/{membership_id}/engagement", response={201: Created}, summary="Record a contact")
@operation("iom.manage")
def engagement(request, body: EngagementIn, membership_id: int = PK):
    membership = visible_in_case(Membership, request.auth, membership_id)
    found = iom_services.record_engagement(actor_of(request), membership, body.on, body.kind, body.outcome, body.note)
    return 201, {"id": found.pk, "reference": membership.engagement}


@router.post("/iom-members/{membership_id}/leave", response=Created, summary="Record leaving the cohort")
@operation("iom.manage")
def leave(request, body: LeaveIn, membership_id: int = PK):
    membership = visible_in_case(Membership, request.auth, membership_id)
    iom_services.leave(actor_of(request), membership, body.left_on, body.reason)
    return {"id": membership.pk, "reference": membership.case.reference}


def _audited_cohort(request, current_only: bool) -> list[dict]:
    from watchkeeper.core import audit

    rows = queries.cohort(request.auth, timezone.localdate(), current_only)
    for row in rows:
        audit.record_read(actor_of(request), ("cases.membership", row["id"]), ["offender", "reason", "outcomes"])
    return rows


@router.get("/iom/cohort", response=list[CohortRow], summary="The IOM cohort with reoffending and harm")
@operation("iom.view")
def cohort(request, current: bool = True):
    return _audited_cohort(request, current)


@router.get("/iom/cohort.csv", summary="The IOM cohort as CSV")
@operation("iom.view")
def cohort_csv(request, current: bool = True):
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(queries.COLUMNS)
    for row in _audited_cohort(request, current):
        writer.writerow([row[c] if row[c] is not None else "" for c in queries.COLUMNS])
    response = HttpResponse(out.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="iom-cohort.csv"'
    return response
