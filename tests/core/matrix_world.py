"""Marked records for the access matrix: one of every partnership-data model that the app shows,
per partnership, district, agency and named person, each carrying distinctive markers (a word, a
phone number, an address) and the set of demo personas entitled to see it.

Who is entitled is worked out here from the record's own description (partnership, district,
restriction) and the demo personas' agencies, plus the role's grant of the model's view action:
deliberately not by asking the application's visibility code, so the matrix checks that code
against an independent statement of the rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

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
    partnership: str | None  # None: platform data of no partnership (outbox messages)
    district: str | None = None
    agencies: set[str] | None = None  # restricted to these agencies
    people: set[str] | None = None  # restricted to these usernames
    action: str | tuple[str, ...] = ""  # the role must be granted this (or one of these) to see it
    # The partnership's own paperwork (agreements, mappings, import runs) belongs to no district:
    # its district-bound members see it too, unlike a district-free crime or incident.
    partnership_wide: bool = False
    entitled: set[str] = field(default_factory=set)
    administrators: set[str] = field(default_factory=set)

    @property
    def pk(self) -> int:
        return self.obj.pk


def _parts() -> list:
    """Every module's matrix part, tests/<module>/matrix_part.py: `ROUTES` (and optionally
    `BODIES`, `PARAMS`) like the core ones, and `seed(add)`, which makes the module's marked records
    as the module makes them and passes each `Marked` to `add` (which works out who is entitled)."""
    tests = Path(__file__).resolve().parent.parent
    return [import_module(f"tests.{path.parent.name}.matrix_part") for path in sorted(tests.glob("*/matrix_part.py"))]


PARTS = _parts()


def audience(record: Marked) -> set[str]:
    """The personas entitled to `record`: by partnership, district (records with no district go to
    district-free personas only), named agencies or people, and the role's grant of the action."""
    found = set()
    actions = (record.action,) if isinstance(record.action, str) else record.action
    for username, persona in PERSONA.items():
        members, district = _AGENCY[persona.agency]
        if record.partnership is not None and record.partnership not in members:
            continue
        if district is not None and record.district != district and not record.partnership_wide:
            continue
        if record.agencies is not None and persona.agency not in record.agencies:
            continue
        if record.people is not None and username not in record.people:
            continue
        if not any(persona.role in GRANTS.get(action, set()) for action in actions):
            continue
        found.add(username)
    return found


def administrators(record: Marked) -> set[str]:
    """The personas whose admin pages may show `record`: an administrator of its partnership (the
    admin narrows by partnership only), or any administrator for platform data of no partnership."""
    return {
        username
        for username, persona in PERSONA.items()
        if persona.role in GRANTS.get("admin.view", set())
        and (record.partnership is None or record.partnership in _AGENCY[persona.agency][0])
    }


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
        record.administrators = administrators(record)
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
    for record in seed_more(camden, herts, district):
        add(record)
    for part in PARTS:
        part.seed(add)
    assert User.objects.filter(username__in=list(PERSONA)).count() == len(PERSONA)
    return marked


_PARTNER_CSV = "Ref,Date,Type,Details,Lat,Long\n"
_TAG = {CAMDEN: "camdenia", HERTS: "hertsia"}


