"""Taking a call: the incident record with its daily reference, the caller, the location, and
linking a duplicate to its master."""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from watchkeeper.control import rules
from watchkeeper.control.models import (
    ClosingCode,
    DailyCounter,
    Incident,
    IncidentEvent,
    reference_data,
)
from watchkeeper.control.services.common import (
    Conflict,
    Denied,
    Invalid,
    NotFound,
    event,
    incident_message,
    publish_after_commit,
    publish_incident,
)
from watchkeeper.control.services.steps import clear_assignments, flag_for_supervision
from watchkeeper.core import audit, geo
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry, Partnership, Person, Place, Ward
from watchkeeper.core.prepared import Insert
from watchkeeper.core.visibility import user_district

K = IncidentEvent.Kind


def london_day(at: datetime):
    return timezone.localtime(at).date()  # TIME_ZONE is Europe/London


def next_number(partnership: Partnership, day) -> int:
    """Take the next reference number for the day. Call inside the intake transaction: the UPDATE
    locks the day's counter row until commit, so concurrent intakes queue for it and never share a
    number (SQLite serialises the whole write transaction anyway)."""
    taken = _take_number(partnership.pk, day)
    if taken is None:  # the day's first call
        DailyCounter.objects.get_or_create(partnership=partnership, day=day)
        taken = _take_number(partnership.pk, day)
    return taken


def _take_number(partnership_id: int, day) -> int | None:
    # One statement (UPDATE ... RETURNING, SQLite 3.35+ and PostgreSQL) instead of an UPDATE and a
    # SELECT: intake is the busiest write path.
    table = DailyCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE partnership_id = %s AND day = %s RETURNING last",
            [partnership_id, connection.ops.adapt_datefield_value(day)],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def resolve_location(partnership: Partnership, place_id=None, lat=None, lon=None) -> dict:
    """Place (from the address search) or coordinates (map click / given) -> position and ward.
    Coordinates outside the partnership's wards are refused: nobody here could attend."""
    place = None
    if place_id:
        place = Place.objects.filter(pk=place_id, partnership=partnership).first()
        if place is None:
            raise Invalid(f"No place {place_id} in {partnership.name}: choose an address from the search.")
        lat, lon = place.lat, place.lon
    if lat is None or lon is None:
        raise Invalid("Give a location: an address from the search, a map click, or latitude and longitude.")
    if not geo.valid_latlon(lat, lon):
        raise Invalid(f"{lat}, {lon} is not a valid latitude, longitude.")
    wards = geo.ward_index(partnership.id)
    ward_id = place.ward_id if place and place.ward_id else wards.ward_at(lat, lon)
    if ward_id is None:
        raise Invalid(f"{lat:.5f}, {lon:.5f} is outside the wards {partnership.name} covers.")
    easting, northing = (place.easting, place.northing) if place else geo.to_bng(lat, lon)
    district_id = wards.district_of(ward_id)
    if district_id is None:  # a place filed under a ward of another partnership's index
        district_id = Ward.objects.filter(pk=ward_id).values_list("district_id", flat=True).first()
    return {
        "place": place,
        "lat": lat,
        "lon": lon,
        "easting": easting,
        "northing": northing,
        "ward_id": ward_id,
        "district_id": district_id,
    }


class CallerQuestion(Conflict):
    """The phone is on record under another name: the call handler must say whether the caller is
    the same person or a new one (never replaced silently). `known` is the name on record."""

    def __init__(self, known: str, given: str):
        super().__init__(
            f"This phone is on record for {known}. Is the caller {given} the same person, or a new person? "
            "Choose one and record the call again."
        )
        self.known, self.given = known, given


def name_key(name: str) -> str:
    """A name compared without case, punctuation or spacing ("bob  GREEN." == "Bob Green")."""
    return " ".join("".join(c for c in (name or "").lower() if c.isalnum() or c.isspace()).split())


def names_differ(on_record: str, given: str) -> bool:
    """True when a name was given and it is not the name on record (blank names never differ)."""
    given_key, record_key = name_key(given), name_key(on_record)
    return bool(given_key) and bool(record_key) and given_key != record_key


