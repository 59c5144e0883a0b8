"""Camera estate API: cameras with availability, faults, availability per district."""

from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.cctv.cameras import queries, services
from watchkeeper.cctv.cameras.models import Camera, Fault
from watchkeeper.cctv.cameras.schemas import (
    CameraIn,
    CameraOut,
    CameraPatch,
    DistrictAvailability,
    FaultIn,
    FaultOut,
    FixIn,
)
from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of

router = Router(tags=["cctv"])


def camera_out(row: dict) -> dict:
    c = row["camera"]
    return {
        **{
            f: getattr(c, f)
            for f in (
                "id",
                "code",
                "name",
                "kind",
                "lat",
                "lon",
                "purpose",
                "dpia_reference",
                "signage",
                "last_review",
                "last_quality_test",
                "recorder",
                "recorder_offset_s",
                "active",
            )
        },
        "district": c.district.code if c.district else None,
        "availability_30d": round(row["availability"], 4),
    }


def fault_out(row: dict) -> dict:
    f = row["fault"]
    return {
        "id": f.pk,
        "camera": f.camera.code,
        "description": f.description,
        "status": f.status,
        "reported_at": f.reported_at,
        "notified_at": f.notified_at,
        "fixed_at": f.fixed_at,
        "response_due": row["due"],
        "late": row["late"],
    }


def _camera(request, camera_id: int) -> Camera:
    return get_visible_or_404(Camera, request.auth, f"No camera {camera_id}.", pk=camera_id)


@listing(router, "/cctv/cameras", CameraOut, "cctv.camera.view", "Cameras with 30-day availability")
def list_cameras(request):
    return [camera_out(r) for r in queries.estate(request.auth)]


@router.post("/cctv/cameras", response={201: CameraOut}, summary="Add a camera to the estate")
@operation("cctv.camera.edit")
def add_camera(request, body: CameraIn):
    camera = services.add_camera(actor_of(request), **body.model_dump())
    return 201, camera_out({"camera": camera, "availability": 1.0})


@router.patch("/cctv/cameras/{camera_id}", response=CameraOut, summary="Update a camera's paperwork")
@operation("cctv.camera.edit")
def update_camera(request, body: CameraPatch, camera_id: int = PK):
    camera = services.update_camera(
        actor_of(request), _camera(request, camera_id), **body.model_dump(exclude_none=True)
    )
    return next(camera_out(r) for r in queries.estate(request.auth) if r["camera"].pk == camera.pk)


@listing(router, "/cctv/faults", FaultOut, "cctv.camera.view", "Open faults with the maintainer response target")
def list_faults(request):
    return [fault_out(r) for r in queries.open_faults(request.auth)]


@router.post("/cctv/cameras/{camera_id}/faults", response={201: FaultOut}, summary="Report a fault")
@operation("cctv.fault.record")
def report_fault(request, body: FaultIn, camera_id: int = PK):
    fault = services.report_fault(actor_of(request), _camera(request, camera_id), **body.model_dump())
    return 201, next(fault_out(r) for r in queries.open_faults(request.auth) if r["fault"].pk == fault.pk)


@router.post("/cctv/faults/{fault_id}/fix", response={200: dict}, summary="Mark a fault fixed")
@operation("cctv.fault.record")
def fix_fault(request, body: FixIn, fault_id: int = PK):
    fault = get_visible_or_404(Fault, request.auth, f"No fault {fault_id}.", pk=fault_id)
    fault = services.fix_fault(actor_of(request), fault, body.fixed_at)
    return {"id": fault.pk, "status": fault.status, "fixed_at": fault.fixed_at}


@router.get("/cctv/availability", response=list[DistrictAvailability], summary="30-day availability per district")
@operation("cctv.camera.view")
def availability(request):
    return queries.by_district(queries.estate(request.auth))


__all__ = ["router"]
