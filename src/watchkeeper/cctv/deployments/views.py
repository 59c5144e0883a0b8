"""Rapid-deployment pages: bids and the JAG's decisions, deployments, where each camera has been."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.deployments import services
from watchkeeper.cctv.deployments.models import Bid, Deployment
from watchkeeper.cctv.deployments.schemas import BidIn, DecisionIn, DeployIn
from watchkeeper.core.access import allowed, get_visible_or_404, visible
from watchkeeper.core.errors import Invalid
from watchkeeper.core.input import id_or_none, parse
from watchkeeper.core.web import actor_of, page


@page("cctv.deployment.view")
def deployments_page(request):
    if request.method == "POST":
        data = parse(BidIn, request.POST).model_dump()
        item = services.bid(actor_of(request), data.pop("partnership"), data.pop("district"), **data)
        return redirect("cctv:bid", pk=item.pk)
    context = {
        "bids": visible(Bid, request.user)[:200],
        "deployments": visible(Deployment, request.user).select_related("camera", "bid")[:200],
        "can_bid": allowed(request.user, "cctv.deployment.bid"),
        "partnerships": request.user.agency.partnerships.all() if request.user.agency_id else [],
        "layers": [
            {
                "name": "Where rapid-deployment cameras have been",
                "url": "/cctv/deployments/history.geojson",
                "style": "camera",
            }
        ],
    }
    return render(request, "cctv/deployments.html", context)


@page("cctv.deployment.view")
def bid_page(request, pk: int):
    item = get_visible_or_404(Bid, request.user, f"No bid {pk}.", pk=pk)
    if request.method == "POST":
        form = request.POST.get("form")
        if form == "decision":
            body = parse(DecisionIn, request.POST, approve=request.POST.get("approve") == "yes")
            services.decide(actor_of(request), item, body.approve, body.meeting, body.reason)
        elif form == "deploy":
            body = parse(DeployIn, request.POST)
            services.deploy(actor_of(request), item, body.camera, body.deployed_on, body.ends_on)
        elif form == "remove":
            d = get_visible_or_404(
                Deployment, request.user, "No such deployment.", pk=id_or_none(request.POST.get("deployment")), bid=item
            )
            services.remove(actor_of(request), d, timezone.localdate())
        else:
            raise Invalid("Unknown action.")
        return redirect("cctv:bid", pk=item.pk)
    context = {
        "bid": item,
        "deployments": item.deployments.select_related("camera"),
        "can_decide": allowed(request.user, "cctv.deployment.decide") and item.status == Bid.Status.PENDING,
        "can_deploy": allowed(request.user, "cctv.camera.edit") and item.status == Bid.Status.APPROVED,
        "rapid": visible(Camera, request.user).filter(kind=Camera.Kind.RAPID, partnership=item.partnership),
    }
    return render(request, "cctv/bid.html", context)


@page("cctv.deployment.view")
def history_layer(request):
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [d.lon, d.lat]},
            "properties": {
                "name": f"{d.camera.code} at {d.bid.location}, {d.deployed_on:%d %b %Y} to "
                f"{(d.removed_on or d.ends_on):%d %b %Y}",
                "colour": "#6a1b9a" if d.removed_on is None else "#999999",
            },
        }
        for d in visible(Deployment, request.user).select_related("camera", "bid")
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
