"""Read-only lookups for the estate: cameras with their availability, open faults, evidence at
risk (a camera down during the time window of an open viewing request)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from watchkeeper.cctv.cameras import rules
from watchkeeper.cctv.cameras.models import Camera, Fault
from watchkeeper.cctv.limits import limits_on
from watchkeeper.core.access import visible


def outages(user, cameras, window: rules.Interval) -> dict[int, list[rules.Interval]]:
    """Recording-lost fault intervals per camera id that touch `window` (open faults run to now)."""
    now = timezone.now()
    found = defaultdict(list)
    faults = (
        visible(Fault, user)
        .filter(camera__in=cameras, recording_lost=True, reported_at__lt=window[1])
        .filter(Q(fixed_at__isnull=True) | Q(fixed_at__gt=window[0]))
    )
    for f in faults:
        found[f.camera_id].append((f.reported_at, f.fixed_at or now))
    return found


def estate(user, days: int = 30) -> list[dict]:
    """Every camera the user may see, with availability over the last `days` days."""
    now = timezone.now()
    window = (now - timedelta(days=days), now)
    cameras = list(visible(Camera, user).select_related("district", "partnership"))
    down = outages(user, cameras, window)
    return [{"camera": c, "availability": rules.availability(down.get(c.pk, []), window)} for c in cameras]


def by_district(rows: list[dict]) -> list[dict]:
    """Mean availability per district (cameras weighted equally)."""
    groups = defaultdict(list)
    for row in rows:
        district = row["camera"].district
        groups[district.name if district else "No district"].append(row["availability"])
    return [
        {"district": name, "cameras": len(v), "availability": sum(v) / len(v)} for name, v in sorted(groups.items())
    ]


def open_faults(user) -> list[dict]:
    now = timezone.now()
    target = limits_on(now.date()).fault_response_hours
    faults = visible(Fault, user).exclude(status=Fault.Status.FIXED).select_related("camera")
    return [
        {
            "fault": f,
            "due": rules.response_due(f.reported_at, target),
            "late": rules.response_late(f.reported_at, f.notified_at, f.fixed_at, target, now),
        }
        for f in faults
    ]


def evidence_at_risk(user) -> list[dict]:
    """Open viewing requests whose time window overlaps a recording outage on a camera they ask for."""
    from watchkeeper.cctv.requests.models import ViewingRequest

    found = []
    requests = (
        visible(ViewingRequest, user)
        .filter(status__in=[ViewingRequest.Status.RECEIVED, ViewingRequest.Status.APPROVED])
        .prefetch_related("cameras")
    )
    for request in requests:
        cameras = list(request.cameras.all())
        for camera_id, intervals in outages(user, cameras, (request.start, request.end)).items():
            for interval in intervals:
                if rules.overlaps(interval, (request.start, request.end)):
                    camera = next(c for c in cameras if c.pk == camera_id)
                    found.append(
                        {"request": request, "camera": camera, "down_from": interval[0], "down_to": interval[1]}
                    )
    return found


def camera_layer(user) -> dict:
    """GeoJSON of the visible cameras, coloured by kind and fault state."""
    faulty = set(visible(Fault, user).exclude(status=Fault.Status.FIXED).values_list("camera_id", flat=True))
    colours = {Camera.Kind.FIXED: "#1d4e89", Camera.Kind.PTZ: "#2a7d2a", Camera.Kind.RAPID: "#6a1b9a"}
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
            "properties": {
                "name": f"{c.code} {c.name}{' (fault)' if c.pk in faulty else ''}",
                "colour": "#c0392b" if c.pk in faulty else colours[c.kind],
            },
        }
        for c in visible(Camera, user)
    ]
    return {"type": "FeatureCollection", "features": features}


def parse_window(start: datetime | None, end: datetime | None, days: int = 30) -> rules.Interval:
    end = end or timezone.now()
    return (start or end - timedelta(days=days), end)