def find_or_create_caller(
    actor: Actor,
    partnership: Partnership,
    name: str,
    phone: str,
    address: str,
    district_id: int | None = None,
    caller_match: str = "",
):
    """The caller as a core Person: found by phone among the people this user may see, else created
    (only when a name or phone was given) in the district of the ward the call came from, so the
    district rule (core.visibility) applies to them as to the incident. A different name on a known
    phone needs `caller_match`: "same" keeps the person on record, "new" records a new person."""
    phone = rules.normalise_phone(phone)
    if phone:
        found = (
            Person.objects.visible_to(actor.user)
            .filter(partnership=partnership, phone=phone, merged_into__isnull=True)
            .order_by("pk")
            .first()
        )
        if found is not None and caller_match != "new":
            if caller_match != "same" and names_differ(str(found), name):
                raise CallerQuestion(str(found), name.strip())
            return found, False
    if not (name.strip() or phone):
        return None, False
    given, _, family = name.strip().rpartition(" ")
    person = Person.objects.create(
        partnership=partnership,
        district_id=district_id,
        owner_agency=actor.user.agency,
        given_name=given[:100],
        family_name=(family or "Unknown caller")[:100],
        phone=phone,
        address=address[:300],
    )
    audit.record(
        actor,
        AuditEntry.Kind.CREATE,
        person,
        fields=["family_name", "given_name", "phone", "address"],
        summary="Caller recorded at intake",
    )
    return person, True


def create_incident(
    actor: Actor,
    partnership: Partnership,
    *,
    channel: str,
    category: str,
    description: str = "",
    lat: float | None = None,
    lon: float | None = None,
    place_id: int | None = None,
    location_text: str = "",
    accuracy: str = "",
    caller_name: str = "",
    caller_phone: str = "",
    caller_address: str = "",
    received_at: datetime | None = None,
    required_skills: list[str] | None = None,
    source: str = "",
    external_id: str = "",
    caller_match: str = "",
) -> Incident:
    """Record a call from first contact: reference NNNN/DDMMM, timeline 'created', audit entry,
    supervision review for intrusive-supervision categories, and a live-board message."""
    require(actor.user, "incident.create")
    require_member(actor.user, partnership)
    now = timezone.now()
    if received_at is not None:
        if timezone.is_naive(received_at):
            received_at = timezone.make_aware(received_at)
        problem = rules.call_time_problem(received_at, now)
        if problem:
            raise Invalid(problem)
    received_at = received_at or now
    reference = reference_data()
    found_channel = reference.channels.get(channel)
    if found_channel is None:
        raise Invalid(f"Unknown channel {channel!r}.")
    found_category = reference.categories.get(category)
    if found_category is None or not found_category.active:
        raise Invalid(f"Unknown incident category {category!r}.")
    location = resolve_location(partnership, place_id, lat, lon)
    own_district = user_district(actor.user)
    if own_district is not None and location["district_id"] != own_district:
        raise Denied("That location is outside your district: you can record incidents in your own district only.")
    place = location.pop("place")
    if not accuracy:
        accuracy = Incident.Accuracy.ADDRESS if place else Incident.Accuracy.COORDINATES
    elif accuracy not in Incident.Accuracy.values:
        raise Invalid(f"Unknown location accuracy {accuracy!r}.")
    with transaction.atomic():
        caller, _ = find_or_create_caller(
            actor, partnership, caller_name, caller_phone, caller_address, location["district_id"], caller_match
        )
        day = london_day(received_at)
        number = next_number(partnership, day)
        incident = Incident(
            partnership=partnership,
            reference=rules.reference(number, day),
            reference_day=day,
            number=number,
            received_at=received_at,
            recorded_at=now,
            channel=found_channel,
            caller=caller,
            caller_phone=rules.normalise_phone(caller_phone),
            place=place,
            location_text=(location_text or (place.name if place else ""))[:300],
            location_accuracy=accuracy,
            description=description,
            category=found_category,
            asb_qualifier=found_category.asb_qualifier,
            required_skills=list(required_skills or found_category.required_skills or []),
            source=source,
            external_id=external_id,
            **location,
        )
        _INSERT_INCIDENT.save(incident)
        event(
            incident,
            K.CREATED,
            actor,
            at=now,
            reference=incident.reference,
            category=found_category.code,
            channel=found_channel.code,
            received_at=received_at.isoformat(),
        )
        if found_category.supervision:
            flag_for_supervision(actor, incident, f"{found_category.label}: intrusive supervision category")
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            incident,
            fields=["reference", "category", "location", "caller"],
            summary=f"Incident {incident.reference} ({found_category.code})",
        )
        # Just recorded, so no unit is assigned yet: the board's stage is "open" without asking.
        publish_after_commit(incident.partnership_id, incident_message(incident, stage="open"))
    return incident


