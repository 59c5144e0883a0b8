"""Demo control room for Camden: about twenty units of every type placed at real street positions
(the demo places), Safer Neighbourhood officers for several wards, and the `patrol` persona's
foot-patrol unit. Idempotent: units are found or created by call sign."""

from __future__ import annotations

from datetime import time

from watchkeeper.control.models import Unit
from watchkeeper.core.models import Agency, District, Place, User, Ward

U = Unit.Kind
AVAILABLE, UNAVAILABLE, OFF = Unit.Status.AVAILABLE, Unit.Status.UNAVAILABLE, Unit.Status.OFF_DUTY
RESPONSE_SKILLS = ["response driver", "first aid", "taser"]

# call sign, kind, agency slug, ward (where it starts), skills, status, shift
UNITS = [
    ("EK11", U.RESPONSE, "met-camden", "Camden Town", RESPONSE_SKILLS, AVAILABLE, (7, 17)),
    ("EK12", U.RESPONSE, "met-camden", "King's Cross", RESPONSE_SKILLS, AVAILABLE, (7, 17)),
    ("EK13", U.RESPONSE, "met-camden", "Kilburn", ["response driver", "first aid"], AVAILABLE, (7, 17)),
    ("EK14", U.RESPONSE, "met-camden", "Hampstead Town", RESPONSE_SKILLS, AVAILABLE, (14, 24)),
    ("EK15", U.RESPONSE, "met-camden", "Holborn & Covent Garden", RESPONSE_SKILLS, AVAILABLE, (14, 24)),
    ("EK16", U.RESPONSE, "met-camden", "Kentish Town South", ["response driver", "first aid"], UNAVAILABLE, (14, 24)),
    ("EK17", U.RESPONSE, "met-camden", "Bloomsbury", RESPONSE_SKILLS, OFF, (22, 7)),
    (
        "TJ21",
        U.RESPONSE,
        "met-camden",
        "St Pancras & Somers Town",
        ["firearms", "first aid", "response driver"],
        AVAILABLE,
        (7, 17),
    ),
    ("EK-SC1", U.SPECIAL, "met-camden", "Camden Town", ["first aid"], AVAILABLE, (18, 2)),
    ("EK-SC2", U.SPECIAL, "met-camden", "West Hampstead", [], AVAILABLE, (18, 2)),
    ("RSP-1", U.FOOT_PATROL, "camden-patrol", "Camden Town", ["first aid", "body-worn video"], AVAILABLE, (16, 24)),
    ("RSP-2", U.FOOT_PATROL, "camden-patrol", "Kentish Town North", ["body-worn video"], AVAILABLE, (16, 24)),
    ("RSP-3", U.FOOT_PATROL, "camden-patrol", "Gospel Oak", ["body-worn video"], OFF, (16, 24)),
    ("HS-1", U.HOT_SPOT, "camden-council", "Camden Town", ["environmental enforcement"], AVAILABLE, (10, 22)),
    (
        "HS-2",
        U.HOT_SPOT,
        "camden-council",
        "Holborn & Covent Garden",
        ["environmental enforcement"],
        AVAILABLE,
        (10, 22),
    ),
    ("CCTV-1", U.CCTV, "camden-cctv", "Camden Town", ["camera review"], AVAILABLE, (0, 24)),
    ("LFB-A21", U.OTHER, "lfb-camden", "Kentish Town South", ["fire", "first aid"], AVAILABLE, (0, 24)),
]
# Safer Neighbourhood officers: ring-fenced to their home ward.
SNT_WARDS = ["Camden Town", "Kilburn", "Holborn & Covent Garden", "Gospel Oak", "Bloomsbury"]
PATROL_UNIT = "RSP-1"


def _position(partnership, ward_name: str, nth: int = 0) -> tuple[float, float, Ward | None]:
    ward = Ward.objects.filter(name=ward_name, district__partnership=partnership).first()
    places = Place.objects.filter(partnership=partnership, ward=ward).order_by("name") if ward else Place.objects.none()
    count = places.count()
    if count:
        place = places[(nth * 7) % count]
        return place.lat, place.lon, ward
    return 51.5390, -0.1426, ward  # Camden Town Hall area when a ward has no demo places


