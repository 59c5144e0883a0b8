"""Proof-of-patrol API: positions from the phone page, and GPS track files."""

from ninja import Router

from watchkeeper.api import operation
from watchkeeper.core.web import actor_of
from watchkeeper.patrol.officers.queries import officer_for
from watchkeeper.patrol.proof import rules, services
from watchkeeper.patrol.schemas import PositionsIn, PositionsOut, TrackIn

router = Router(tags=["patrol"])


@router.post("/patrol/positions", response={201: PositionsOut}, summary="My positions (from the phone page)")
@operation("patrol.record")
def positions(request, body: PositionsIn):
    points = [rules.Point(p.at, p.lat, p.lon) for p in body.points]
    shift, stored = services.record_positions(actor_of(request), officer_for(request.auth), points, "phone")
    return 201, {"shift": shift.pk, "stored": stored}


@router.post("/patrol/tracks", response={201: PositionsOut}, summary="Import my GPS track (GPX or CSV)")
@operation("patrol.record")
def track(request, body: TrackIn):
    shift, stored = services.import_track(actor_of(request), officer_for(request.auth), body.text, body.format)
    return 201, {"shift": shift.pk, "stored": stored}


__all__ = ["router"]
