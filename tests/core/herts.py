"""Hertfordshire records for district-isolation tests: the demo has no Herts wards, so these make
a small square ward in a district and records inside it."""

from __future__ import annotations

from django.utils import timezone

from watchkeeper.core import geo


def herts_ward(code: str, lat: float = 51.9, lon: float = -0.2):
    from watchkeeper.core.models import District, Ward

    district = District.objects.get(code=code)
    ring = [[lon - 0.01, lat - 0.01], [lon + 0.01, lat - 0.01], [lon + 0.01, lat + 0.01], [lon - 0.01, lat + 0.01]]
    ward, _ = Ward.objects.get_or_create(
        code=f"W-{code}",
        defaults={
            "district": district,
            "name": f"Test ward of {district.name}",
            "boundary": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            "min_lat": lat - 0.01,
            "max_lat": lat + 0.01,
            "min_lon": lon - 0.01,
            "max_lon": lon + 0.01,
        },
    )
    return ward


def herts_place(code: str, name: str, lat: float = 51.9, lon: float = -0.2):
    from watchkeeper.core.models import Partnership, Place

    ward = herts_ward(code, lat, lon)
    easting, northing = geo.to_bng(lat, lon)
    return Place.objects.create(
        partnership=Partnership.objects.get(slug="herts-cctv"),
        name=name,
        lat=lat,
        lon=lon,
        easting=easting,
        northing=northing,
        ward=ward,
    )


_numbers = iter(range(9000, 99999))


def herts_incident(district=None, caller=None, partnership: str = "herts-cctv", **extra):
    """An incident written straight to the database (no ward: a historical import's shape)."""
    from watchkeeper.control.models import Channel, Incident, IncidentCategory
    from watchkeeper.core.models import Partnership

    lat, lon = extra.pop("at", (51.9, -0.2))
    easting, northing = geo.to_bng(lat, lon)
    now = timezone.now()
    number = next(_numbers)
    reference = f"{number}/01JAN"
    return Incident.objects.create(
        partnership=Partnership.objects.get(slug=partnership),
        district=district,
        reference=reference,
        reference_day=now.date().replace(year=2001),
        number=number,
        received_at=now,
        channel=Channel.objects.order_by("pk").first(),
        category=IncidentCategory.objects.order_by("pk").first(),
        caller=caller,
        lat=lat,
        lon=lon,
        easting=easting,
        northing=northing,
        **extra,
    )
