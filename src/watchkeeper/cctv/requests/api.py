"""Viewing and disclosure requests API: record, decide, stop/restart the clock, redactions."""

from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.cctv.requests import queries, services
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.cctv.requests.schemas import DecisionIn, RedactionIn, RequestIn, RequestOut, ResumeIn, StopIn
from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of

router = Router(tags=["cctv"])


def request_out(row: dict) -> dict:
    r, clock = row["request"], row["clock"]
    return {
        **{
            f: getattr(r, f)
            for f in (
                "id",
                "reference",
                "kind",
                "requester",
                "organisation",
                "lawful_basis",
                "start",
                "end",
                "received_on",
                "status",
                "decision_reason",
            )
        },
        "cameras": [c.code for c in r.cameras.all()],
        "due": clock.due if clock else None,
        "clock_stopped": bool(clock and clock.stopped),
        "overdue": row["overdue"],
    }


def _out(request, item: ViewingRequest) -> dict:
    return request_out(next(r for r in queries.listing(request.auth) if r["request"].pk == item.pk))


def _request(request, request_id: int) -> ViewingRequest:
    return get_visible_or_404(ViewingRequest, request.auth, f"No viewing request {request_id}.", pk=request_id)


@listing(
    router, "/cctv/requests", RequestOut, "cctv.request.view", "Viewing and subject-access requests with their clocks"
)
def list_requests(request):
    return [request_out(r) for r in queries.listing(request.auth)]


@router.post("/cctv/requests", response={201: RequestOut}, summary="Record a request (holds the footage)")
@operation("cctv.request.create")
def add_request(request, body: RequestIn):
    data = body.model_dump()
    item = services.create_request(actor_of(request), data.pop("partnership"), data.pop("district"), **data)
    return 201, _out(request, item)


@router.post(
    "/cctv/requests/{request_id}/decision",
    response=RequestOut,
    summary="A data controller approves or refuses, with reasons",
)
@operation("cctv.request.decide")
def decide(request, body: DecisionIn, request_id: int = PK):
    item = services.decide(actor_of(request), _request(request, request_id), body.approve, body.reason)
    return _out(request, item)


@router.post(
    "/cctv/requests/{request_id}/clock-stops",
    response=RequestOut,
    summary="Stop the clock while identity, a fee or clarification is awaited",
)
@operation("cctv.request.create")
def stop_clock(request, body: StopIn, request_id: int = PK):
    item = _request(request, request_id)
    services.stop_clock(actor_of(request), item, body.reason, body.on)
    return _out(request, item)


@router.post("/cctv/requests/{request_id}/clock-restarts", response=RequestOut, summary="Restart a stopped clock")
@operation("cctv.request.create")
def resume_clock(request, body: ResumeIn, request_id: int = PK):
    item = _request(request, request_id)
    services.resume_clock(actor_of(request), item, body.on)
    return _out(request, item)


@router.post("/cctv/requests/{request_id}/redactions", response={201: dict}, summary="Record what was masked and how")
@operation("cctv.request.create")
def add_redaction(request, body: RedactionIn, request_id: int = PK):
    item = services.record_redaction(actor_of(request), _request(request, request_id), **body.model_dump())
    return 201, {"id": item.pk, "what": item.what, "method": item.method}


__all__ = ["router"]
