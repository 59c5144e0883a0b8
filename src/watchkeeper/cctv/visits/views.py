"""The visitor and viewing log page: who is in the room, sign a visitor in, sign them out."""

from __future__ import annotations

from django.shortcuts import redirect, render

from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.cctv.visits import queries, services
from watchkeeper.cctv.visits.models import Visit
from watchkeeper.cctv.visits.schemas import SignOutIn, VisitIn
from watchkeeper.core import audit
from watchkeeper.core.access import allowed, get_visible_or_404, visible
from watchkeeper.core.input import id_or_none, parse
from watchkeeper.core.web import actor_of, page


@page("cctv.visit.view")
def visits_page(request):
    if request.method == "POST":
        actor = actor_of(request)
        if request.POST.get("form") == "out":
            visit = get_visible_or_404(Visit, request.user, "No such visit.", pk=id_or_none(request.POST.get("visit")))
            services.sign_out(actor, visit, parse(SignOutIn, request.POST).signed_out_at)
        else:
            body = parse(VisitIn, request.POST, identity_checked=request.POST.get("identity_checked") == "on")
            data = body.model_dump()
            services.sign_in(actor, data.pop("partnership"), data.pop("district"), **data)
        return redirect("cctv:visits")
    rows = list(queries.visits(request.user))
    # Visitors' names are personal data: each look at the log is audited.
    audit.record_read(actor_of(request), ("cctv.visit", "log"), ["visitor"], summary=f"Visitor log ({len(rows)})")
    context = {
        "visits": rows,
        "in_room": [v for v in rows if v.signed_out_at is None],
        "can_record": allowed(request.user, "cctv.visit.record"),
        "purposes": Visit.Purpose.choices,
        "requests": visible(ViewingRequest, request.user).filter(
            status__in=[ViewingRequest.Status.APPROVED, ViewingRequest.Status.DISCLOSED]
        )[:200],
        "partnerships": request.user.agency.partnerships.all() if request.user.agency_id else [],
    }
    return render(request, "cctv/visits.html", context)
