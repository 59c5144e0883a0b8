"""Operator log pages: the log with the new-entry form, an entry, the handover summary."""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import redirect, render

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.dashboards.queries import kind_labels
from watchkeeper.cctv.log import queries, services
from watchkeeper.cctv.log.models import LogEntry
from watchkeeper.cctv.log.schemas import EntryIn, NoticeIn, PoliceIn, ResponseIn
from watchkeeper.control.models import IncidentCategory
from watchkeeper.core.access import allowed, get_visible_or_404, visible
from watchkeeper.core.input import parse
from watchkeeper.core.web import actor_of, page


@page("cctv.log.view")
def log_page(request):
    if request.method == "POST":
        data = parse(EntryIn, request.POST).model_dump()
        # An agency told at the time goes in with the entry, or neither is written.
        notice = parse(NoticeIn, request.POST) if request.POST.get("agency", "").strip() else None
        with transaction.atomic():
            entry = services.record_entry(actor_of(request), data.pop("partnership"), data.pop("district"), **data)
            if notice is not None:
                services.note_agency(actor_of(request), entry, **notice.model_dump())
        return redirect("cctv:log_entry", pk=entry.pk)
    labels = kind_labels()
    entries = list(queries.entries(request.user))
    for e in entries:
        e.kind_label = labels.get(e.kind, e.kind)
    context = {
        "entries": entries,
        "can_write": allowed(request.user, "cctv.log.write"),
        "categories": IncidentCategory.objects.filter(active=True).order_by("label"),
        "cameras": visible(Camera, request.user),
        "partnerships": request.user.agency.partnerships.all() if request.user.agency_id else [],
        "agreements": queries.agreements(request.user),
    }
    return render(request, "cctv/log.html", context)


@page("cctv.log.view")
def entry_page(request, pk: int):
    entry = get_visible_or_404(
        LogEntry.objects.select_related("incident", "operator"), request.user, f"No log entry {pk}.", pk=pk
    )
    if request.method == "POST":
        form = request.POST.get("form")
        if form == "police":
            services.tell_police(actor_of(request), entry, parse(PoliceIn, request.POST).incident_reference)
        elif form == "response":
            body = parse(ResponseIn, request.POST)
            services.note_response(actor_of(request), entry, body.notice_id, body.responded_at)
        else:
            services.note_agency(actor_of(request), entry, **parse(NoticeIn, request.POST).model_dump())
        return redirect("cctv:log_entry", pk=entry.pk)
    entry.kind_label = kind_labels().get(entry.kind, entry.kind)
    context = {
        "entry": entry,
        "notices": entry.notices.select_related("agreement"),
        "agreements": queries.agreements(request.user, entry.partnership),
        "can_write": allowed(request.user, "cctv.log.write"),
        "can_raise": allowed(request.user, "incident.create"),
    }
    return render(request, "cctv/log_entry.html", context)


@page("cctv.log.view")
def handover_page(request):
    summary = queries.handover(request.user)
    labels = kind_labels()
    summary["by_kind"] = [(labels.get(kind, kind), n) for kind, n in summary["by_kind"]]
    return render(request, "cctv/handover.html", {"summary": summary})
