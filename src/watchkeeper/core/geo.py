"""Coordinates: WGS84 for display, British National Grid metres for distance, wards by point-in-polygon."""

from __future__ import annotations

import math
from functools import lru_cache

from pyproj import Transformer
from shapely import STRtree
from shapely.geometry import Point, shape

_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
_TO_WGS = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def to_bng(lat: float, lon: float) -> tuple[float, float]:
    easting, northing = _TO_BNG.transform(lon, lat)
    return easting, northing


def to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    lon, lat = _TO_WGS.transform(easting, northing)
    return lat, lon


def valid_latlon(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def metres_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    ea, na = to_bng(*a)
    eb, nb = to_bng(*b)
    return math.hypot(ea - eb, na - nb)


class WardIndex:
    """Point-in-polygon lookup over ward boundaries (an STRtree of shapely polygons)."""

    def __init__(self, wards: list[tuple[int, dict]], districts: dict[int, int] | None = None):
        self.ids = [ward_id for ward_id, _ in wards]
        self.shapes = [shape(geometry) for _, geometry in wards]
        self.districts = districts or {}
        self.tree = STRtree(self.shapes) if self.shapes else None

    def ward_at(self, lat: float, lon: float) -> int | None:
        if self.tree is None:
            return None
        point = Point(lon, lat)
        for index in self.tree.query(point, predicate="intersects"):
            return self.ids[int(index)]
        return None

    def contains(self, lat: float, lon: float) -> bool:
        return self.ward_at(lat, lon) is not None

    def district_of(self, ward_id: int) -> int | None:
        return self.districts.get(ward_id)


@lru_cache(maxsize=8)
def _ward_index(partnership_id: int | None, version: int) -> WardIndex:
    from watchkeeper.core.models import Ward

    qs = Ward.objects.all()
    if partnership_id is not None:
        qs = qs.filter(district__partnership_id=partnership_id)
    rows = list(qs.values_list("id", "boundary", "district_id"))
    return WardIndex([(ward_id, boundary) for ward_id, boundary, _ in rows], {r[0]: r[2] for r in rows})


def forget_wards(**_kwargs) -> None:
    """Drop this process's ward indexes (connected to Ward saves and deletes). The count-and-newest
    key below only notices other processes' imports; a rolled-back write can leave both equal while
    the boundaries differ, so a write here clears the cache outright."""
    _ward_index.cache_clear()


def ward_index(partnership_id: int | None = None) -> WardIndex:
    from django.db import connections, router

    from watchkeeper.core.models import Ward

    # Keyed on the ward count and newest id so a (rare) boundary import refreshes the cache. Asked
    # on every call recorded: one plain statement (the ORM's aggregate compiled cost more than it ran).
    with connections[router.db_for_read(Ward)].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(id), MAX(id) FROM {Ward._meta.db_table}")
        count, newest = cursor.fetchone()
    return _ward_index(partnership_id, count * 1_000_003 + (newest or 0))
