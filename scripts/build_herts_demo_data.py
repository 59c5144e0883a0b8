"""Rebuild the Hertfordshire demo data bundled in src/watchkeeper/demo/data from ../shared/data:
the partnership's 83 wards (December 2021) and the county outline, simplified with shapely so the
bundle stays small, and one "On or near" street point per street and district from the police.uk
Hertfordshire street-crime files (the demo places). Usage: .venv/bin/python scripts/build_herts_demo_data.py
"""

import csv
import gzip
import json
from pathlib import Path

from shapely import contains_xy
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "watchkeeper" / "demo" / "data"
TOLERANCE = 0.0007  # degrees, about 50-80 m: plenty for ward lookup at intake, and a small bundle
SKIP = {"parking area", "supermarket", "petrol station", "shopping area", "nightclub", "sports/recreation area"}


def rounded(geometry: dict, places: int = 5) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, places) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def simplified(geometry: dict):
    return shape(geometry).simplify(TOLERANCE, preserve_topology=True)


def wards() -> list[dict]:
    source = json.loads((SHARED / "boundaries" / "hertfordshire" / "wards-dec2021.geojson").read_text())
    features = []
    for f in source["features"]:
        p = f["properties"]
        geometry = simplified(f["geometry"])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": p["WD21CD"],
                    "name": p["WD21NM"],
                    "district_code": p["LAD21CD"],
                    "area_sq_km": round(p["area_km2"], 3),
                },
                "geometry": rounded(mapping(geometry)),
            }
        )
    return features


def county() -> dict:
    source = json.loads((SHARED / "boundaries" / "hertfordshire" / "county.geojson").read_text())
    f = source["features"][0]
    return {
        "type": "Feature",
        "properties": {"code": f["properties"]["CTYCD"], "name": f["properties"]["CTYNM"]},
        "geometry": rounded(mapping(simplified(f["geometry"]))),
    }


def street_points(ward_features: list[dict]) -> list[dict]:
    shapes = [(f["properties"]["district_code"], shape(f["geometry"])) for f in ward_features]
    seen, rows = set(), []
    for path in sorted((SHARED / "police-uk" / "hertfordshire" / "street").glob("*-street.csv")):
        with open(path, newline="") as fh:
            for r in csv.DictReader(fh):
                name = r["Location"].removeprefix("On or near ").strip()
                if not name or name.lower() in SKIP or not r["Longitude"]:
                    continue
                lon, lat = float(r["Longitude"]), float(r["Latitude"])
                district = next((code for code, s in shapes if contains_xy(s, lon, lat)), None)
                if district is None or (name, district) in seen:
                    continue
                seen.add((name, district))
                rows.append({"street": name, "district": district, "lat": round(lat, 5), "lon": round(lon, 5)})
    return rows


def main() -> None:
    ward_features = wards()
    (OUT / "herts-wards.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": ward_features}, separators=(",", ":"))
    )
    (OUT / "herts-county.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [county()]}, separators=(",", ":"))
    )
    rows = street_points(ward_features)
    with gzip.open(OUT / "herts-streets.csv.gz", "wt", newline="", compresslevel=9) as fh:
        writer = csv.DictWriter(fh, fieldnames=["street", "district", "lat", "lon"])
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: (r["district"], r["street"])))
    print(len(ward_features), "wards;", len(rows), "street points")


if __name__ == "__main__":
    main()
