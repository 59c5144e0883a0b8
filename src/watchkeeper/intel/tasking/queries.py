"""Tasked cells described for people: the nearest named street (the partnership's places) and the
ward, and the risk in words (tasking.rules)."""

from __future__ import annotations

import math

from watchkeeper.core import geo
from watchkeeper.core.models import Place, Ward
from watchkeeper.intel.tasking import rules

NEAR_METRES = 400.0


def _nearest_street(partnership_id: int, lat: float, lon: float) -> str:
    easting, northing = geo.to_bng(lat, lon)
    rows = Place.objects.filter(
        partnership_id=partnership_id,
        kind__in=(Place.Kind.STREET, Place.Kind.ADDRESS),
        easting__range=(easting - NEAR_METRES, easting + NEAR_METRES),
        northing__range=(northing - NEAR_METRES, northing + NEAR_METRES),
    ).values_list("kind", "name", "easting", "northing")[:3000]
    best = None
    for kind, name, e, n in rows:
        d = math.hypot(e - easting, n - northing) + (0 if kind == Place.Kind.STREET else 25)
        if best is None or d < best[0]:
            street = name.split(",")[0] if kind == Place.Kind.STREET else name.split(",")[0].split(" ", 1)[-1]
            best = (d, street)
    return best[1] if best and best[0] <= NEAR_METRES else ""


def described(tasking, cells) -> list[dict]:
    """[{"cell", "name", "risk_words"}] for a tasking's cells, in rank order."""
    cells = list(cells)
    top = max((c.risk for c in cells), default=0.0)
    index = geo.ward_index(tasking.partnership_id)
    ward_ids = {c.pk: index.ward_at(c.lat, c.lon) for c in cells}
    names = dict(Ward.objects.filter(pk__in={w for w in ward_ids.values() if w}).values_list("pk", "name"))
    out = []
    for c in cells:
        street = _nearest_street(tasking.partnership_id, c.lat, c.lon)
        out.append(
            {
                "cell": c,
                "name": rules.area_name(street, names.get(ward_ids[c.pk], "")),
                "risk_words": rules.risk_words(c.risk, top, c.rank, len(cells)),
            }
        )
    return out
