"""Pure control-room decisions (no I/O, no database): references, call-time checks, the suggested
grade, likely duplicates, persistent misuse, and ranking units by travel time. Services feed rows in
and act on what comes out, so each rule is tested by hand-worked examples."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

# --- references --------------------------------------------------------------------------------


def reference(number: int, day: date) -> str:
    """NNNN/DDMMM, e.g. 0042/22NOV (the counter restarts each Europe/London day)."""
    return f"{number:04d}/{day.day:02d}{day.strftime('%b').upper()}"


# --- times -------------------------------------------------------------------------------------

EARLIEST = datetime(2000, 1, 1).date()  # an earlier call time is a typing error, not history
CLOCK_SKEW = timedelta(minutes=2)  # terminals' clocks drift; beyond this "in the future" is wrong


def call_time_problem(received: datetime, now: datetime) -> str | None:
    """Why a supplied call-received time cannot be right, or None."""
    if received > now + CLOCK_SKEW:
        return "The call cannot have been received in the future."
    if received.date() < EARLIEST:
        return f"A call received before {EARLIEST:%d %B %Y} is not possible here."
    return None


def event_time_problem(
    at: datetime, received: datetime, now: datetime, after: datetime | None = None, after_label: str = ""
) -> str | None:
    """Why a supplied unit-status time cannot be right (future, before the call, before despatch)."""
    if at > now + CLOCK_SKEW:
        return "That time is in the future."
    if at < received:
        return "That time is before the call was received."
    if after is not None and at < after:
        return f"That time is before the {after_label}."
    return None


# --- phones ------------------------------------------------------------------------------------


def normalise_phone(text: str) -> str:
    """Digits only, +44 folded to a leading 0, so '+44 7700 900123' matches '07700900123'."""
    digits = re.sub(r"\D", "", text or "")
    if digits.startswith("44") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


# --- suggested grade ---------------------------------------------------------------------------

# Words in the description that raise the suggestion to the most urgent attending grade: a threat to
# life or someone vulnerable at risk now. Kept short on purpose; the call handler decides.
THREAT_WORDS = (
    "knife",
    "gun",
    "firearm",
    "weapon",
    "stabbed",
    "stabbing",
    "shot",
    "bleeding",
    "unconscious",
    "not breathing",
    "fighting",
    "attacking",
    "assault in progress",
    "hostage",
    "fire",
    "suicide",
    "overdose",
    "kidnap",
)
VULNERABLE_WORDS = ("child", "baby", "elderly", "vulnerable", "disabled", "pregnant", "dementia", "missing child")
VULNERABLE_MARKERS = ("vulnerable", "domestic abuse victim", "mental health", "child at risk", "missing")


@dataclass(frozen=True)
class GradeOption:
    code: str
    rank: int  # 1 = most urgent
    attend: bool


@dataclass(frozen=True)
class Suggestion:
    code: str
    reasons: tuple[str, ...]


def suggest_grade(
    grades: list[GradeOption],
    category_default: str,
    description: str = "",
    risk_markers: tuple[str, ...] = (),
    fallback_rank: int | None = None,
) -> Suggestion | None:
    """The grade to suggest: the category's default grade, raised to the most urgent attending grade
    when the description names a threat to life or the caller/subject is flagged vulnerable.

    `fallback_rank` maps a default written for another grade set (e.g. "S" while Grade 1-5 is active)
    onto the active set by urgency rank."""
    if not grades:
        return None
    by_code = {g.code.upper(): g for g in grades}
    ordered = sorted(grades, key=lambda g: g.rank)
    start = by_code.get((category_default or "").upper())
    reasons = []
    if start is None and fallback_rank is not None:
        start = min(ordered, key=lambda g: (abs(g.rank - fallback_rank), g.rank))
    if start is None:
        start = next((g for g in ordered if g.attend and g.rank > 1), ordered[0])
        reasons.append(f"no category default: {start.code}")
    else:
        reasons.append(f"category default {start.code}")
    text = (description or "").lower()
    threat = [w for w in THREAT_WORDS if re.search(rf"\b{re.escape(w)}\b", text)]
    vulnerable = [w for w in VULNERABLE_WORDS if re.search(rf"\b{re.escape(w)}\b", text)]
    markers = [m for m in risk_markers if any(v in m.lower() for v in VULNERABLE_MARKERS)]
    top = next((g for g in ordered if g.attend), ordered[0])
    if (threat or vulnerable or markers) and top.rank < start.rank:
        if threat:
            reasons.append("threat words: " + ", ".join(threat))
        if vulnerable:
            reasons.append("vulnerability words: " + ", ".join(vulnerable))
        if markers:
            reasons.append("risk markers: " + ", ".join(markers))
        return Suggestion(top.code, tuple(reasons))
    return Suggestion(start.code, tuple(reasons))


# --- duplicates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenCall:
    id: int
    easting: float
    northing: float
    received_at: datetime
    group: str


def likely_duplicates(
    new: OpenCall, candidates: list[OpenCall], radius_m: float, window: timedelta
) -> list[tuple[int, float]]:
    """Open calls within radius_m of the new one, in the same category group, received within
    `window` of it: (id, metres) nearest first. A human confirms before anything is linked."""
    found = []
    for other in candidates:
        if other.id == new.id or other.group != new.group:
            continue
        if abs(other.received_at - new.received_at) > window:
            continue
        metres = math.hypot(other.easting - new.easting, other.northing - new.northing)
        if metres <= radius_m:
            found.append((other.id, round(metres, 1)))
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


# --- persistent misuse -------------------------------------------------------------------------


def persistent_misuse(misuse_calls: int, threshold: int) -> bool:
    """Seed 003: anyone who makes a 999 misuse call `threshold` (10) times or more."""
    return threshold > 0 and misuse_calls >= threshold


# --- despatch ----------------------------------------------------------------------------------

STRAIGHT_LINE_DETOUR = 1.3
STRAIGHT_LINE_KPH = 30.0
STRAIGHT_LINE = "straight-line estimate"


def straight_line_seconds(incident_en: tuple[float, float], unit_en: tuple[float, float]) -> float:
    """British National Grid distance x 1.3 detour at 30 km/h (used when no road network is loaded)."""
    metres = math.hypot(incident_en[0] - unit_en[0], incident_en[1] - unit_en[1])
    return metres * STRAIGHT_LINE_DETOUR * 3.6 / STRAIGHT_LINE_KPH


# Units on foot: the road network is a driving network (one-way streets, road speeds), so a foot
# patrol's time is the straight-line distance with the same detour at walking pace. The pace is rule
# data (ControlSettings.walking_kph, edited by an administrator), passed in by the services.
WALKING_KINDS = frozenset({"foot_patrol"})
WALKING = "walking estimate"


def walking_seconds(incident_en: tuple[float, float], unit_en: tuple[float, float], kph: float) -> float:
    if not kph or kph <= 0:
        raise ValueError("walking pace must be positive")
    metres = math.hypot(incident_en[0] - unit_en[0], incident_en[1] - unit_en[1])
    return metres * STRAIGHT_LINE_DETOUR * 3.6 / kph


@dataclass
class Candidate:
    """A unit as the ranking sees it."""

    id: int
    call_sign: str
    kind: str
    status: str
    lat: float | None
    lon: float | None
    skills: list[str] = field(default_factory=list)
    ring_fenced_ward: int | None = None


# Resources that are watched, not sent (a CCTV camera is shown for viewing, never given a Send).
VIEWING_KINDS = frozenset({"cctv"})


@dataclass
class Recommendation:
    unit_id: int
    call_sign: str
    kind: str
    status: str
    seconds: float | None
    method: str
    available: bool
    suitable: bool
    flags: list[str]
    preferred: bool = False


@dataclass(frozen=True)
class Capability:
    """A category's despatch rule (rule data on IncidentCategory): what a unit must have, and what
    makes it the better choice. `window` seconds: how much slower a preferred unit may be and still
    rank ahead (ControlSettings.preference_window_seconds)."""

    required_skills: tuple[str, ...] = ()
    preferred_skills: tuple[str, ...] = ()
    required_kinds: tuple[str, ...] = ()
    preferred_kinds: tuple[str, ...] = ()
    window: float = 0.0


def assess_candidates(
    candidates: list[Candidate],
    seconds: dict[int, tuple[float, str]],
    incident_ward: int | None,
    required_skills: list[str],
    capability: Capability | None = None,
) -> list[Recommendation]:
    """Every unit (all resource types), with travel seconds where known, flags for what stops or
    complicates sending it, ordered: available and suitable first, then by seconds, where a unit
    with a preferred skill or type counts as `window` seconds closer than it is."""
    cap = capability or Capability()
    needed = {s.lower() for s in required_skills} | {s.lower() for s in cap.required_skills}
    wanted = {s.lower() for s in cap.preferred_skills}
    out = []
    for unit in candidates:
        flags = []
        available = unit.status == "available"
        if not available:
            flags.append(f"status: {unit.status.replace('_', ' ')}")
        has = {s.lower() for s in unit.skills}
        missing = needed - has
        if missing:
            flags.append("lacks " + ", ".join(sorted(missing)))
        wrong_kind = bool(cap.required_kinds) and unit.kind not in cap.required_kinds
        if wrong_kind:
            flags.append("not a " + " or ".join(k.replace("_", " ") for k in cap.required_kinds))
        preferred_for = sorted(wanted & has) + (
            [unit.kind.replace("_", " ")] if unit.kind in cap.preferred_kinds else []
        )
        if preferred_for:
            flags.append("preferred: " + ", ".join(preferred_for))
        if unit.kind in VIEWING_KINDS:
            flags.append("camera: a viewing resource, not sent")
        if unit.ring_fenced_ward is not None and unit.ring_fenced_ward != incident_ward:
            flags.append("SNT outside home ward: needs duty officer authorisation")
        if unit.lat is None or unit.lon is None:
            flags.append("position unknown")
        secs, method = seconds.get(unit.id, (None, "unknown"))
        out.append(
            Recommendation(
                unit.id,
                unit.call_sign,
                unit.kind,
                unit.status,
                secs,
                method,
                available and unit.kind not in VIEWING_KINDS,
                not missing and not wrong_kind and unit.kind not in VIEWING_KINDS,
                flags,
                bool(preferred_for),
            )
        )

    def ranked_seconds(r: Recommendation) -> float:
        return (r.seconds or 0.0) - (cap.window if r.preferred else 0.0)

    return sorted(
        out,
        key=lambda r: (not r.available, not r.suitable, r.seconds is None, ranked_seconds(r), r.call_sign),
    )
