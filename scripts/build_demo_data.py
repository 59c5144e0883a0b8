"""Rebuild the compact demo data bundled in src/watchkeeper/demo/data from ../shared/data.

Run once by a developer when the source data changes; `make demo` uses the bundled output, so a
clone without ../shared still works. Usage: .venv/bin/python scripts/build_demo_data.py
"""

import csv
import json
import sys
from pathlib import Path

import shapefile
from pyproj import Transformer
from shapely.geometry import mapping, shape
from shapely.ops import transform

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "watchkeeper" / "demo" / "data"
TO_WGS = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def rounded(geometry: dict, places: int = 5) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, places) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def wards() -> None:
    source = SHARED / "boundaries" / "camden-wards-2022"
    population = {}
    with open(source / "ward_pop_stats.csv", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            population[row["ward_code"]] = int(row["usual_residents"])
    reader = shapefile.Reader(str(source / "Wards_(May_2022)_UK_BFC_V2.zip"))
    features = []
    for record in reader.shapeRecords():
        attrs = record.record.as_dict()
        # 5 m simplification keeps ward edges true at street scale while cutting the file ~10x.
        polygon = shape(record.shape.__geo_interface__).simplify(5, preserve_topology=True)
        wgs = transform(lambda x, y, z=None: TO_WGS.transform(x, y), polygon)
        features.append(
            {
                "type": "Feature",
                "geometry": rounded(mapping(wgs)),
                "properties": {
                    "code": attrs["WD22CD"],
                    "name": attrs["WD22NM"],
                    "population": population.get(attrs["WD22CD"]),
                    "area_sq_km": round(attrs["SHAPE_Area"] / 1e6, 3),
                },
            }
        )
    features.sort(key=lambda f: f["properties"]["name"])
    (OUT / "camden-wards.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    print(f"wards: {len(features)}")


def crimes() -> None:
    rows = []
    with open(SHARED / "camden" / "street-crime-2019-06.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row["Latitude"] or not row["Longitude"]:
                continue
            rows.append(
                [
                    row["Category"],
                    row["Street Name"],
                    round(float(row["Latitude"]), 6),
                    round(float(row["Longitude"]), 6),
                ]
            )
    with open(OUT / "camden-crime-2019-06.csv", "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["category", "street", "lat", "lon"])
        writer.writerows(rows)
    print(f"crimes: {len(rows)}")


if __name__ == "__main__":
    if not SHARED.exists():
        sys.exit(f"{SHARED} not found: this script needs the shared data folder beside the repository.")
    OUT.mkdir(parents=True, exist_ok=True)
    wards()
    crimes()
