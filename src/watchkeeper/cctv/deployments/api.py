"""Rapid-deployment API: bids, the JAG's decisions, deployments and removals, where each camera has been."""

from django.utils import timezone
from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.cctv.deployments import services
from watchkeeper.cctv.deployments.models import Bid, Deployment
from watchkeeper.cctv.deployments.schemas import BidIn, BidOut, DecisionIn, DeployIn, DeploymentOut, RemoveIn
from watchkeeper.core.access import get_visible_or_404, visible
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of

router = Router(tags=["cctv"])


def deployment_out(d: Deployment) -> dict:
    return {
        "id": d.pk,
        "bid_id": d.bid_id,
        "camera": d.camera.code,
        "location": d.bid.location,
        "lat": d.lat,
        "lon": d.lon,
        "deployed_on": d.deployed_on,
        "ends_on": d.ends_on,
        "removed_on": d.removed_on,
    }


def bid_out(b: Bid) -> dict:
    return {
        **{
            f: getattr(b, f)
            for f in (
                "id",
                "location",
                "lat",
                "lon",
                "justification",
                "evidence",
                "case_reference",
                "bid_at",
                "status",
                "jag_meeting",
                "decision_reason",
            )
        },
        "district": b.district.code if b.district_id else None,
        "deployments": [deployment_out(d) for d in b.deployments.select_related("camera", "bid")],
    }


def _bid(request, bid_id: int) -> Bid:
    return get_visible_or_404(Bid, request.auth, f"No bid {bid_id}.", pk=bid_id)


@listing(router, "/cctv/bids", BidOut, "cctv.deployment.view", "Rapid-deployment bids, newest first")
def list_bids(request):
    return [bid_out(b) for b in visible(Bid, request.auth).select_related("district")[:1000]]


@router.post("/cctv/bids", response={201: BidOut}, summary="Bid for a rapid-deployment camera at the next JAG")
@operation("cctv.deployment.bid")
def add_bid(request, body: BidIn):
    data = body.model_dump()
    item = services.bid(actor_of(request), data.pop("partnership"), data.pop("district"), **data)
    return 201, bid_out(item)


@router.post("/cctv/bids/{bid_id}/decision", response=BidOut, summary="The JAG's decision, with its reasons")
@operation("cctv.deployment.decide")
def decide(request, body: DecisionIn, bid_id: int = PK):
    item = services.decide(actor_of(request), _bid(request, bid_id), body.approve, body.meeting, body.reason)
    return bid_out(item)


@router.post(
    "/cctv/bids/{bid_id}/deployments",
    response={201: DeploymentOut},
    summary="Deploy a rapid-deployment camera for an approved bid (three months by default)",
)
@operation("cctv.camera.edit")
def deploy(request, body: DeployIn, bid_id: int = PK):
    d = services.deploy(actor_of(request), _bid(request, bid_id), body.camera, body.deployed_on, body.ends_on)
    return 201, deployment_out(Deployment.objects.select_related("camera", "bid").get(pk=d.pk))


@listing(
    router, "/cctv/deployments", DeploymentOut, "cctv.deployment.view", "Where each rapid-deployment camera has been"
)
def list_deployments(request):
    return [deployment_out(d) for d in visible(Deployment, request.auth).select_related("camera", "bid")[:1000]]


@router.post("/cctv/deployments/{deployment_id}/removal", response=DeploymentOut, summary="Take the camera down")
@operation("cctv.camera.edit")
def remove(request, body: RemoveIn, deployment_id: int = PK):
    d = get_visible_or_404(
        Deployment.objects.select_related("camera", "bid"),
        request.auth,
        f"No deployment {deployment_id}.",
        pk=deployment_id,
    )
    d = services.remove(actor_of(request), d, body.removed_on or timezone.localdate())
    return deployment_out(Deployment.objects.select_related("camera", "bid").get(pk=d.pk))


__all__ = ["router"]
