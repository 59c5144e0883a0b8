"""Shifts API: open a night's shift, roster officers, plan its tasks, read tasks, missed tasks and the log."""

from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of
from watchkeeper.patrol.contract.models import Contract
from watchkeeper.patrol.officers.models import Officer
from watchkeeper.patrol.proof.models import LogEntry
from watchkeeper.patrol.proof.services import verify_log
from watchkeeper.patrol.schemas import Created, LogRow, PlanIn, RosterIn, ShiftIn, ShiftRow, TaskRow, Verdict
from watchkeeper.patrol.shifts import queries, services
from watchkeeper.patrol.shifts.models import Shift
from watchkeeper.patrol.tasking.services import plan_shift

router = Router(tags=["patrol"])


@listing(router, "/patrol/shifts", ShiftRow, "patrol.view", "Shifts you may see, newest first")
def list_shifts(request):
    return Shift.objects.visible_to(request.auth)


@router.post("/patrol/shifts", response={201: Created}, summary="Open the shift of one service night")
@operation("patrol.manage")
def open_shift(request, body: ShiftIn):
    contract = get_visible_or_404(
        Contract, request.auth, f"No contract {body.contract} that you can see.", pk=body.contract
    )
    shift = services.open_shift(actor_of(request), contract, body.service_date, body.seed)
    return 201, {"id": shift.pk}


@router.post("/patrol/shifts/{shift_id}/roster", response={201: Created}, summary="Put an officer on the shift")
@operation("patrol.manage")
def roster(request, body: RosterIn, shift_id: int = PK):
    shift = queries.shift_for(request.auth, shift_id)
    officer = get_visible_or_404(Officer, request.auth, f"No officer {body.officer} that you can see.", pk=body.officer)
    return 201, {"id": services.roster(actor_of(request), shift, officer, body.team).pk}


@router.post("/patrol/shifts/{shift_id}/plan", response={201: list[TaskRow]}, summary="Plan the shift's tasks")
@operation("patrol.manage")
def plan(request, body: PlanIn, shift_id: int = PK):
    shift = queries.shift_for(request.auth, shift_id)
    plan_shift(actor_of(request), shift, body.hotspots)
    return 201, queries.task_rows(shift)


@router.get("/patrol/shifts/{shift_id}/tasks", response=list[TaskRow], summary="The shift's tasks in order")
@operation("patrol.view")
def tasks(request, shift_id: int = PK):
    return queries.task_rows(queries.shift_for(request.auth, shift_id))


@router.get("/patrol/shifts/{shift_id}/missed", response=list[TaskRow], summary="Tasks past due with no visit")
@operation("patrol.view")
def missed(request, shift_id: int = PK):
    return queries.task_rows(queries.shift_for(request.auth, shift_id), missed_only=True)


@router.get("/patrol/shifts/{shift_id}/log", response=list[LogRow], summary="The shift's hash-chained log")
@operation("patrol.view")
def log(request, shift_id: int = PK):
    return LogEntry.objects.filter(shift=queries.shift_for(request.auth, shift_id)).order_by("seq")


@router.get("/patrol/shifts/{shift_id}/log/verify", response=Verdict, summary="Check the log's chain")
@operation("patrol.view")
def verify(request, shift_id: int = PK):
    broken = verify_log(queries.shift_for(request.auth, shift_id))
    return {"intact": broken is None, "first_break": broken}


__all__ = ["router"]
