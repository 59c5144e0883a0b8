"""Road rules for turning OpenStreetMap ways into a drivable network: which ways a response vehicle
may use, in which direction, and how fast it travels along them. Pure functions on tag dicts, so
each rule can be tested without a file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MPH = 1.609344

# Speeds (km/h) for ways with no usable maxspeed tag, by OSM highway class: the usual UK urban
# limits (20 mph residential, as in Camden and most London boroughs; 30 mph through roads), which a
# response vehicle under blue lights achieves more closely than ordinary traffic does. Only classes
# listed here are drivable, so the table is also the drivable-class list: an administrator can add
# e.g. "track" for a rural force, or slow a class down, by passing an edited copy.
#
# Left out on purpose: footway, path, steps, cycleway, pedestrian, bridleway (not open to motor
# vehicles, and bollards usually stop them physically); track (farm and forest tracks, usually
# gated: in an urban control room a route over one is more likely wrong than clever); busway and
# bus_guideway (bus-only infrastructure); construction, proposed, raceway, corridor.
DEFAULT_SPEEDS_KPH: dict[str, float] = {
    "motorway": 70 * MPH,
    "motorway_link": 40 * MPH,
    "trunk": 40 * MPH,
    "trunk_link": 30 * MPH,
    "primary": 30 * MPH,
    "primary_link": 30 * MPH,
    "secondary": 30 * MPH,
    "secondary_link": 30 * MPH,
    "tertiary": 30 * MPH,
    "tertiary_link": 30 * MPH,
    "unclassified": 30 * MPH,
    "residential": 20 * MPH,
    "road": 20 * MPH,
    "living_street": 10 * MPH,
    "service": 10 * MPH,
}

# Access values that shut a way to a response vehicle for routing purposes. "destination",
# "customers", "permissive", "designated" stay open: a unit attending an incident is going there.
_CLOSED_ACCESS = {"no", "private", "agricultural", "forestry", "military"}
# Most specific key first: OSM lets motorcar=yes override access=no, and so on.
_ACCESS_KEYS = ("motorcar", "motor_vehicle", "vehicle", "access")

_NATIONAL_LIMITS_MPH = {
    "uk:national": None,  # depends on carriageway, resolved below
    "gb:national": None,
    "national": None,
    "uk:nsl_single": 60.0,
    "gb:nsl_single": 60.0,
    "uk:nsl_dual": 70.0,
    "gb:nsl_dual": 70.0,
    "uk:motorway": 70.0,
    "gb:motorway": 70.0,
    "uk:urban": 30.0,
    "gb:urban": 30.0,
}
_NUMBER_UNIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mph|km/h|kmh|kph|knots)?\s*$")


def drivable(tags: Mapping[str, str], speeds: Mapping[str, float]) -> bool:
    """True when a response vehicle may use this way (class in the speed table, not closed)."""
    highway = tags.get("highway")
    if highway not in speeds:
        return False
    if tags.get("area") == "yes":  # a pedestrian plaza or car park outline, not a line to drive
        return False
    # oneway=reversible flips by time of day; without the timetable we cannot use it safely.
    if tags.get("oneway") == "reversible":
        return False
    for key in _ACCESS_KEYS:
        value = tags.get(key)
        if value is not None:
            return value.split(";")[0].strip().lower() not in _CLOSED_ACCESS
    return True


def direction(tags: Mapping[str, str]) -> tuple[bool, bool]:
    """(forward, backward) travel allowed along the way's node order.

    Roundabouts and motorways (and their slip roads) are one-way unless tagged otherwise.
    Emergency contraflow (oneway:emergency=no) is deliberately ignored: a route that relies on
    driving against the traffic is not one a despatcher should be promised.
    """
    value = (tags.get("oneway") or "").strip().lower()
    if value in ("yes", "true", "1"):
        return True, False
    if value in ("-1", "reverse"):
        return False, True
    if value in ("no", "false", "0"):
        return True, True
    implied = tags.get("junction") in ("roundabout", "circular") or tags.get("highway") in (
        "motorway",
        "motorway_link",
    )
    return (True, False) if implied else (True, True)


def parse_maxspeed(value: str | None, highway: str = "", oneway: bool = False) -> float | None:
    """A maxspeed tag as km/h, or None when absent or unusable (e.g. "signals", "variable").

    UK limits are signed in mph, and UK mappers who write a bare number ("30") mean mph, so a bare
    number is read as mph here (the OSM default of km/h would turn a 30 mph road into 18.6 mph).
    "national" is 70 mph on motorways and dual carriageways (guessed from a one-way trunk or
    primary), 60 mph otherwise. With several values ("20;30") the lowest is taken.
    """
    if not value:
        return None
    found = []
    for part in value.lower().split(";"):
        part = part.strip()
        if part in _NATIONAL_LIMITS_MPH:
            mph = _NATIONAL_LIMITS_MPH[part]
            if mph is None:
                dual = highway.startswith("motorway") or (oneway and highway in ("trunk", "primary"))
                mph = 70.0 if dual else 60.0
            found.append(mph * MPH)
            continue
        if part in ("walk", "uk:walk"):
            found.append(6.0)
            continue
        match = _NUMBER_UNIT.match(part)
        if not match:
            continue
        number, unit = float(match.group(1)), match.group(2)
        if number <= 0:
            continue
        if unit in ("km/h", "kmh", "kph"):
            found.append(number)
        elif unit == "knots":
            found.append(number * 1.852)
        else:
            found.append(number * MPH)
    return min(found) if found else None


def way_speed_kph(tags: Mapping[str, str], speeds: Mapping[str, float], oneway: bool) -> float:
    """Travel speed along a drivable way: its posted limit when tagged, else the class speed."""
    highway = tags.get("highway", "")
    posted = parse_maxspeed(tags.get("maxspeed"), highway, oneway)
    return posted if posted is not None else float(speeds[highway])
