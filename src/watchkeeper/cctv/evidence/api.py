"""Evidence API: sealed masters (hash-only registration; uploads go through the page), the
continuity log, releases by expiring link, the outcome."""

from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.cctv.evidence import services
from watchkeeper.cctv.evidence.models import Master, Release
from watchkeeper.cctv.evidence.schemas import (
    ContinuityIn,
    ContinuityOut,
    MasterIn,
    MasterOut,
    OutcomeIn,
    ReleaseIn,
    ReleaseOut,
)
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.core.access import get_visible_or_404, require, visible
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of

router = Router(tags=["cctv"])

MASTER_FIELDS = (
    "id",
    "exhibit",
    "cameras",
    "start",
    "end",
    "clock_offset_s",
    "sha256",
    "size",
    "filename",
    "stored",
    "seal_number",
    "sealed_at",
)


def master_out(m: Master) -> dict:
    return {f: getattr(m, f) for f in MASTER_FIELDS}


def _master(request, master_id: int) -> Master:
    return get_visible_or_404(
        Master.objects.select_related("partnership"), request.auth, f"No exhibit {master_id}.", pk=master_id
    )


@listing(router, "/cctv/evidence", MasterOut, "cctv.evidence.view", "Sealed master exports")
def list_masters(request):
    return [master_out(m) for m in visible(Master, request.auth)]


@router.post(
    "/cctv/evidence", response={201: MasterOut}, summary="Seal a master that stays on the recorder (its SHA-256)"
)
@operation("cctv.evidence.register")
def register(request, body: MasterIn):
    data = body.model_dump()
    master = services.register_master(actor_of(request), data.pop("partnership"), data.pop("district"), **data)
    return 201, master_out(master)


@router.get("/cctv/evidence/{master_id}/continuity", response=list[ContinuityOut], summary="The continuity log")
@operation("cctv.evidence.view")
def continuity(request, master_id: int = PK):
    return list(_master(request, master_id).continuity.order_by("seq"))


@router.post(
    "/cctv/evidence/{master_id}/continuity", response={201: ContinuityOut}, summary="Append a continuity entry"
)
@operation("cctv.evidence.register")
def add_continuity(request, body: ContinuityIn, master_id: int = PK):
    from django.db import transaction

    master = _master(request, master_id)
    require(request.auth, "cctv.evidence.register", master)
    with transaction.atomic():
        entry = services.append_continuity(actor_of(request), master, **body.model_dump())
    return 201, entry


@router.post(
    "/cctv/evidence/{master_id}/releases",
    response={201: ReleaseOut},
    summary="Release to an approved request's recipient by expiring link",
)
@operation("cctv.evidence.release")
def release(request, body: ReleaseIn, master_id: int = PK):
    master = _master(request, master_id)
    item = get_visible_or_404(
        ViewingRequest, request.auth, f"No viewing request {body.request_id}.", pk=body.request_id
    )
    released, token = services.release(
        actor_of(request), master, item, body.recipient, body.recipient_email, body.seal_number
    )
    return 201, {
        "id": released.pk,
        "recipient": released.recipient,
        "expires_at": released.expires_at,
        "link": request.build_absolute_uri(f"/cctv/download/{token}/"),
    }


@router.post("/cctv/releases/{release_id}/outcome", response=dict, summary="Record what the police did with a package")
@operation("cctv.evidence.release")
def outcome(request, body: OutcomeIn, release_id: int = PK):
    found = get_visible_or_404(
        Release.objects.select_related("master"), request.auth, f"No release {release_id}.", pk=release_id
    )
    found = services.record_outcome(actor_of(request), found, body.outcome)
    return {"id": found.pk, "outcome": found.outcome}


__all__ = ["router"]
