"""The demo borough: Safer Camden Partnership (real wards, streets and crime locations) and the
Hertfordshire CCTV Partnership. Loading is idempotent: every row is found or created by its
natural key, so running it twice changes nothing."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from shapely.geometry import shape

from watchkeeper.core import extensions, geo
from watchkeeper.core.models import Agency, District, Partnership, Place, User, Ward
from watchkeeper.core.roles import Role
from watchkeeper.demo import herts

DATA = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "watchkeeper-demo"

CAMDEN = ("safer-camden", "Safer Camden Partnership", Partnership.Kind.CSP)
HERTS = ("herts-cctv", "Hertfordshire CCTV Partnership", Partnership.Kind.CCTV)
HERTS_DISTRICTS = [
    ("E07000243", "Stevenage"),
    ("E07000242", "East Herts"),
    ("E07000099", "North Herts"),
    ("E07000098", "Hertsmere"),
]

# slug, name, kind, partnerships, district code
AGENCIES = [
    ("met-camden", "Metropolitan Police (Camden)", Agency.Kind.POLICE, ["safer-camden"], None),
    ("camden-asb", "Camden Council ASB Team", Agency.Kind.ASB_TEAM, ["safer-camden"], None),
    ("camden-cctv", "Camden CCTV Control Room", Agency.Kind.CCTV, ["safer-camden"], None),
    ("camden-patrol", "Responsive Security Patrol (contractor)", Agency.Kind.PATROL, ["safer-camden"], None),
    ("camden-housing", "Camden Housing", Agency.Kind.HOUSING, ["safer-camden"], None),
    ("camden-council", "Camden Council Community Safety", Agency.Kind.COUNCIL, ["safer-camden"], None),
    ("london-probation", "Probation Service (North London)", Agency.Kind.PROBATION, ["safer-camden"], None),
    ("camden-health", "Camden and Islington NHS", Agency.Kind.HEALTH, ["safer-camden"], None),
    ("camden-idva", "Camden IDVA Service", Agency.Kind.IDVA, ["safer-camden"], None),
    ("camden-prevent", "Camden Prevent Team", Agency.Kind.PREVENT, ["safer-camden"], None),
    ("lfb-camden", "London Fire Brigade (Camden)", Agency.Kind.FIRE, ["safer-camden"], None),
    ("camden-voluntary", "Camden Victim Support", Agency.Kind.VOLUNTARY, ["safer-camden"], None),
    ("herts-cctv-room", "Hertfordshire CCTV Control Room (Stevenage)", Agency.Kind.CCTV, ["herts-cctv"], None),
    ("herts-police", "Hertfordshire Constabulary", Agency.Kind.POLICE, ["herts-cctv"], None),
    ("stevenage-council", "Stevenage Borough Council", Agency.Kind.COUNCIL, ["herts-cctv"], "E07000243"),
    ("east-herts-council", "East Herts Council", Agency.Kind.COUNCIL, ["herts-cctv"], "E07000242"),
    ("north-herts-council", "North Herts Council", Agency.Kind.COUNCIL, ["herts-cctv"], "E07000099"),
    ("hertsmere-council", "Hertsmere Borough Council", Agency.Kind.COUNCIL, ["herts-cctv"], "E07000098"),
]


@dataclass(frozen=True)
class Persona:
    username: str
    name: str
    role: str
    agency: str


PERSONAS = [
    Persona("handler", "Priya Shah", Role.CALL_HANDLER, "met-camden"),
    Persona("dispatcher", "Tom Okafor", Role.DISPATCHER, "met-camden"),
    Persona("duty", "Insp. Sarah Marsh", Role.DUTY_OFFICER, "met-camden"),
    Persona("inspector", "Ch Insp. David Kerr", Role.INSPECTOR, "met-camden"),
    Persona("patrol", "Jordan Ellis", Role.PATROL_OFFICER, "camden-patrol"),
    Persona("cctv", "Amira Haddad", Role.CCTV_OPERATOR, "camden-cctv"),
    Persona("controller", "Helen Price", Role.CCTV_CONTROLLER, "camden-cctv"),
    Persona("asb", "Marcus Bell", Role.ASB_OFFICER, "camden-asb"),
    # The ASB team manager: the only role that may override a missing legal-step prerequisite.
    Persona("asbmanager", "Fiona Achebe", Role.ASB_MANAGER, "camden-asb"),
    Persona("idva", "Grace Mensah", Role.IDVA, "camden-idva"),
    Persona("channel", "Robert Lin", Role.CHANNEL_PANEL, "camden-prevent"),
    Persona("iom", "Nadia Rahman", Role.IOM_OFFICER, "london-probation"),
    Persona("analyst", "Chloe Evans", Role.ANALYST, "camden-council"),
    Persona("partner", "Sam Turner", Role.PARTNER_VIEWER, "camden-housing"),
    Persona("auditor", "Alan Frost", Role.AUDITOR, "camden-council"),
    Persona("admin", "Ruth Daniels", Role.ADMINISTRATOR, "camden-council"),
    Persona("herts-cctv", "Kieran Walsh", Role.CCTV_OPERATOR, "herts-cctv-room"),
    # The Stevenage control room's dispatcher: logs and despatches for the Hertfordshire partnership.
    Persona("herts-dispatcher", "Dev Patel", Role.DISPATCHER, "herts-cctv-room"),
    Persona("stevenage", "Lisa Grant", Role.PARTNER_VIEWER, "stevenage-council"),
    Persona("eastherts", "Owen Hughes", Role.PARTNER_VIEWER, "east-herts-council"),
]


def load_partnerships() -> dict[str, Partnership]:
    found = {}
    for slug, name, kind in (CAMDEN, HERTS):
        found[slug], _ = Partnership.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
    District.objects.get_or_create(code="E09000007", defaults={"name": "Camden", "partnership": found["safer-camden"]})
    for code, name in HERTS_DISTRICTS:
        District.objects.get_or_create(code=code, defaults={"name": name, "partnership": found["herts-cctv"]})
    return found


def load_wards() -> int:
    camden = District.objects.get(code="E09000007")
    collection = json.loads((DATA / "camden-wards.geojson").read_text())
    for feature in collection["features"]:
        props = feature["properties"]
        min_lon, min_lat, max_lon, max_lat = shape(feature["geometry"]).bounds
        Ward.objects.get_or_create(
            code=props["code"],
            defaults={
                "district": camden,
                "name": props["name"],
                "boundary": feature["geometry"],
                "population": props["population"],
                "area_sq_km": props["area_sq_km"],
                "min_lat": min_lat,
                "max_lat": max_lat,
                "min_lon": min_lon,
                "max_lon": max_lon,
            },
        )
    return len(collection["features"])


def load_agencies(partnerships: dict[str, Partnership]) -> None:
    for slug, name, kind, members, district_code in AGENCIES:
        district = District.objects.get(code=district_code) if district_code else None
        agency, _ = Agency.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind, "district": district})
        agency.partnerships.add(*[partnerships[m] for m in members])


def load_users() -> list[Persona]:
    for persona in PERSONAS:
        if User.objects.filter(username=persona.username).exists():
            continue
        first, _, last = persona.name.rpartition(" ")
        user = User(
            username=persona.username,
            first_name=first,
            last_name=last,
            role=persona.role,
            agency=Agency.objects.get(slug=persona.agency),
            # No superuser or staff flags, administrators included: the admin's permission is the
            # role's admin.view / admin.edit (core/roles.py), narrowed to the user's partnership.
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    return PERSONAS


def crime_sample() -> list[dict]:
    with open(DATA / "camden-crime-2019-06.csv", newline="") as fh:
        return [
            {"category": r["category"], "street": r["street"], "lat": float(r["lat"]), "lon": float(r["lon"])}
            for r in csv.DictReader(fh)
        ]


def load_places(partnership: Partnership) -> int:
    """Streets from the real crime locations: each police.uk snap point names a street."""
    if Place.objects.filter(partnership=partnership).exists():
        return Place.objects.filter(partnership=partnership).count()
    index = geo.ward_index(partnership.id)
    points = defaultdict(list)
    for row in crime_sample():
        name = row["street"].removeprefix("On or near ").strip()
        if name and name.lower() not in {"", "parking area", "supermarket", "petrol station"}:
            points[name].append((row["lat"], row["lon"]))
    places = []
    for name, coords in sorted(points.items()):
        lat, lon = coords[0]  # a real snap point on that street, not an average that may fall off it
        ward_id = index.ward_at(lat, lon)
        if ward_id is None:
            continue
        places.append(Place.at(lat, lon, partnership=partnership, kind=Place.Kind.STREET, name=name, ward_id=ward_id))
    Place.objects.bulk_create(places, ignore_conflicts=True)
    return len(places)


@transaction.atomic
def load() -> dict:
    partnerships = load_partnerships()
    summary = {"wards": load_wards()}
    load_agencies(partnerships)
    summary["users"] = len(load_users())
    summary["places"] = load_places(partnerships["safer-camden"])
    summary.update(herts.load(partnerships))  # real Hertfordshire wards and street places
    # Each app with demo data declares its loaders on its AppConfig (`demo_loaders`, core/extensions.py).
    for loader in extensions.functions("demo_loaders"):
        summary.update(loader(partnerships) or {})
    return summary
