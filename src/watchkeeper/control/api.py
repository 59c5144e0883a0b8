"""Control-room API (paths are a contract: outside scripts and the intake benchmark rely on them).
Views never write: every change goes through control.services."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router

from watchkeeper.api import listing, operation
from watchkeeper.control import kpis, queries, rules, services
from watchkeeper.control.models import Incident, IncidentEvent, SupervisionReview, Unit
from watchkeeper.control.schemas import (
    ID,
    AssignIn,
    AuthoriseIn,
    CloseIn,
    CommandIn,
    Created,
    EscalateIn,
    EventRow,
    GradeIn,
    IncidentFilter,
    IncidentIn,
    IncidentRow,
    KpiQuery,
    LinkIn,
    NoteIn,
    ReasonIn,
    ResolveIn,
    ReviewIn,
    UnitRow,
    UnitStatusIn,
)
from watchkeeper.control.services.common import incident_message
from watchkeeper.core.errors import Invalid, NotFound
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.models import Agency
from watchkeeper.core.prepared import VisibleByPk
from watchkeeper.core.web import actor_of

router = Router(tags=["control"])
PK = Path(..., **ID)


# Every request about one incident or unit starts by fetching it: compiled once per viewer.
INCIDENT = VisibleByPk(Incident, "category", "grade")
UNIT = VisibleByPk(Unit)


def _incident(request, pk: int) -> Incident:
    found = INCIDENT.get(request.auth, pk)
    if found is None:
        raise NotFound(f"No incident {pk} that you can see.")
    return found


def _unit(request, pk: int) -> Unit:
    found = UNIT.get(request.auth, pk)
    if found is None:
        raise NotFound(f"No unit {pk} that you can see.")
    return found


def _when(value, what: str):
    try:
        return queries.parse_when(value)
    except ValueError as exc:
        raise Invalid(f"{what}: {exc}") from None


def _row(incident: Incident) -> dict:
    message = incident_message(incident)
    return {
        **message,
        "received_at": incident.received_at,
        "category": incident.category.code,
        "category_label": incident.category.label,
        "ward_id": incident.ward_id,
        "master_id": incident.master_id,
    }


@router.post("/incidents", response={201: Created}, summary="Record a call as an incident")
@operation("incident.create")
def create_incident(request, body: IncidentIn):
    partnership = member_partnership(request.auth, body.partnership)
    incident = services.take_call(actor_of(request), partnership, **body.service_fields())
    duplicates = queries.likely_duplicate_references(
        request.auth,
        {
            "received_at": incident.received_at,
            "group": incident.category.group,
            "easting": incident.easting,
            "northing": incident.northing,
        },
        exclude_id=incident.pk,
    )
    suggestion = services.grading.suggestion_for(incident)
    return 201, {
        "id": incident.pk,
        "reference": incident.reference,
        "status": incident.status,
        "received_at": incident.received_at,
        "ward_id": incident.ward_id,
        "suggested_grade": suggestion.code if suggestion else None,
        "likely_duplicates": duplicates,
        "supervision": incident.category.supervision,
    }


@listing(router, "/incidents", IncidentRow, "incident.view", "Incidents you may see, newest first")
def list_incidents(request, filters: Query[IncidentFilter]):
    qs = Incident.objects.visible_to(request.auth).select_related("category", "grade")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.grade:
        qs = qs.filter(grade__code__iexact=filters.grade)
    if filters.category:
        qs = qs.filter(Q(category__code=filters.category) | Q(category__group=filters.category))
    if filters.ward:
        qs = qs.filter(ward_id=filters.ward)
    if filters.district:
        qs = qs.filter(district_id=filters.district)
    if filters.reference:
        qs = qs.filter(reference=filters.reference.upper())
    start, end = _when(filters.start, "start"), _when(filters.end, "end")
    if start:
        qs = qs.filter(received_at__gte=start)
    if end:
        qs = qs.filter(received_at__lt=end)
    return _Rows(qs)


class _Rows:
    """Lazy list for the paginator: slices the queryset, then shapes only that page."""

    def __init__(self, qs):
        self.qs = qs

    def __len__(self):
        return self.qs.count()

    def count(self):
        return self.qs.count()

    def __getitem__(self, item):
        return [_row(i) for i in self.qs[item]]


@router.get("/incidents/{incident_id}", summary="One incident with its units, caller (audited read) and THRIVE")
@operation("incident.view")
def get_incident(request, incident_id: int = PK):
    incident = _incident(request, incident_id)
    assessment = incident.assessments.order_by("-assessed_at", "-pk").first()
    return {
        **_row(incident),
        "received_at": incident.received_at.isoformat(),
        "recorded_at": incident.recorded_at.isoformat(),
        "channel": incident.channel.code,
        "description": incident.description,
        "location_text": incident.location_text,
        "location_accuracy": incident.location_accuracy,
        "easting": round(incident.easting, 1),
        "northing": round(incident.northing, 1),
        "asb_qualifier": incident.asb_qualifier,
        "required_skills": incident.required_skills,
        "resolution": incident.resolution,
        "closing_code": incident.closing_code.code if incident.closing_code_id else None,
        "closing_category": incident.closing_category.code if incident.closing_category_id else None,
        "closing_qualifiers": incident.closing_qualifiers,
        "result": incident.result,
        "closed_at": incident.closed_at.isoformat() if incident.closed_at else None,
        "caller": queries.caller_details(actor_of(request), incident),
        "thrive": None
        if assessment is None
        else {
            "grade": assessment.grade.code,
            "suggested": assessment.suggested_grade,
            "rationale": assessment.rationale,
            **{p: getattr(assessment, p) for p in services.grading.THRIVE_PARTS},
        },
        "assignments": [
            {
                "id": a.pk,
                "unit_id": a.unit_id,
                "call_sign": a.unit.call_sign,
                "despatched_at": a.despatched_at.isoformat(),
                "en_route_at": a.en_route_at.isoformat() if a.en_route_at else None,
                "arrived_at": a.arrived_at.isoformat() if a.arrived_at else None,
                "cleared_at": a.cleared_at.isoformat() if a.cleared_at else None,
            }
            for a in incident.assignments.select_related("unit")
        ],
        "duplicates": list(incident.duplicates.values_list("pk", flat=True)),
        "open_reviews": incident.reviews.filter(status=SupervisionReview.Status.OPEN).count(),
    }


@router.post("/incidents/{incident_id}/grade", summary="Grade or regrade with THRIVE (reason required to regrade)")
@operation("incident.grade")
def grade(request, body: GradeIn, incident_id: int = PK):
    incident = services.grade_incident(
        actor_of(request),
        _incident(request, incident_id),
        body.grade,
        body.rationale,
        body.thrive.dict(),
        body.reason,
    )
    return {
        "id": incident.pk,
        "reference": incident.reference,
        "grade": incident.grade.code,
        "attend": incident.grade.attend,
    }


@router.post("/incidents/{incident_id}/resolve", summary="Resolution without deployment (grade R)")
@operation("incident.grade")
def resolve(request, body: ResolveIn, incident_id: int = PK):
    agency = None
    if body.agency:
        agency = Agency.objects.filter(slug=body.agency).first()
        if agency is None:
            raise Invalid(f"Unknown agency {body.agency!r}.")
    incident = services.resolve_without_deployment(
        actor_of(request), _incident(request, incident_id), body.outcome, body.note, agency
    )
    return {"id": incident.pk, "resolution": incident.resolution}


@router.get("/incidents/{incident_id}/recommendations", summary="All resources ranked by travel time")
@operation("incident.despatch")
def recommend(request, incident_id: int = PK):
    incident = _incident(request, incident_id)
    ranked = services.recommendations(request.auth, incident)
    return {
        "incident": incident.pk,
        "reference": incident.reference,
        "items": [
            {
                "unit_id": r.unit_id,
                "call_sign": r.call_sign,
                "kind": r.kind,
                "status": r.status,
                "seconds": r.seconds,
                "minutes": round(r.seconds / 60, 1) if r.seconds is not None else None,
                "method": r.method,
                "available": r.available,
                "suitable": r.suitable,
                "preferred": r.preferred,
                "flags": r.flags,
            }
            for r in ranked
        ],
    }


@router.post("/incidents/{incident_id}/assignments", response={201: dict}, summary="Despatch a unit (409 if taken)")
@operation("incident.despatch")
def assign(request, body: AssignIn, incident_id: int = PK):
    incident = _incident(request, incident_id)
    unit = _unit(request, body.unit)
    estimate = None
    if unit.lat is not None and unit.lon is not None:
        walking = {unit.pk} if unit.kind in rules.WALKING_KINDS else set()
        estimate = services.despatch.travel_seconds(
            (incident.lat, incident.lon), [(unit.pk, unit.lat, unit.lon)], walking
        ).get(unit.pk)
    assignment = services.assign_unit(actor_of(request), incident, unit, estimate)
    return 201, {
        "id": assignment.pk,
        "incident": incident.pk,
        "unit": unit.pk,
        "call_sign": unit.call_sign,
        "despatched_at": assignment.despatched_at.isoformat(),
        "status": "en_route",
    }


@router.post("/incidents/{incident_id}/authorisations", response={201: dict}, summary="Authorise an SNT out of ward")
@operation("snt.authorise")
def authorise(request, body: AuthoriseIn, incident_id: int = PK):
    found = services.authorise_snt(
        actor_of(request), _incident(request, incident_id), _unit(request, body.unit), body.reason
    )
    return 201, {"id": found.pk, "unit": found.unit_id, "incident": found.incident_id}


@router.post("/units/{unit_id}/status", summary="Change a unit's status (field or control room)")
@operation("unit.status")
def unit_status(request, body: UnitStatusIn, unit_id: int = PK):
    unit = services.set_unit_status(
        actor_of(request), _unit(request, unit_id), body.status, body.at, body.lat, body.lon
    )
    return {"id": unit.pk, "call_sign": unit.call_sign, "status": unit.status}


@listing(router, "/units", UnitRow, "unit.view", "Units you may see")
def list_units(request, status: str = Query(None, max_length=12), kind: str = Query(None, max_length=12)):
    qs = Unit.objects.visible_to(request.auth)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


@router.post("/incidents/{incident_id}/link", summary="Link this incident as a duplicate of a master")
@operation("incident.grade")
def link(request, body: LinkIn, incident_id: int = PK):
    duplicate = services.link_duplicate(
        actor_of(request), _incident(request, incident_id), _incident(request, body.master)
    )
    return {"id": duplicate.pk, "master": duplicate.master_id, "status": duplicate.status}


@router.post("/incidents/{incident_id}/close", summary="Close (409 if already closed)")
@operation("incident.close")
def close(request, body: CloseIn, incident_id: int = PK):
    incident = services.close_incident(
        actor_of(request),
        _incident(request, incident_id),
        body.closing_code,
        body.result,
        body.closing_category,
        body.qualifiers,
    )
    return {"id": incident.pk, "status": incident.status, "closing_code": incident.closing_code.code}


@router.post("/incidents/{incident_id}/cancel", summary="Cancel with a reason (never deleted)")
@operation("incident.close")
def cancel(request, body: ReasonIn, incident_id: int = PK):
    incident = services.cancel_incident(actor_of(request), _incident(request, incident_id), body.reason)
    return {"id": incident.pk, "status": incident.status}


@router.post("/incidents/{incident_id}/command", summary="Take command (inspector) or accept it back (duty officer)")
@operation("incident.command")
def command(request, body: CommandIn, incident_id: int = PK):
    incident = _incident(request, incident_id)
    if body.action == "take":
        incident = services.take_command(actor_of(request), incident, body.rationale)
    elif body.action == "return":
        incident = services.return_command(actor_of(request), incident, body.rationale)
    else:
        raise Invalid("action must be 'take' or 'return'.")
    return {"id": incident.pk, "command": incident.command}


@router.post("/incidents/{incident_id}/escalate", summary="Escalate to critical or major")
@operation("incident.command")
def escalate(request, body: EscalateIn, incident_id: int = PK):
    incident = services.escalate(actor_of(request), _incident(request, incident_id), body.level, body.rationale)
    return {"id": incident.pk, "escalation": incident.escalation}


@router.post("/incidents/{incident_id}/notes", response={201: dict}, summary="Add a note to the timeline")
@operation("incident.grade")
def note(request, body: NoteIn, incident_id: int = PK):
    found = services.add_note(actor_of(request), _incident(request, incident_id), body.text)
    return 201, {"id": found.pk}


@router.post("/reviews/{review_id}/complete", summary="Complete a supervisor review")
@operation("incident.command")
def complete_review(request, body: ReviewIn, review_id: int = PK):
    review = get_object_or_404(
        SupervisionReview.objects.filter(incident__in=Incident.objects.visible_to(request.auth)), pk=review_id
    )
    review = services.complete_review(actor_of(request), review, body.note)
    return {"id": review.pk, "status": review.status}


@router.get("/incidents/{incident_id}/timeline", response=list[EventRow], summary="The incident's timeline")
@operation("incident.view")
def timeline(request, incident_id: int = PK):
    return IncidentEvent.objects.filter(incident=_incident(request, incident_id)).order_by("at", "pk")


@router.get("/kpis/response", summary="Response-time figures from the timeline (period, area, grade)")
@operation("kpi.view")
def response_kpis(request, query: Query[KpiQuery]):
    return kpis.kpi_report(
        request.auth, _when(query.start, "start"), _when(query.end, "end"), query.grade, query.ward, query.district
    )


@router.get("/misuse-callers", summary="Persistent 999 misuse callers (>= threshold)")
@operation("incident.grade")
def misuse(request):
    return {"items": queries.misuse_callers(actor_of(request))}
