"""Loading gazetteer rows (from `osm.load_rows` or any CSV of the same columns) into a partnership's
places: each row placed in its ward (rows outside the partnership's wards are skipped and counted)."""

from __future__ import annotations

from watchkeeper.control.gazetteer import rules
from watchkeeper.core import geo
from watchkeeper.core.models import Partnership, Place

KINDS = {"address": Place.Kind.ADDRESS, "street": Place.Kind.STREET, "landmark": Place.Kind.LANDMARK}


def load_rows(partnership: Partnership, rows: list[dict]) -> dict:
    """Add the rows as places (existing names are kept: ignore_conflicts). Returns counts."""
    index = geo.ward_index(partnership.id)
    existing = set(Place.objects.filter(partnership=partnership).values_list("name", flat=True))
    places, outside = [], 0
    for row in rows:
        kind = KINDS.get(row["kind"])
        if kind is None:
            continue
        if kind == Place.Kind.ADDRESS:
            name = rules.address_name(row["number"], row["street"], row["postcode"])
        else:
            name = row["name"]
        if not name or name in existing:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        ward_id = index.ward_at(lat, lon)
        if ward_id is None:
            outside += 1
            continue
        existing.add(name)
        postcode = (row.get("postcode") or "")[:12]
        places.append(
            Place.at(lat, lon, partnership=partnership, kind=kind, name=name[:300], postcode=postcode, ward_id=ward_id)
        )
    Place.objects.bulk_create(places, batch_size=2000, ignore_conflicts=True)
    return {"added": len(places), "outside": outside}