# Hertfordshire: call sign, kind, agency slug, district code, skills, status, shift. Cameras are
# CCTV resources (viewing, not despatched to attend). No Herts road network is bundled: their
# travel times are the straight-line estimate, labelled so in the recommendations.
HERTS_UNITS = [
    ("SV11", U.RESPONSE, "herts-police", "E07000243", RESPONSE_SKILLS, AVAILABLE, (7, 17)),
    ("SV12", U.RESPONSE, "herts-police", "E07000243", ["response driver", "first aid"], AVAILABLE, (14, 24)),
    (
        "SV-FA1",
        U.RESPONSE,
        "herts-police",
        "E07000243",
        ["firearms", "first aid", "response driver"],
        AVAILABLE,
        (7, 17),
    ),
    ("EH21", U.RESPONSE, "herts-police", "E07000242", RESPONSE_SKILLS, AVAILABLE, (7, 17)),
    ("NH31", U.RESPONSE, "herts-police", "E07000099", RESPONSE_SKILLS, AVAILABLE, (7, 17)),
    ("HM41", U.RESPONSE, "herts-police", "E07000098", RESPONSE_SKILLS, AVAILABLE, (7, 17)),
    ("SV-ENF1", U.HOT_SPOT, "stevenage-council", "E07000243", ["environmental enforcement"], AVAILABLE, (10, 22)),
    ("CAM-SV1", U.CCTV, "herts-cctv-room", "E07000243", ["camera review"], AVAILABLE, (0, 24)),
    ("CAM-SV2", U.CCTV, "herts-cctv-room", "E07000243", ["camera review"], AVAILABLE, (0, 24)),
    ("CAM-EH1", U.CCTV, "herts-cctv-room", "E07000242", ["camera review"], AVAILABLE, (0, 24)),
    ("CAM-NH1", U.CCTV, "herts-cctv-room", "E07000099", ["camera review"], AVAILABLE, (0, 24)),
    ("CAM-HM1", U.CCTV, "herts-cctv-room", "E07000098", ["camera review"], AVAILABLE, (0, 24)),
]


def load_herts(herts) -> int:
    """Hertfordshire units and cameras at real street points of their districts (idempotent)."""
    agencies = {a.slug: a for a in Agency.objects.all()}
    made = 0
    for n, row in enumerate(HERTS_UNITS):
        district = District.objects.filter(code=row[3]).first()
        places = Place.objects.filter(partnership=herts, ward__district=district).order_by("name")
        count = places.count()
        if district is None or not count:
            continue
        place = places[(n * 37) % count]
        made += _unit(herts, district, agencies, row, place.lat, place.lon)
    return made


def _unit(partnership, district, agencies: dict, row: tuple, lat: float, lon: float, **fields) -> bool:
    """Find or create the unit of one demo row (call sign, kind, agency slug, where, skills, status,
    shift) at (lat, lon); whether it was created."""
    call_sign, kind, agency, _where, skills, status, (start, end) = row
    _, created = Unit.objects.get_or_create(
        partnership=partnership,
        call_sign=call_sign,
        defaults={
            "district": district,
            "kind": kind,
            "agency": agencies.get(agency),
            "skills": skills,
            "shift_start": time(start % 24),
            "shift_end": time(end % 24),
            "status": status,
            "lat": lat,
            "lon": lon,
            **fields,
        },
    )
    return created


def load(partnerships: dict) -> dict:
    herts = partnerships.get("herts-cctv")
    herts_made = load_herts(herts) if herts is not None else 0
    camden = partnerships.get("safer-camden")
    if camden is None:
        return {"herts_units_created": herts_made}
    district = District.objects.filter(code="E09000007").first()
    agencies = {a.slug: a for a in Agency.objects.all()}
    made = 0
    rows = list(UNITS)
    for i, ward_name in enumerate(SNT_WARDS):
        short = "".join(w[0] for w in ward_name.replace("&", "").split())[:3].upper()
        rows.append(
            (
                f"EK-SNT-{short}",
                U.SNT,
                "met-camden",
                ward_name,
                ["local knowledge", "first aid"],
                AVAILABLE if i != 3 else OFF,
                (8, 16),
            )
        )
    for n, row in enumerate(rows):
        lat, lon, ward = _position(camden, row[3], n)
        made += _unit(camden, district, agencies, row, lat, lon, home_ward=ward if row[1] == U.SNT else None)
    patrol = User.objects.filter(username="patrol").first()
    if patrol is not None:
        Unit.objects.filter(partnership=camden, call_sign=PATROL_UNIT, officer__isnull=True).update(officer=patrol)
    return {
        "units": Unit.objects.filter(partnership=camden).count(),
        "units_created": made,
        "herts_units_created": herts_made,
    }
