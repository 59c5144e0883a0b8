"""Proof of patrol (pure): positions -> visits with dwell, the log's hash chain, track files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64


@dataclass(frozen=True)
class Fix:
    at: datetime
    x: float  # British National Grid metres
    y: float


@dataclass(frozen=True)
class Stay:
    hotspot: str
    arrived_at: datetime
    left_at: datetime
    closed: bool  # a later fix shows the officer has gone (or the shift is over)

    @property
    def dwell_seconds(self) -> int:
        return int((self.left_at - self.arrived_at).total_seconds())


def nearest(fix: Fix, hotspots: dict[str, tuple[float, float]], radius_m: float) -> str | None:
    best, best_d = None, radius_m
    for key, (x, y) in sorted(hotspots.items()):
        d = math.hypot(fix.x - x, fix.y - y)
        if d <= best_d:
            best, best_d = key, d
    return best


def stays(
    fixes: list[Fix], hotspots: dict[str, tuple[float, float]], radius_m: float, max_gap_s: float, over: bool = False
) -> list[Stay]:
    """Runs of consecutive fixes at the same hotspot (within `radius_m`), broken by a fix elsewhere
    or a gap longer than `max_gap_s` (the phone lost signal: time unseen is not counted as dwell).
    The last run is closed only when the shift is `over`."""
    found: list[Stay] = []
    run: list = []  # [hotspot, first, last]
    for fix in sorted(fixes, key=lambda f: f.at):
        here = nearest(fix, hotspots, radius_m)
        if run and (here != run[0] or (fix.at - run[2]).total_seconds() > max_gap_s):
            found.append(Stay(run[0], run[1], run[2], True))
            run = []
        if here is not None:
            run = [here, run[1] if run else fix.at, fix.at]
    if run:
        found.append(Stay(run[0], run[1], run[2], over))
    return found


def met_dwell(dwell_seconds: int, dwell_min_minutes: int) -> bool:
    return dwell_seconds >= dwell_min_minutes * 60


# --- the hash chain ------------------------------------------------------------------------------


def canonical(seq: int, at: datetime, kind: str, actor: str, payload: dict, prev: str) -> str:
    body = {"seq": seq, "at": at.astimezone(UTC).isoformat(timespec="microseconds"), "kind": kind}
    body |= {"actor": actor, "payload": payload, "prev": prev}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)


def link(seq: int, at: datetime, kind: str, actor: str, payload: dict, prev: str) -> str:
    return hashlib.sha256(canonical(seq, at, kind, actor, payload, prev).encode()).hexdigest()


def first_break(entries: list) -> int | None:
    """The seq of the first entry whose link does not hold (edited, removed, reordered), else None.
    `entries` have seq, at, kind, actor_label, payload, prev_hash and hash, in seq order."""
    prev, expected = GENESIS, 1
    for e in entries:
        if e.seq != expected or e.prev_hash != prev:
            return e.seq
        if link(e.seq, e.at, e.kind, e.actor_label, e.payload, prev) != e.hash:
            return e.seq
        prev, expected = e.hash, expected + 1
    return None


# --- track files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    at: datetime
    lat: float
    lon: float


class TrackError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems[:20]))
        self.problems = problems


def _point(at_text: str, lat_text: str, lon_text: str, where: str, problems: list[str]) -> Point | None:
    try:
        at = datetime.fromisoformat(at_text.strip().replace("Z", "+00:00"))
        lat, lon = float(lat_text), float(lon_text)
    except (TypeError, ValueError):
        problems.append(f"{where}: time, lat and lon must be an ISO time and two numbers")
        return None
    if at.tzinfo is None:
        problems.append(f"{where}: the time {at_text.strip()} has no time zone (give Z or an offset)")
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        problems.append(f"{where}: {lat_text}, {lon_text} is not a latitude and longitude")
        return None
    return Point(at.astimezone(UTC), lat, lon)


def parse_csv(text: str) -> list[Point]:
    """time,lat,lon rows (header required). All or nothing: any bad line -> TrackError by line."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"time", "lat", "lon"} - set(reader.fieldnames or [])
    if missing:
        raise TrackError([f"line 1: missing column(s) {', '.join(sorted(missing))}"])
    problems: list[str] = []
    points = [_point(r["time"], r["lat"], r["lon"], f"line {reader.line_num}", problems) for r in reader]
    if problems:
        raise TrackError(problems)
    return [p for p in points if p]


def parse_gpx(text: str) -> list[Point]:
    """Track points (trkpt with a time) from a GPX 1.1 file, parsed with defusedxml (no entities)."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(text)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise TrackError([f"not a GPX file: {exc}"]) from None
    problems: list[str] = []
    points = []
    for n, pt in enumerate(root.iter("{http://www.topografix.com/GPX/1/1}trkpt"), start=1):
        time = pt.find("{http://www.topografix.com/GPX/1/1}time")
        points.append(
            _point(time.text if time is not None else "", pt.get("lat"), pt.get("lon"), f"point {n}", problems)
        )
    if problems:
        raise TrackError(problems)
    if not points:
        raise TrackError(["the GPX file has no track points (trkpt)"])
    return [p for p in points if p]
