"""Directed despatch: ranking every resource by travel time, sending a unit (safe when two
dispatchers pick the same unit at once), SNT ring-fence authorisation, and unit status from the field."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from watchkeeper.control import rules, unit_status
from watchkeeper.control.models import (
    Assignment,
    Incident,
    IncidentEvent,
    SntAuthorisation,
    Unit,
    UnitStatusChange,
    reference_data,
)
from watchkeeper.control.services.common import (
    Conflict,
    Denied,
    Invalid,
    event,
    locked_open,
    publish_incident,
    publish_unit,
)
from watchkeeper.core import audit
from watchkeeper.core.access import allowed, require
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.prepared import ForViewer, Insert, Prepared, Update

K = IncidentEvent.Kind
S = Unit.Status


def travel_seconds(
    incident_latlon: tuple[float, float], units: list[tuple[int, float, float]], walking: set[int] = frozenset()
) -> dict:
    """unit id -> (seconds, method) by road when a network is loaded (closures applied), else the
    straight-line estimate; units in `walking` (on foot) at walking pace, straight-line, as the road
    network is a driving one. The network is loaded once per process (core.roads), never per request."""
    from watchkeeper.core.geo import to_bng

    walkers = [u for u in units if u[0] in walking]
    units = [u for u in units if u[0] not in walking]
    on_foot = {}
    if walkers:
        origin = to_bng(*incident_latlon)
        kph = float(reference_data().settings.walking_kph)
        on_foot = {
            uid: (round(rules.walking_seconds(origin, to_bng(lat, lon), kph), 1), rules.WALKING)
            for uid, lat, lon in walkers
        }
    return on_foot | _driving_seconds(incident_latlon, units)


def _driving_seconds(incident_latlon: tuple[float, float], units: list[tuple[int, float, float]]) -> dict:
    if not units:
        return {}
    try:
        from watchkeeper.core import roads
        from watchkeeper.routing import rank_units

        network = roads.network()
    except ImportError:  # pragma: no cover - routing is part of the product; kept for a trimmed install
        network = None
    if network is not None:
        ranked = rank_units(network, incident_latlon, units, overlay=roads.overlay())
        return {
            r.unit_id: (round(float(r.seconds), 1), "road" if r.method == "road" else rules.STRAIGHT_LINE)
            for r in ranked
        }
    from watchkeeper.core.geo import to_bng

    origin = to_bng(*incident_latlon)
    return {
        uid: (round(rules.straight_line_seconds(origin, to_bng(lat, lon)), 1), rules.STRAIGHT_LINE)
        for uid, lat, lon in units
    }


# Every recommendation reads the partnership's units on duty that the user may see: compiled once
# per viewer (core/prepared.py).
_ON_DUTY = ForViewer(
    Unit,
    lambda slot, user: (
        Unit.objects.visible_to(user)
        .filter(partnership_id=slot("partnership"))
        .exclude(status=S.OFF_DUTY)
        .values_list("id", "call_sign", "kind", "status", "lat", "lon", "skills", "home_ward_id")
    ),
)


def recommendations(user, incident: Incident) -> list[rules.Recommendation]:
    """Every on-duty unit the user may see in the incident's partnership, ranked (rules.assess_candidates)."""
    units = _ON_DUTY.rows(user, partnership=incident.partnership_id)
    candidates = [
        rules.Candidate(pk, call_sign, kind, status, lat, lon, skills or [], home if kind == Unit.Kind.SNT else None)
        for pk, call_sign, kind, status, lat, lon, skills, home in units
    ]
    positioned = [(c.id, c.lat, c.lon) for c in candidates if c.lat is not None and c.lon is not None]
    walking = {c.id for c in candidates if c.kind in rules.WALKING_KINDS}
    seconds = travel_seconds((incident.lat, incident.lon), positioned, walking)
    category = incident.category if incident.category_id else None
    capability = rules.Capability(
        preferred_skills=tuple(category.preferred_skills or ()) if category else (),
        required_kinds=tuple(category.required_kinds or ()) if category else (),
        preferred_kinds=tuple(category.preferred_kinds or ()) if category else (),
        window=float(reference_data().settings.preference_window_seconds),
    )
    return rules.assess_candidates(candidates, seconds, incident.ward_id, incident.required_skills or [], capability)