def seed_more(camden, herts, district) -> list[Marked]:
    """Partner data, targets and baselines, taskings, crime import runs and outbox messages: each
    made as the app makes it (sharing's services and its import; model constructors with full_clean
    where the service needs a file or a forecast), in both partnerships and, with a district, in
    Stevenage and East Herts."""
    import tempfile
    from pathlib import Path

    from watchkeeper.core.audit import Actor
    from watchkeeper.intel.models import Baseline, ImportRun, PatrolTasking, Target
    from watchkeeper.outbox.models import Message
    from watchkeeper.sharing import services as sharing
    from watchkeeper.sharing.models import PartnerRecord

    today = timezone.localdate()
    month = today.replace(day=1)
    system = Actor(None, source="matrix")
    steve_at = (51.90, -0.20)
    herts_ward(STEVENAGE, *steve_at)
    found: list[Marked] = []
    # Where each partnership's partner rows fall: (marker, lat, lon, district).
    rows = {
        CAMDEN: [("Partcamdenia", 51.5291, -0.1262, "E09000007")],
        HERTS: [("Parteastia", *EAST_HERTS_AT, EAST_HERTS), ("Partstevia", *steve_at, STEVENAGE)],
    }
    viewing = ("intel.view", "intel.import")  # the partner-data page (import) and the API (view)
    for partnership in (camden, herts):
        slug, tag = partnership.slug, _TAG[partnership.slug]
        agreement = sharing.create_agreement(
            system,
            partnership,
            partner_name=f"Pactpartner {tag}",
            title=f"Pact{tag}",
            reference=f"ISA-{tag.upper()}",
            lawful_basis="art6_1e",
            purpose="Access matrix",
            data_categories="date, type, location",
            starts_on=today - timezone.timedelta(days=30),
            ends_on=today + timezone.timedelta(days=300),
        )
        mapping = sharing.create_mapping(
            system,
            partnership,
            name=f"Map{tag}",
            date_column="Date",
            date_format="%Y-%m-%d",
            category_column="Type",
            description_column="Details",
            location="latlon",
            lat_column="Lat",
            lon_column="Long",
            external_id_column="Ref",
        )
        body = _PARTNER_CSV + "".join(
            f"{word},{today:%Y-%m-%d},Graffiti,{word} tag on a wall,{lat},{lon}\n" for word, lat, lon, _d in rows[slug]
        )
        with tempfile.TemporaryDirectory(prefix="wk-matrix-") as folder:
            path = Path(folder) / f"Run{tag}.csv"
            path.write_text(body)
            run, parsed = sharing.import_file(system, partnership, agreement, mapping, path, dataset=f"Set{tag}")
        assert not parsed.bad, parsed.bad
        found += [
            # An agreement also opens for whoever reads the disclosure record made under it.
            Marked(
                "sharing.sharingagreement",
                agreement,
                [f"Pact{tag}"],
                slug,
                action=(*viewing, "agreement.view"),
                partnership_wide=True,
            ),
            Marked("sharing.columnmapping", mapping, [f"Map{tag}"], slug, action=viewing, partnership_wide=True),
            Marked("sharing.partnerdataset", run.dataset, [f"Set{tag}"], slug, action=viewing, partnership_wide=True),
            Marked("sharing.partnerimportrun", run, [f"Run{tag}"], slug, action=viewing, partnership_wide=True),
        ]
        for word, _lat, _lon, code in rows[slug]:
            partner_record = PartnerRecord.objects.get(dataset=run.dataset, external_id=word)
            # The import placed it by its ward; the oracle states where it should be.
            assert partner_record.district.code == code, (word, partner_record.district)
            found.append(
                Marked(
                    "sharing.partnerrecord",
                    partner_record,
                    [word],
                    slug,
                    district=None if slug == CAMDEN else code,
                    action="intel.view",
                )
            )
        # As the crime import opens its run (before reading any row).
        crime_run = ImportRun.objects.create(
            partnership=partnership,
            actor_label="system",
            file_name=f"Crimerun{tag}.csv",
            sha256="0" * 64,
            started_at=timezone.now(),
        )
        found.append(
            Marked("intel.importrun", crime_run, [f"Crimerun{tag}"], slug, action="intel.import", partnership_wide=True)
        )
    # Baselines, targets and taskings: Camden; Herts in each of the two districts and with none.
    places = [
        (camden, None, "camdenia"),
        (herts, STEVENAGE, "stevia"),
        (herts, EAST_HERTS, "eastia"),
        (herts, None, "hertsia"),
    ]
    for partnership, code, tag in places:
        where = district[code] if code else None
        own = None if partnership is camden else code
        baseline = Baseline(
            partnership=partnership,
            district=where,
            name=f"Base{tag}",
            start_month=month.replace(year=month.year - 1),
            end_month=month,
        )
        baseline.full_clean()
        baseline.save()
        target = Target(
            partnership=partnership,
            district=where,
            baseline=baseline,
            category=f"Targ{tag}",
            reduction_percent=5,
            period_start=month,
            period_end=month,
        )
        target.full_clean()
        target.save()
        tasking = PatrolTasking(
            partnership=partnership,
            district=where,
            name=f"Task{tag}",
            period_start=today,
            period_end=today,
            method=PatrolTasking.Method.values[0],
        )
        tasking.full_clean()
        tasking.save()
        found += [
            Marked("intel.baseline", baseline, [f"Base{tag}"], partnership.slug, district=own, action="intel.view"),
            Marked("intel.target", target, [f"Targ{tag}"], partnership.slug, district=own, action="intel.view"),
            Marked(
                "intel.patroltasking", tasking, [f"Task{tag}"], partnership.slug, district=own, action="tasking.view"
            ),
        ]
    message = Message.objects.create(kind="matrix", key="Outboxmarkia-1", payload={"note": "Outboxpayloadia"})
    found.append(Marked("outbox.message", message, ["Outboxmarkia", "Outboxpayloadia"], None, action="admin.view"))
    return found
