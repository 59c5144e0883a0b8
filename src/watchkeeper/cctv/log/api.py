"""Operator log API: entries, agencies told, raising or linking a control-room incident."""

from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.cctv.log import queries, services
from watchkeeper.cctv.log.models import LogEntry
from watchkeeper.cctv.log.schemas import EntryIn, EntryOut, NoticeIn, PoliceIn, ResponseIn
from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of

router = Router(tags=["cctv"])


def entry_out(e: LogEntry) -> dict:
    return {
        "id": e.pk,
        "reference": e.reference,
        "occurred_at": e.occurred_at,
        "location": e.location,
        "kind": e.kind,
        "narrative": e.narrative,
        "cameras": [c.code for c in e.cameras.all()],
        "footage_start": e.footage_start,
        "footage_end": e.footage_end,
        "operator": e.operator.get_full_name() or e.operator.username,
        "incident": e.incident.reference if e.incident_id else None,
        "notices": [
            {
                "id": n.pk,
                "agency": n.agency,
                "their_reference": n.their_reference,
                "notified_at": n.notified_at,
                "responded_at": n.responded_at,
                "response_minutes": n.response_minutes,
                "agreement": n.agreement.reference if n.agreement_id else None,
            }
            for n in e.notices.select_related("agreement")
        ],
    }


def _entry(request, entry_id: int) -> LogEntry:
    return get_visible_or_404(LogEntry, request.auth, f"No log entry {entry_id}.", pk=entry_id)


@listing(router, "/cctv/log", EntryOut, "cctv.log.view", "Operator log entries, newest first")
def list_entries(request):
    return [entry_out(e) for e in queries.entries(request.auth, limit=1000)]


@router.post("/cctv/log", response={201: EntryOut}, summary="Record a log entry")
@operation("cctv.log.write")
def add_entry(request, body: EntryIn):
    data = body.model_dump()
    entry = services.record_entry(actor_of(request), data.pop("partnership"), data.pop("district"), **data)
    return 201, entry_out(entry)


@router.post("/cctv/log/{entry_id}/notices", response={201: EntryOut}, summary="Note an agency told")
@operation("cctv.log.write")
def add_notice(request, body: NoticeIn, entry_id: int = PK):
    entry = _entry(request, entry_id)
    services.note_agency(actor_of(request), entry, **body.model_dump())
    return 201, entry_out(entry)


@router.post("/cctv/log/{entry_id}/responses", response=EntryOut, summary="Note when an agency told responded")
@operation("cctv.log.write")
def add_response(request, body: ResponseIn, entry_id: int = PK):
    entry = _entry(request, entry_id)
    services.note_response(actor_of(request), entry, body.notice_id, body.responded_at)
    return entry_out(entry)


@router.post(
    "/cctv/log/{entry_id}/police", response=EntryOut, summary="Police told: raise or link a control-room incident"
)
@operation("cctv.log.write")
def tell_police(request, body: PoliceIn, entry_id: int = PK):
    entry = services.tell_police(actor_of(request), _entry(request, entry_id), body.incident_reference)
    return entry_out(entry)


@router.get("/cctv/handover", response=dict, summary="Shift handover summary (last 12 hours)")
@operation("cctv.log.view")
def handover(request):
    summary = queries.handover(request.auth)
    summary["shift_entries"] = [e.reference for e in summary["shift_entries"]]
    return summary


__all__ = ["router"]
