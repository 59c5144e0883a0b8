"""Marked records for the access matrix: one of every partnership-data model that the app shows,
per partnership, district, agency and named person, each carrying distinctive markers (a word, a
phone number, an address) and the set of demo personas entitled to see it.

Who is entitled is worked out here from the record's own description (partnership, district,
restriction) and the demo personas' agencies, plus the role's grant of the model's view action:
deliberately not by asking the application's visibility code, so the matrix checks that code
against an independent statement of the rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from tests.core.herts import herts_incident, herts_place, herts_ward
from watchkeeper.core.roles import GRANTS
from watchkeeper.demo import borough

CAMDEN, HERTS = "safer-camden", "herts-cctv"
STEVENAGE, EAST_HERTS = "E07000243", "E07000242"
EAST_HERTS_AT = (51.80, -0.05)

_AGENCY = {slug: (members, district) for slug, _n, _k, members, district in borough.AGENCIES}
PERSONA = {p.username: p for p in borough.PERSONAS}


@dataclass
class Marked:
    """One seeded record, what gives it away, and who may see it."""

    label: str  # model label, lower case ("core.person")
    obj: object
    markers: list[str]
    partnership: str
    district: str | None = None
    agencies: set[str] | None = None  # restricted to these agencies
    people: set[str] | None = None  # restricted to these usernames
    action: str = ""  # the role must be granted this to see the record
    entitled: set[str] = field(default_factory=set)

    @property
    def pk(self) -> int:
        return self.obj.pk


def audience(record: Marked) -> set[str]:
    """The personas entitled to `record`: by partnership, district (records with no district go to
    district-free personas only), named agencies or people, and the role's grant of the action."""
    found = set()
    for username, persona in PERSONA.items():
        members, district = _AGENCY[persona.agency]
        if record.partnership not in members:
            continue
        if district is not None and record.district != district:
            continue
        if record.agencies is not None and persona.agency not in record.agencies:
            continue
        if record.people is not None and username not in record.people:
            continue
        if persona.role not in GRANTS.get(record.action, set()):
            continue
        found.add(username)
    return found


def seed() -> list[Marked]:
    from watchkeeper.control.models import Unit
    from watchkeeper.core.models import Agency, District, Partnership, Person, Restriction, User
    from watchkeeper.intel.models import Crime, SurveyResponse

    camden, herts = Partnership.objects.get(slug=CAMDEN), Partnership.objects.get(slug=HERTS)
    district = {code: District.objects.get(code=code) for code in (STEVENAGE, EAST_HERTS)}
    east_ward = herts_ward(EAST_HERTS, *EAST_HERTS_AT)
    met = Agency.objects.get(slug="met-camden")
    marked: list[Marked] = []

    def add(record: Marked) -> Marked:
        record.entitled = audience(record)
        marked.append(record)
        return record

    # People: the conftest ones (named person; Stevenage district), and one per agency and district.
    secret = Person.objects.get(family_name="Quillfeather")
    add(Marked("core.person", secret, ["Quillfeather", "07700900111"], CAMDEN, people={"idva"}, action="person.view"))
    steve = Person.objects.get(family_name="Stevenageonly")
    add(Marked("core.person", steve, ["Stevenageonly"], HERTS, district=STEVENAGE, action="person.view"))
    caller = Person.objects.create(
        partnership=camden,
        restriction=Restriction.AGENCIES,
        owner_agency=met,
        given_name="Ignatius",
        family_name="Marrowgate",
        phone="07700900301",
        address="12 Obscura Mews",
    )
    add(
        Marked(
            "core.person",
            caller,
            ["Marrowgate", "07700900301", "Obscura Mews"],
            CAMDEN,
            agencies={"met-camden"},
            action="person.view",
        )
    )
    eastern = Person.objects.create(
        partnership=herts,
        district=district[EAST_HERTS],
        given_name="Edwina",
        family_name="Eastherdon",
        phone="07700900302",
        address="3 Hertford Quay",
        owner_agency=Agency.objects.get(slug="herts-cctv-room"),
    )
    add(
        Marked(
            "core.person",
            eastern,
            ["Eastherdon", "07700900302", "Hertford Quay"],
            HERTS,
            district=EAST_HERTS,
            action="person.view",
        )
    )

    # Incidents: Camden (its caller is the met-only person above), East Herts, and one with no district.
    call = herts_incident(
        partnership=CAMDEN,
        caller=caller,
        caller_phone=caller.phone,
        at=(51.5392, -0.1426),
        description="Zanzibarite quarrel on the towpath",
    )
    add(Marked("control.incident", call, ["Zanzibarite"], CAMDEN, action="incident.view"))
    east_call = herts_incident(
        district=district[EAST_HERTS], ward=east_ward, at=EAST_HERTS_AT, description="Brawleast outside the market"
    )
    add(Marked("control.incident", east_call, ["Brawleast"], HERTS, district=EAST_HERTS, action="incident.view"))
    nowhere = herts_incident(description="Nodistrictia import without a ward")
    add(Marked("control.incident", nowhere, ["Nodistrictia"], HERTS, action="incident.view"))

    # Units, places, crimes, survey answers in one district, and with none.
    unit = Unit.objects.create(partnership=herts, district=district[EAST_HERTS], call_sign="EHMARK1", kind="cctv")
    add(Marked("control.unit", unit, ["EHMARK1"], HERTS, district=EAST_HERTS, action="unit.view"))
    place = herts_place(EAST_HERTS, "Eastmarkham Yard", *EAST_HERTS_AT)
    add(Marked("core.place", place, ["Eastmarkham Yard"], HERTS, district=EAST_HERTS, action="place.view"))
    from watchkeeper.core.models import Place

    wardless = Place.objects.create(
        partnership=herts, name="Wardless Wharf", lat=51.7, lon=-0.3, easting=500000, northing=210000
    )
    add(Marked("core.place", wardless, ["Wardless Wharf"], HERTS, action="place.view"))
    month = timezone.now().date().replace(day=1)
    for code, word in ((EAST_HERTS, "Crimeastley Close"), (STEVENAGE, "Stevcrime Street"), (None, "Nullcrime Row")):
        crime = Crime.objects.create(
            partnership=herts,
            key=f"matrix-{word}",
            month=month,
            category="burglary",
            location=word,
            lat=51.8,
            lon=-0.1,
            district=district[code] if code else None,
        )
        add(Marked("intel.crime", crime, [word], HERTS, district=code, action="intel.view"))
    survey = SurveyResponse.objects.create(
        partnership=herts,
        district=district[EAST_HERTS],
        ward_name="Surveyeastia",
        respondent="matrix-1",
        date=month,
        question="Do you feel safe after dark?",
        answer="yes",
        positive=True,
    )
    add(Marked("intel.surveyresponse", survey, ["Surveyeastia"], HERTS, district=EAST_HERTS, action="intel.view"))
    assert User.objects.filter(username__in=list(PERSONA)).count() == len(PERSONA)
    return marked
