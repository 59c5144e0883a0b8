"""Visitor and viewing log API: the visits, sign in, sign out."""

from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.cctv.visits import queries, services
from watchkeeper.cctv.visits.models import Visit
from watchkeeper.cctv.visits.schemas import SignOutIn, VisitIn, VisitOut
from watchkeeper.core import audit
from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of

router = Router(tags=["cctv"])


def _name(user) -> str | None:
    return (user.get_full_name() or user.username) if user else None


def visit_out(v: Visit) -> dict:
    return {
        **{f: getattr(v, f) for f in ("id", "visitor", "organisation", "purpose", "footage", "identity_checked")},
        "request": v.request.reference if v.request_id else None,
        "signed_in_at": v.signed_in_at,
        "signed_in_by": _name(v.signed_in_by),
        "signed_out_at": v.signed_out_at,
        "signed_out_by": _name(v.signed_out_by),
    }


@listing(router, "/cctv/visits", VisitOut, "cctv.visit.view", "Visitor and viewing log, newest first")
def list_visits(request):
    rows = [visit_out(v) for v in queries.visits(request.auth, limit=1000)]
    audit.record_read(actor_of(request), ("cctv.visit", "log"), ["visitor"], summary=f"Visitor log ({len(rows)})")
    return rows


@router.post("/cctv/visits", response={201: VisitOut}, summary="Sign a visitor into the control room")
@operation("cctv.visit.record")
def sign_in(request, body: VisitIn):
    data = body.model_dump()
    visit = services.sign_in(actor_of(request), data.pop("partnership"), data.pop("district"), **data)
    return 201, visit_out(visit)


@router.post("/cctv/visits/{visit_id}/sign-out", response=VisitOut, summary="Sign a visitor out")
@operation("cctv.visit.record")
def sign_out(request, body: SignOutIn, visit_id: int = PK):
    visit = get_visible_or_404(Visit, request.auth, f"No visit {visit_id}.", pk=visit_id)
    return visit_out(services.sign_out(actor_of(request), visit, body.signed_out_at))


__all__ = ["router"]