def authorise_snt(actor: Actor, incident: Incident, unit: Unit, reason: str) -> SntAuthorisation:
    """A duty officer's recorded authorisation to send a ring-fenced SNT officer out of their ward."""
    require(actor.user, "snt.authorise", incident)
    if not (reason or "").strip():
        raise Invalid("Give the reason for sending the SNT officer out of their ward.")
    if unit.partnership_id != incident.partnership_id:
        raise Invalid("The unit and the incident belong to different partnerships.")
    with transaction.atomic():
        found = SntAuthorisation.objects.create(
            incident=incident, unit=unit, authorised_by=actor.user, reason=reason.strip()[:300]
        )
        event(incident, K.SNT_AUTHORISED, actor, unit=unit.pk, call_sign=unit.call_sign, reason=found.reason)
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            found,
            fields=["unit", "reason"],
            summary=f"{unit.call_sign} authorised out of ward for {incident.reference}",
        )
    return found


# Despatch and every status change write these rows: statements built once (core/prepared.py).
# Assignments and unit rows change only in the columns named where they are saved below.
_INSERT_ASSIGNMENT = Insert(Assignment)
_INSERT_STATUS_CHANGE = Insert(UnitStatusChange)
_UPDATE_UNIT = Update(Unit)
_UPDATE_ASSIGNMENT = Update(Assignment)


def _status_changed(unit: Unit, at, before: str, after: str, user, incident, lat=None, lon=None) -> None:
    """The unit's status history: one row per change (or position report), only ever inserted."""
    change = UnitStatusChange(
        unit=unit, at=at, status_from=before, status_to=after, actor=user, incident=incident, lat=lat, lon=lon
    )
    _INSERT_STATUS_CHANGE.save(change)


def assign_unit(
    actor: Actor, incident: Incident, unit: Unit, estimate: tuple[float, str] | None = None, override: str = ""
) -> Assignment:
    """Send `unit` to `incident`. The unit row changes from available to en route in one conditional
    UPDATE, so of two dispatchers sending the same unit at once exactly one succeeds; the other gets
    a Conflict naming the unit's status. A ring-fenced SNT officer outside their ward needs an
    authorisation (authorise_snt) first."""
    require(actor.user, "incident.despatch", incident)
    if unit.partnership_id != incident.partnership_id:
        raise Invalid(f"{unit.call_sign} does not serve this incident's partnership.")
    if unit.kind in rules.VIEWING_KINDS:
        raise Invalid(f"{unit.call_sign} is a camera: a viewing resource, not sent to incidents.")
    override = (override or "").strip()
    with transaction.atomic():
        incident = locked_open(incident, "grade", "category")
        if incident.grade is not None and not incident.grade.attend:
            raise Conflict(f"{incident.reference} is graded {incident.grade.code} (no attendance); regrade it first.")
        missing = {s.lower() for s in incident.required_skills or []} - {s.lower() for s in unit.skills or []}
        if missing and not override:
            raise Conflict(f"{unit.call_sign} lacks {', '.join(sorted(missing))} needed for this incident.")
        if missing:
            lacks = ", ".join(sorted(missing))
            event(incident, K.NOTE, actor, text=f"{unit.call_sign} sent without {lacks}: {override[:500]}")
        kinds = incident.category.required_kinds or []
        if kinds and unit.kind not in kinds:
            wanted = " or ".join(k.replace("_", " ") for k in kinds)
            if not override:
                raise Conflict(f"{unit.call_sign} is not a {wanted}, the resource this category needs.")
            event(incident, K.NOTE, actor, text=f"{unit.call_sign} sent though not a {wanted}: {override[:500]}")
        authorisation = None
        if unit.ring_fenced and unit.home_ward_id != incident.ward_id:
            authorisation = SntAuthorisation.objects.filter(incident=incident, unit=unit).order_by("-at").first()
            if authorisation is None:
                raise Conflict(
                    f"{unit.call_sign} is a Safer Neighbourhood officer ring-fenced to another ward: "
                    "a duty officer must authorise sending them out of it first."
                )
        now = timezone.now()
        taken = _UPDATE_UNIT.run({"status": S.EN_ROUTE, "updated_at": now}, pk=unit.pk, status=S.AVAILABLE)
        if not taken:
            status = Unit.objects.filter(pk=unit.pk).values_list("status", flat=True).first()
            label = S(status).label.lower() if status in S.values else "gone"
            raise Conflict(f"{unit.call_sign} is {label}, not available: choose another unit.")
        seconds, method = estimate or (None, "")
        assignment = _INSERT_ASSIGNMENT.save(
            Assignment(
                incident=incident,
                unit=unit,
                despatched_at=now,
                despatched_by=actor.user,
                estimate_seconds=seconds,
                estimate_method=method,
                authorisation=authorisation,
            )
        )
        _status_changed(unit, now, S.AVAILABLE, S.EN_ROUTE, actor.user if actor.user.pk else None, incident)
        event(incident, K.ASSIGNED, actor, at=now, unit=unit.pk, call_sign=unit.call_sign, assignment=assignment.pk)
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            incident,
            fields=["assignments"],
            summary=f"{unit.call_sign} despatched to {incident.reference}",
        )
        unit.status = S.EN_ROUTE
        publish_unit(unit, incident.pk, context=(incident, now))
        publish_incident(incident)
    return assignment


