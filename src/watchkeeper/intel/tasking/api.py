"""Patrol tasking API: taskings, their cells, and patrol visits."""

from ninja import Router
from ninja.errors import HttpError

from watchkeeper.api import listing, operation
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of
from watchkeeper.intel.crime.scope import api_partnership
from watchkeeper.intel.schemas import Created
from watchkeeper.intel.tasking import services as tasking_services
from watchkeeper.intel.tasking.models import PatrolTasking, TaskedCell
from watchkeeper.intel.tasking.schemas import CellRow, TaskingIn, TaskingRow, VisitIn

router = Router(tags=["intel"])


@listing(router, "/intel/taskings", TaskingRow, "tasking.view", "Patrol taskings you may see")
def list_taskings(request):
    return PatrolTasking.objects.visible_to(request.auth)


@router.post("/intel/taskings", response={201: Created}, summary="Create a tasking from the bjp/sepp forecast")
@operation("intel.manage")
def create_tasking(request, body: TaskingIn):
    partnership = api_partnership(request, body.partnership)
    tasking = tasking_services.create_tasking(
        actor_of(request),
        partnership,
        body.name,
        body.method,
        body.period_start,
        body.period_end,
        body.category,
        body.cells,
    )
    return 201, {"id": tasking.pk}


@listing(router, "/intel/taskings/{tasking_id}/cells", CellRow, "tasking.view", "A tasking's cells by rank")
def tasking_cells(request, tasking_id: int = PK):
    tasking = PatrolTasking.objects.visible_to(request.auth).filter(pk=tasking_id).first()
    if tasking is None:
        raise HttpError(404, f"No tasking {tasking_id} that you can see.")
    return tasking.cells.all()


@router.post("/intel/visits", response={201: Created}, summary="Record a patrol visit to a tasked cell")
@operation("tasking.record")
def record_visit(request, body: VisitIn):
    cell = TaskedCell.objects.visible_to(request.auth).filter(pk=body.cell).first()
    if cell is None:
        raise HttpError(404, f"No tasked cell {body.cell} that you can see.")
    visit = tasking_services.record_visit(actor_of(request), cell, body.arrived_at, body.left_at, body.note)
    return 201, {"id": visit.pk}


__all__ = ["router"]
