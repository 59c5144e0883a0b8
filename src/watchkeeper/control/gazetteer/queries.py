"""Gazetteer reads: the address search and the nearest address to a point, both within what the
user may see (core.visibility's rule for places: partnership and district)."""

from __future__ import annotations

from watchkeeper.control.gazetteer import index, rules
from watchkeeper.core import geo
from watchkeeper.core.models import Place
from watchkeeper.core.visibility import user_district

NEAREST_METRES = 150.0


def search(user, partnership_id: int, text: str, limit: int = 10) -> list[tuple[Place, float]]:
    """The best places for what was typed, best first, with their scores."""
    own = user_district(user)
    pool = index.entries(partnership_id)
    if own is not None:
        pool = [e for e in pool if e.district_id == own]
    ranked = rules.rank(text, pool, limit=limit)
    if not ranked:
        return []
    found = Place.objects.visible_to(user).select_related("ward").in_bulk([e.id for e, _ in ranked])
    return [(found[e.id], score) for e, score in ranked if e.id in found]


def nearest_place(user, partnership_id: int, lat: float, lon: float) -> tuple[Place, float] | None:
    """The nearest address (else street or landmark) within NEAREST_METRES of a map click."""
    if not geo.valid_latlon(lat, lon):
        return None
    easting, northing = geo.to_bng(lat, lon)
    box = Place.objects.visible_to(user).filter(
        partnership_id=partnership_id,
        easting__range=(easting - NEAREST_METRES, easting + NEAREST_METRES),
        northing__range=(northing - NEAREST_METRES, northing + NEAREST_METRES),
    )
    for kinds in ((Place.Kind.ADDRESS,), (Place.Kind.STREET, Place.Kind.LANDMARK, Place.Kind.POINT)):
        rows = list(box.filter(kind__in=kinds).values_list("id", "easting", "northing")[:2000])
        best = rules.nearest(rows, easting, northing)
        if best is not None and best[1] <= NEAREST_METRES:
            return Place.objects.select_related("ward").get(pk=best[0]), best[1]
    return None