# Every call recorded is one new incident row: its INSERT built once (core/prepared.py).
_INSERT_INCIDENT = Insert(Incident)


def take_call(
    actor: Actor,
    partnership: Partnership,
    *,
    grade: str = "",
    rationale: str = "",
    thrive: dict | None = None,
    **fields,
) -> Incident:
    """A call from the intake screen: the incident and, when a grade was chosen, its grade and THRIVE
    assessment in the same transaction (through grading.grade_incident's rules), so a call is never
    left half-recorded. With the suggested grade the rationale may be left blank (it says so)."""
    from watchkeeper.control.services.grading import grade_incident, suggestion_for

    if not grade:  # ungraded (an integration's call): create_incident is its own transaction
        return create_incident(actor, partnership, **fields)
    with transaction.atomic():
        incident = create_incident(actor, partnership, **fields)
        if not (rationale or "").strip():
            suggested = suggestion_for(incident)
            if suggested is None or suggested.code.upper() != grade.strip().upper():
                raise Invalid(
                    f"Give the rationale for grade {grade.strip().upper()}: it is not the suggested grade"
                    f"{' (' + suggested.code + ')' if suggested else ''}."
                )
            rationale = f"Suggested grade {suggested.code} accepted at intake ({incident.category.label})."
        incident = grade_incident(actor, incident, grade, rationale, thrive or {})
    return incident


def link_duplicate(actor: Actor, duplicate: Incident, master: Incident) -> Incident:
    """Close `duplicate` as 'duplicate of <master>' (it keeps its caller details) and note the link
    on the master's timeline. Units on the duplicate are cleared (logged)."""
    require(actor.user, "incident.grade", duplicate)
    with transaction.atomic():
        duplicate = Incident.objects.select_for_update().get(pk=duplicate.pk)
        master = Incident.objects.select_for_update().get(pk=master.pk)
        while master.master_id:  # link to the root, never to another duplicate
            master = Incident.objects.select_for_update().get(pk=master.master_id)
        if master.pk == duplicate.pk:
            raise Invalid("An incident cannot be a duplicate of itself.")
        if master.partnership_id != duplicate.partnership_id:
            raise Invalid("Both incidents must belong to the same partnership.")
        if not duplicate.is_open:
            raise Conflict(f"{duplicate.reference} is already {duplicate.status}.")
        code = ClosingCode.objects.filter(code=ClosingCode.DUPLICATE).first()
        if code is None:
            raise NotFound("The 'duplicate' closing code is missing from the reference data.")
        now = timezone.now()
        clear_assignments(actor, duplicate, now, why=f"duplicate of {master.reference}")
        duplicate.master = master
        duplicate.status = Incident.Status.CLOSED
        duplicate.closing_code = code
        duplicate.closing_category = duplicate.category
        duplicate.result = f"Duplicate of {master.reference}"
        duplicate.closed_at = now
        duplicate.save()
        event(duplicate, K.LINKED, actor, at=now, master=master.pk, master_reference=master.reference)
        event(duplicate, K.CLOSED, actor, at=now, closing_code=code.code, result=duplicate.result)
        event(master, K.LINKED, actor, at=now, duplicate=duplicate.pk, duplicate_reference=duplicate.reference)
        audit.record(
            actor,
            AuditEntry.Kind.UPDATE,
            duplicate,
            fields=["master", "status"],
            summary=f"{duplicate.reference} linked as duplicate of {master.reference}",
        )
        publish_incident(duplicate)
        publish_incident(master)
    return duplicate
