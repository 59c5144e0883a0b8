"""Read rules (pure): plates, speeds, calibration, the threshold, the mapping profile."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from datetime import date, datetime, timedelta
from typing import NamedTuple

# Current (AB12 CDE), prefix (A123 BCD), suffix (ABC 123D) and dateless (1-4 letters, 1-4 digits).
PLATE = re.compile(
    r"^([A-Z]{2}[0-9]{2}[A-Z]{3}|[A-Z][0-9]{1,3}[A-Z]{3}|[A-Z]{3}[0-9]{1,3}[A-Z]|[A-Z]{1,3}[0-9]{1,4}|[0-9]{1,4}[A-Z]{1,3})$"
)

# The shipped mapping profiles (which column of a supplier's file holds each field), seeded into
# MappingProfile by migration; an administrator edits or adds profiles in the admin.
PROFILES: dict[str, dict] = {
    "watchkeeper": {"plate": "plate", "time": "time", "site": "site", "direction": "direction", "speed": "speed_mph"},
    # Paired cameras: the second camera's line carries its spot speed and the section average.
    "watchkeeper-paired": {
        "plate": "plate",
        "time": "time",
        "site": "site",
        "direction": "direction",
        "speed": "speed_mph",
        "average": "average_mph",
    },
    "croydon-council": {"plate": "VRM", "time": "Timestamp", "site": "Camera", "direction": "Dir", "speed": "Speed"},
}


def normalise_plate(text: str) -> str | None:
    plate = re.sub(r"\s+", "", (text or "").upper())
    return plate if PLATE.match(plate) else None


def threshold(limit_mph: float, percent: float, plus_mph: float) -> float:
    """NPCC guidance: enforcement from the limit + 10% + 2 mph (rule data)."""
    return limit_mph * (1 + percent / 100.0) + plus_mph


def calibration_ok(last_check: tuple[date, bool] | None, on: date, valid_days: int) -> bool:
    """Reads count only from a device whose last check before the read passed and has not lapsed."""
    if last_check is None:
        return False
    checked_on, passed = last_check
    return passed and checked_on <= on <= checked_on + timedelta(days=valid_days)


def check_passes(council_mph: float, police_mph: float, tolerance_mph: float) -> bool:
    return abs(council_mph - police_mph) < tolerance_mph


# Required fields of a profile (direction and average are optional).
REQUIRED = ("plate", "time", "site", "speed")


def profile_problems(columns: dict[str, str]) -> dict[str, str]:
    """What is wrong with a profile's columns, by field: a required field without a column, a
    column named twice, or a name a CSV header cannot hold."""
    problems = {}
    for field in REQUIRED:
        if not (columns.get(field) or "").strip():
            problems[field] = "Name the column that holds this field."
    seen: dict[str, str] = {}
    for field, column in columns.items():
        column = (column or "").strip()
        if not column:
            continue
        if any(c in column for c in ',"\r\n'):
            problems[field] = "A column name cannot contain a comma, a quote or a line break."
        elif column in seen:
            problems[field] = f"The same column as {seen[column]}."
        seen.setdefault(column, field)
    return problems


class Row(NamedTuple):
    """One read (a tuple: a file of millions makes one per line)."""

    plate: str
    seen_at: datetime
    site: str
    direction: str
    speed_mph: float
    average_mph: float | None = None  # the section average on a paired camera's line


def parse_row(raw: dict, profile: dict, max_speed: float) -> tuple[Row | None, str | None]:
    """One line of a supplier's file through its profile: (row, None) or (None, problem)."""
    return parse_values(
        raw.get(profile["plate"]),
        raw.get(profile["time"]),
        raw.get(profile["site"]),
        raw.get(profile.get("direction", "")),
        raw.get(profile["speed"]),
        max_speed,
        raw.get(profile["average"]) if "average" in profile else None,
    )


def parse_values(plate_text, time_text, site, direction, speed_text, max_speed: float, average_text=None):
    """The checks of one read, field by field: (row, None) or (None, the first problem). The
    section average is optional on a line (an entry camera's line has none) but, when given, must
    be a possible speed like the spot speed."""
    fields = {"plate": plate_text, "time": time_text, "site": site, "speed": speed_text}
    missing = [name for name, value in fields.items() if not (value or "").strip()]
    if missing:
        return None, f"missing {', '.join(missing)}"
    plate = normalise_plate(plate_text)
    if plate is None:
        return None, f"malformed plate {plate_text[:12]!r}"
    try:
        seen_at = datetime.fromisoformat(time_text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None, f"time {time_text[:30]!r} is not an ISO date and time"
    if seen_at.tzinfo is None:
        return None, "the time has no time zone (give Z or an offset)"
    speed, problem = _mph(speed_text, "speed", max_speed)
    if problem:
        return None, problem
    average = None
    if (average_text or "").strip():
        average, problem = _mph(average_text, "average speed", max_speed)
        if problem:
            return None, problem
    return Row(plate, seen_at, site.strip(), (direction or "").strip().upper()[:2], speed, average), None


def _mph(text: str, label: str, max_speed: float) -> tuple[float | None, str | None]:
    """A speed in mph: (speed, None), or (None, why it is refused: not a number, or impossible)."""
    try:
        speed = float(text)
    except ValueError:
        return None, f"{label} {text[:12]!r} is not a number"
    if not math.isfinite(speed) or not 0 < speed <= max_speed:
        return None, f"impossible {label} {text[:12]} mph"
    return speed, None


METRES_PER_MILE = 1609.344


def average_mph(distance_m: float, seconds: float) -> float:
    """Average speed over a section: the distance along the road over the time between the reads."""
    return (distance_m / METRES_PER_MILE) / (seconds / 3600.0)


def pair_reads(
    entries: dict[str, list[tuple[datetime, int]]],
    exits: list[tuple[int, str, datetime]],
    distance_m: float,
    max_seconds: float,
) -> list[tuple[int, int, float]]:
    """Each exit read (id, plate, time) timed from the same plate's latest entry read before it,
    within `max_seconds` (longer is not one trip): (exit id, entry id, average mph). An exit with
    no such entry gives nothing. `entries` holds each plate's (time, id) entry reads, sorted."""
    paired = []
    for pk, plate, at in exits:
        times = entries.get(plate)
        if not times:
            continue
        i = bisect_left(times, (at,)) - 1  # (at,) sorts before every (at, id): strictly earlier
        if i < 0:
            continue
        entered_at, entry_pk = times[i]
        seconds = (at - entered_at).total_seconds()
        if 0 < seconds <= max_seconds:
            paired.append((pk, entry_pk, round(average_mph(distance_m, seconds), 1)))
    return paired
