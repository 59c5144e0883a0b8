"""Powers API: incidents from the phone, hand-over to police, video clips, fixed penalty notices."""

from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of
from watchkeeper.patrol.officers.queries import officer_for
from watchkeeper.patrol.powers import services
from watchkeeper.patrol.powers.models import FixedPenaltyNotice, PatrolIncident
from watchkeeper.patrol.schemas import ClipIn, Created, IncidentIn, NoticeIn, NoticeMoveIn, NoticeRow, PowerUseIn

router = Router(tags=["patrol"])


@router.post("/patrol/incidents", response={201: Created}, summary="Log an incident (a control-room incident)")
@operation("patrol.record")
def log_incident(request, body: IncidentIn):
    officer = officer_for(request.auth)
    made = services.log_incident(actor_of(request), officer, body.category, body.notes, body.lat, body.lon)
    return 201, {"id": made.pk}


@router.post("/patrol/incidents/{incident_id}/handover", response=Created, summary="Hand the incident to the police")
@operation("patrol.record")
def handover(request, incident_id: int = PK):
    logged = get_visible_or_404(
        PatrolIncident, request.auth, f"No patrol incident {incident_id} that you can see.", pk=incident_id
    )
    return {"id": services.hand_to_police(actor_of(request), logged).pk}


@router.post("/patrol/clips", response={201: Created}, summary="Record a body-worn video clip by reference and hash")
@operation("patrol.record")
def clip(request, body: ClipIn):
    incident = notice = None
    if body.incident:
        incident = get_visible_or_404(
            PatrolIncident, request.auth, f"No patrol incident {body.incident} that you can see.", pk=body.incident
        )
    if body.notice:
        notice = get_visible_or_404(
            FixedPenaltyNotice, request.auth, f"No notice {body.notice} that you can see.", pk=body.notice
        )
    made = services.add_clip(
        actor_of(request),
        officer_for(request.auth),
        body.reference,
        body.sha256.lower(),
        body.started_at,
        incident,
        notice,
    )
    return 201, {"id": made.pk}


@listing(router, "/patrol/notices", NoticeRow, "patrol.view", "Fixed penalty notices (no recipient details)")
def notices(request):
    return [
        {
            "id": n.pk,
            "reference": n.reference,
            "power": n.power.code,
            "issued_at": n.issued_at,
            "status": n.status,
            "video_running": n.video_running,
            "amount": float(n.amount),
        }
        for n in FixedPenaltyNotice.objects.visible_to(request.auth).select_related("power")
    ]


@router.post("/patrol/notices", response={201: Created}, summary="Issue a fixed penalty notice under a power I hold")
@operation("patrol.record")
def issue(request, body: NoticeIn):
    made = services.issue_notice(actor_of(request), officer_for(request.auth), **body.service_fields())
    return 201, {"id": made.pk}


@router.post("/patrol/power-uses", response={201: Created}, summary="Record a name-and-address or alcohol power used")
@operation("patrol.record")
def use_power(request, body: PowerUseIn):
    return 201, {"id": services.use_power(actor_of(request), officer_for(request.auth), body).pk}


@router.post("/patrol/notices/{notice_id}/status", response=Created, summary="Move a notice on (paid, appealed...)")
@operation("patrol.notice.process")
def move(request, body: NoticeMoveIn, notice_id: int = PK):
    notice = get_visible_or_404(
        FixedPenaltyNotice, request.auth, f"No notice {notice_id} that you can see.", pk=notice_id
    )
    return {"id": services.move_notice(actor_of(request), notice, body.status, body.note).pk}


__all__ = ["router"]
