"""Gazetteer rows from an OpenStreetMap extract: every node or building carrying addr:housenumber
and addr:street (an address, with its addr:postcode), named stations, stops and public buildings
(landmarks), and named roads (streets, at a middle vertex so the point lies on the street).

Build the bundled demo file (needs the shared data folder):
    .venv/bin/python -m watchkeeper.control.gazetteer.osm ../shared/data/osm/camden.osm.pbf \
        src/watchkeeper/demo/data/camden-wards.geojson src/watchkeeper/demo/data/camden-places.csv.gz
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

LANDMARK_TAGS = {
    "railway": {"station", "halt"},
    "public_transport": {"station"},
    "amenity": {
        "hospital",
        "police",
        "fire_station",
        "library",
        "school",
        "college",
        "university",
        "townhall",
        "theatre",
        "cinema",
        "community_centre",
        "place_of_worship",
        "bus_station",
        "marketplace",
        "pub",
    },
    "tourism": {"museum", "attraction", "hotel", "gallery"},
    "leisure": {"park", "sports_centre", "stadium"},
    "shop": {"supermarket", "mall"},
}
STREET_HIGHWAYS = {
    "primary",
    "secondary",
    "tertiary",
    "residential",
    "unclassified",
    "trunk",
    "living_street",
    "pedestrian",
}
FIELDS = ["kind", "number", "street", "postcode", "name", "lat", "lon"]


def _landmark(tags) -> bool:
    return "name" in tags and any(tags.get(k) in values for k, values in LANDMARK_TAGS.items())


def read(pbf: str | Path) -> list[dict]:
    import osmium

    rows: list[dict] = []

    def add(kind, tags, lat, lon):
        if kind == "address":
            rows.append(
                {
                    "kind": kind,
                    "number": tags.get("addr:housenumber", "").strip(),
                    "street": tags.get("addr:street", "").strip(),
                    "postcode": tags.get("addr:postcode", "").strip().upper(),
                    "name": "",
                    "lat": round(lat, 6),
                    "lon": round(lon, 6),
                }
            )
        else:
            rows.append(
                {
                    "kind": kind,
                    "number": "",
                    "street": "",
                    "postcode": tags.get("addr:postcode", "").upper(),
                    "name": tags.get("name", "").strip(),
                    "lat": round(lat, 6),
                    "lon": round(lon, 6),
                }
            )

    class Handler(osmium.SimpleHandler):
        def node(self, n):
            tags = n.tags
            if "addr:housenumber" in tags and "addr:street" in tags:
                add("address", tags, n.location.lat, n.location.lon)
            elif _landmark(tags):
                add("landmark", tags, n.location.lat, n.location.lon)

        def way(self, w):
            tags = w.tags
            try:
                points = [(nd.location.lat, nd.location.lon) for nd in w.nodes if nd.location.valid()]
            except osmium.InvalidLocationError:
                return
            if not points:
                return
            if tags.get("highway") in STREET_HIGHWAYS and "name" in tags:
                lat, lon = points[len(points) // 2]
                add("street", {"name": tags["name"]}, lat, lon)
                return
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            if "addr:housenumber" in tags and "addr:street" in tags:
                add("address", tags, lat, lon)
            elif _landmark(tags):
                add("landmark", tags, lat, lon)

    Handler().apply_file(str(pbf), locations=True)
    return rows


def inside(rows: list[dict], boundary_geojson: str | Path) -> list[dict]:
    """Keep rows inside the union of the boundary file's polygons; one row per address or name."""
    from shapely import contains_xy
    from shapely.geometry import shape
    from shapely.ops import unary_union

    area = unary_union([shape(f["geometry"]) for f in json.loads(Path(boundary_geojson).read_text())["features"]])
    seen, kept = set(), []
    for row in rows:
        key = (row["kind"], row["number"], row["street"].lower(), row["postcode"], row["name"].lower())
        if key in seen or not contains_xy(area, row["lon"], row["lat"]):
            continue
        seen.add(key)
        kept.append(row)
    return kept


def write(rows: list[dict], out: str | Path) -> None:
    with gzip.open(out, "wt", newline="", compresslevel=9) as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: (r["kind"], r["street"], r["name"], r["number"])))


def load_rows(path: str | Path) -> list[dict]:
    with gzip.open(path, "rt", newline="") as fh:
        return list(csv.DictReader(fh))


if __name__ == "__main__":
    source, boundary, target = sys.argv[1:4]
    kept = inside(read(source), boundary)
    write(kept, target)
    counts = {}
    for r in kept:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    print(counts, len({r["postcode"] for r in kept if r["postcode"]}), "postcodes")
