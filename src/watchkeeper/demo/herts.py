"""The Hertfordshire CCTV Partnership's demo geography: the real wards of its four districts (ONS,
simplified, demo/data/herts-wards.geojson) and its places, one police.uk "On or near" street point
per street and district (demo/data/herts-streets.csv.gz). Idempotent, like the rest of the demo."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

from shapely.geometry import shape

from watchkeeper.core import geo
from watchkeeper.core.models import District, Partnership, Place, Ward

DATA = Path(__file__).resolve().parent / "data"


def load_wards() -> int:
    districts = {d.code: d for d in District.objects.filter(partnership__slug="herts-cctv")}
    collection = json.loads((DATA / "herts-wards.geojson").read_text())
    made = 0
    for feature in collection["features"]:
        props = feature["properties"]
        district = districts.get(props["district_code"])
        if district is None:
            continue
        min_lon, min_lat, max_lon, max_lat = shape(feature["geometry"]).bounds
        _, created = Ward.objects.get_or_create(
            code=props["code"],
            defaults={
                "district": district,
                "name": props["name"],
                "boundary": feature["geometry"],
                "area_sq_km": props["area_sq_km"],
                "min_lat": min_lat,
                "max_lat": max_lat,
                "min_lon": min_lon,
                "max_lon": max_lon,
            },
        )
        made += created
    return made


def street_rows() -> list[dict]:
    with gzip.open(DATA / "herts-streets.csv.gz", "rt", newline="") as fh:
        return list(csv.DictReader(fh))


def load_places(partnership: Partnership) -> int:
    """Streets named as data.police.uk names them; a street name found in several districts gets
    its district's name after it ("High Street, Stevenage") so every place name is unique."""
    if Place.objects.filter(partnership=partnership, kind=Place.Kind.STREET).exists():
        return 0
    index = geo.ward_index(partnership.id)
    names = {d.code: d.name for d in District.objects.filter(partnership=partnership)}
    rows = street_rows()
    seen = Counter(r["street"] for r in rows)
    places = []
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        ward_id = index.ward_at(lat, lon)
        if ward_id is None:
            continue
        name = row["street"] if seen[row["street"]] == 1 else f"{row['street']}, {names.get(row['district'], '')}"
        places.append(
            Place.at(lat, lon, partnership=partnership, kind=Place.Kind.STREET, name=name[:300], ward_id=ward_id)
        )
    Place.objects.bulk_create(places, batch_size=2000, ignore_conflicts=True)
    return len(places)


def county_outline() -> dict:
    """The Hertfordshire county outline (GeoJSON geometry, WGS84): the whole force area."""
    return json.loads((DATA / "herts-county.geojson").read_text())["features"][0]["geometry"]


def load(partnerships: dict) -> dict:
    herts = partnerships.get("herts-cctv")
    if herts is None:
        return {}
    return {"herts_wards": load_wards(), "herts_places": load_places(herts)}
