"""Read rules (pure): plates, speeds, calibration, the threshold, the mapping profile."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# Current (AB12 CDE), prefix (A123 BCD), suffix (ABC 123D) and dateless (1-4 letters, 1-4 digits).
PLATE = re.compile(
    r"^([A-Z]{2}[0-9]{2}[A-Z]{3}|[A-Z][0-9]{1,3}[A-Z]{3}|[A-Z]{3}[0-9]{1,3}[A-Z]|[A-Z]{1,3}[0-9]{1,4}|[0-9]{1,4}[A-Z]{1,3})$"
)

# A mapping profile: which column of the supplier's file holds each field, and the time format.
PROFILES: dict[str, dict] = {
    "watchkeeper": {"plate": "plate", "time": "time", "site": "site", "direction": "direction", "speed": "speed_mph"},
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


@dataclass(frozen=True)
class Row:
    plate: str
    seen_at: datetime
    site: str
    direction: str
    speed_mph: float


def parse_row(raw: dict, profile: dict, max_speed: float) -> tuple[Row | None, str | None]:
    """One line of a supplier's file through its profile: (row, None) or (None, problem)."""
    return parse_values(
        raw.get(profile["plate"]),
        raw.get(profile["time"]),
        raw.get(profile["site"]),
        raw.get(profile.get("direction", "")),
        raw.get(profile["speed"]),
        max_speed,
    )


def parse_values(plate_text, time_text, site, direction, speed_text, max_speed: float):
    """The checks of one read, field by field: (row, None) or (None, the first problem)."""
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
    try:
        speed = float(speed_text)
    except ValueError:
        return None, f"speed {speed_text[:12]!r} is not a number"
    if not math.isfinite(speed) or not 0 < speed <= max_speed:
        return None, f"impossible speed {speed_text[:12]} mph"
    return Row(plate, seen_at, site.strip(), (direction or "").strip().upper()[:2], speed), None