# A unit's status changes all shift long: its two locked reads are compiled once (core/prepared.py).
LOCKED_UNIT = Prepared(Unit, lambda slot: Unit.objects.select_for_update().filter(pk=slot("pk")).order_by())
OPEN_ASSIGNMENT = Prepared(
    Assignment,
    lambda slot: (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("incident__grade", "incident__category")  # for the board message
        .filter(unit_id=slot("unit"), cleared_at__isnull=True)[:1]
    ),
)


def set_unit_status(
    actor: Actor,
    unit: Unit,
    status: str,
    at: datetime | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> Unit:
    """A status from the field (or the control room): en route / at scene stamp the open assignment;
    available, unavailable and off duty clear it. Times given must be possible (not in the future,
    not before the call or the despatch)."""
    require(actor.user, "unit.status", unit)
    if status not in S.values:
        raise Invalid(f"Unknown unit status {status!r}: use {', '.join(S.values)}.")
    if unit.officer_id != actor.user.pk and not allowed(actor.user, "unit.status.any"):
        raise Denied(f"You can only change the status of your own unit, not {unit.call_sign}.")
    if (lat is None) != (lon is None):
        raise Invalid("Give both latitude and longitude, or neither.")
    if lat is not None:
        from watchkeeper.core.geo import valid_latlon

        if not valid_latlon(lat, lon):
            raise Invalid(f"{lat}, {lon} is not a valid latitude, longitude.")
    now = timezone.now()
    if at is not None and timezone.is_naive(at):
        at = timezone.make_aware(at)
    with transaction.atomic():
        pk = unit.pk
        unit = LOCKED_UNIT.first(pk=pk)
        if unit is None:
            raise Unit.DoesNotExist(f"Unit {pk} does not exist.")
        assignment = OPEN_ASSIGNMENT.first(unit=unit.pk)
        when = at or now
        incident = assignment.incident if assignment else None
        refused = unit_status.problem(unit.call_sign, unit.status, status, assignment is not None)
        if refused:
            raise Conflict(refused)
        if status in (S.EN_ROUTE, S.AT_SCENE):
            after, label = assignment.despatched_at, "unit was despatched"
            if status == S.AT_SCENE and assignment.en_route_at:
                after, label = assignment.en_route_at, "unit went en route"
            problem = rules.event_time_problem(when, incident.received_at, now, after, label)
            if problem:
                raise Invalid(problem)
        elif assignment is not None:
            problem = rules.event_time_problem(
                when, incident.received_at, now, assignment.despatched_at, "unit was despatched"
            )
            if problem:
                raise Invalid(problem)
        previous = unit.status
        unit.status = status
        changed = ["status", "updated_at"]
        if lat is not None:
            unit.lat, unit.lon, unit.position_at = lat, lon, when
            changed += ["lat", "lon", "position_at"]
        _UPDATE_UNIT.save(unit, changed)
        _status_changed(unit, when, previous, status, actor.user, incident, lat, lon)
        if assignment is not None:
            if status == S.EN_ROUTE and assignment.en_route_at is None:
                assignment.en_route_at = when
            elif status == S.AT_SCENE and assignment.arrived_at is None:
                assignment.arrived_at = when
            elif status not in (S.EN_ROUTE, S.AT_SCENE):
                assignment.cleared_at = when
            _UPDATE_ASSIGNMENT.save(assignment, ("en_route_at", "arrived_at", "cleared_at"))
            stamp = status if status in (S.EN_ROUTE, S.AT_SCENE) else "cleared"
            event(
                incident,
                K.UNIT_STATUS,
                actor,
                at=when,
                unit=unit.pk,
                call_sign=unit.call_sign,
                status=stamp,
                unit_status=status,
            )
            publish_incident(incident)
        audit.record(
            actor, AuditEntry.Kind.UPDATE, unit, fields=["status"], summary=f"{unit.call_sign} {previous} -> {status}"
        )
        current = incident if incident and status in (S.EN_ROUTE, S.AT_SCENE) else None
        # A changed status started now; a repeated one (a position report) keeps its start, read back.
        publish_unit(unit, current.pk if current else None, context=(current, when) if previous != status else None)
    return unit
