"""Request pages: the list with clocks and the new-request form; one request with its decision,
clock stops, redactions and releases."""

from __future__ import annotations

from django.shortcuts import redirect, render

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.log import queries as log_queries
from watchkeeper.cctv.requests import queries, services
from watchkeeper.cctv.requests.models import ClockStop, DisclosureBasis, ViewingRequest
from watchkeeper.cctv.requests.schemas import DecisionIn, RedactionIn, RequestIn, ResumeIn, StopIn
from watchkeeper.core import audit
from watchkeeper.core.access import allowed, get_visible_or_404, visible
from watchkeeper.core.input import parse
from watchkeeper.core.models import Agency
from watchkeeper.core.web import actor_of, page


@page("cctv.request.view")
def requests_page(request):
    if request.method == "POST":
        data = parse(RequestIn, request.POST, complex=request.POST.get("complex") == "on").model_dump()
        item = services.create_request(actor_of(request), data.pop("partnership"), data.pop("district"), **data)
        return redirect("cctv:request", pk=item.pk)
    context = {
        "rows": queries.listing(request.user),
        "can_create": allowed(request.user, "cctv.request.create"),
        "kinds": ViewingRequest.Kind.choices,
        "cameras": visible(Camera, request.user),
        "partnerships": request.user.agency.partnerships.all() if request.user.agency_id else [],
        # Who receives a disclosure and under what: without them a release to an agency that shares
        # under an agreement is refused later, so the form asks at the start.
        "bases": DisclosureBasis.choices,
        "agencies": Agency.objects.filter(partnerships__id__in=request.user.partnership_ids())
        .exclude(pk=request.user.agency_id)
        .distinct()
        .order_by("name"),
        "agreements": log_queries.agreements(request.user),
    }
    return render(request, "cctv/requests.html", context)


@page("cctv.request.view")
def request_page(request, pk: int):
    item = get_visible_or_404(
        ViewingRequest.objects.select_related("decided_by"), request.user, f"No viewing request {pk}.", pk=pk
    )
    if request.method == "POST":
        form, actor = request.POST.get("form"), actor_of(request)
        if form == "decision":
            body = parse(DecisionIn, request.POST, approve=request.POST.get("approve") == "yes")
            services.decide(actor, item, body.approve, body.reason)
        elif form == "stop":
            body = parse(StopIn, request.POST)
            services.stop_clock(actor, item, body.reason, body.on)
        elif form == "resume":
            services.resume_clock(actor, item, parse(ResumeIn, request.POST).on)
        else:
            services.record_redaction(actor, item, **parse(RedactionIn, request.POST).model_dump())
        return redirect("cctv:request", pk=item.pk)
    # The requester's name and the footage of them are personal data: each look is audited.
    audit.record_read(actor_of(request), item, ["requester", "time_range"], summary=f"Viewed request {item.reference}")
    row = next(r for r in queries.listing(request.user) if r["request"].pk == item.pk)
    context = {
        "row": row,
        "item": item,
        "reasons": ClockStop.Reason.choices,
        "can_create": allowed(request.user, "cctv.request.create"),
        "can_decide": allowed(request.user, "cctv.request.decide") and item.status == ViewingRequest.Status.RECEIVED,
    }
    return render(request, "cctv/request.html", context)
