"""Small builders for unit tests that need a few records, not the whole demo borough. Each returns
a saved object built with the same defaults every time (a counter keeps slugs and codes unique);
pass keyword arguments to change what the test is about. Tests that use only these are marked
`factories`, and the demo borough is not loaded for them (tests/conftest.py)."""

from __future__ import annotations

import itertools

from shapely.geometry import box, mapping

from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Agency, District, Partnership, Person, Place, User, Ward
from watchkeeper.core.roles import Role

_serial = itertools.count(1)

# A square ward near Camden Town; SQUARE_CENTRE falls inside it.
SQUARE = (-0.150, 51.535, -0.135, 51.545)
SQUARE_CENTRE = (51.540, -0.1425)


def partnership(**fields) -> Partnership:
    n = next(_serial)
    return Partnership.objects.create(
        **{"slug": f"partnership-{n}", "name": f"Partnership {n}", "kind": Partnership.Kind.CSP, **fields}
    )


def district(partnership_=None, **fields) -> District:
    n = next(_serial)
    return District.objects.create(
        **{"partnership": partnership_ or partnership(), "code": f"D{n:07d}", "name": f"District {n}", **fields}
    )


def ward(district_=None, bounds=SQUARE, **fields) -> Ward:
    """A rectangular ward (min lon, min lat, max lon, max lat), in a new district unless given one."""
    n = next(_serial)
    min_lon, min_lat, max_lon, max_lat = bounds
    return Ward.objects.create(
        **{
            "district": district_ or district(),
            "code": f"W{n:07d}",
            "name": f"Ward {n}",
            "boundary": mapping(box(*bounds)),
            "min_lat": min_lat,
            "max_lat": max_lat,
            "min_lon": min_lon,
            "max_lon": max_lon,
            **fields,
        }
    )


def agency(*partnerships: Partnership, **fields) -> Agency:
    n = next(_serial)
    made = Agency.objects.create(**{"slug": f"agency-{n}", "name": f"Agency {n}", "kind": Agency.Kind.POLICE, **fields})
    made.partnerships.add(*(partnerships or (partnership(),)))
    return made


def user(role: str = Role.CALL_HANDLER, agency_=None, **fields) -> User:
    """A user with a role in an agency (a new agency in a new partnership unless given one)."""
    n = next(_serial)
    return User.objects.create_user(
        **{"username": f"user-{n}", "agency": agency_ or agency(), "role": role, "first_name": f"User {n}", **fields}
    )


def place(partnership_: Partnership, ward_: Ward | None = None, lat=SQUARE_CENTRE[0], lon=SQUARE_CENTRE[1], **fields):
    from watchkeeper.core import geo

    easting, northing = geo.to_bng(lat, lon)
    n = next(_serial)
    return Place.objects.create(
        **{
            "partnership": partnership_,
            "name": f"{n} High Street",
            "lat": lat,
            "lon": lon,
            "easting": easting,
            "northing": northing,
            "ward": ward_,
            **fields,
        }
    )


def person(partnership_: Partnership, **fields) -> Person:
    n = next(_serial)
    return Person.objects.create(
        **{"partnership": partnership_, "given_name": "Sam", "family_name": f"Caller{n}", **fields}
    )


def unit(partnership_: Partnership, lat=SQUARE_CENTRE[0], lon=SQUARE_CENTRE[1], **fields):
    from watchkeeper.control.models import Unit

    n = next(_serial)
    return Unit.objects.create(
        **{
            "partnership": partnership_,
            "call_sign": f"U{n}",
            "kind": Unit.Kind.RESPONSE,
            "status": Unit.Status.AVAILABLE,
            "lat": lat,
            "lon": lon,
            **fields,
        }
    )


def control_room(role: str = Role.CALL_HANDLER):
    """A partnership with one ward and a user of `role` in it: the least an intake test needs."""
    home = partnership()
    where = ward(district(home))
    return home, where, user(role, agency(home))


def incident(by: User, partnership_: Partnership, lat=SQUARE_CENTRE[0], lon=SQUARE_CENTRE[1], **fields):
    """An incident recorded through the intake service, as a call handler would (so it has its
    reference, timeline and audit entry), in a ward of `partnership_`."""
    from watchkeeper.control.services import create_incident

    options = {"channel": "999", "category": "theft", "description": "Bag snatched", **fields}
    return create_incident(Actor(by), partnership_, lat=lat, lon=lon, **options)
