"""The live shift a demo opens on. The demo's history is six weeks of closed incidents, so without
this a supervisor signing in would find an empty board. Each time `watchkeeper demo` serves, the
Camden board is brought up to a handful of open calls received in the last half hour, in the
states a dispatcher meets at the start of a shift: waiting for a grade, graded and waiting for a
unit (an Immediate one with its clock running), a unit en route, a unit at scene.

The calls go through the control-room services as the dispatcher persona (control/simulate_ops.py
LocalOps), so their timelines, audit entries and board messages are exactly those of real use.
This module's calls left open by an earlier run (more than two hours old) are closed first, as a
shift hands over, so a demo started tomorrow does not open on yesterday's breaches; calls a user
made are left as they are.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from watchkeeper.control.models import Assignment, Incident, Unit
from watchkeeper.control.simulate import CATEGORY_FOR_CRIME, crime_points, send_first_free
from watchkeeper.control.simulate_ops import LocalOps, OpRefused
from watchkeeper.core.audit import Actor

STALE_AFTER = timedelta(hours=2)
ACTING = "dispatcher"  # the demo persona the shift's earlier actions are recorded as

# (police.uk crime type the place is drawn from, minutes ago, channel, how far it has got, narrative)
SHIFT = [
    ("Robbery", 13, "999", "at_scene", "Phone snatched from the caller by two males on a moped, towards the station."),
    ("Burglary", 15, "999", "en_route", "Back door forced; the caller heard movement upstairs and is waiting outside."),
    ("Criminal damage and arson", 11, "101", "graded", "Bus shelter glass smashed overnight, no one seen."),
    ("Violence and sexual offences", 6, "999", "graded", "Two men fighting outside the pub, one holding a bottle."),
    ("Anti-social behaviour", 3, "101", "received", "Group kicking a football against parked cars, shouting."),
    ("Shoplifting", 1, "999", "received", "Store security holding a man for theft; he is becoming aggressive."),
]


def top_up(partnerships: dict, seed: int = 2026) -> dict:
    """Close the earlier run's stale live calls, then open this run's if the board has none."""
    camden = partnerships.get("safer-camden")
    user = get_user_model().objects.filter(username=ACTING, is_active=True).first()
    if camden is None or user is None:
        return {}
    ops = LocalOps(Actor(user, "demo:live-shift"), camden)
    now = timezone.now()
    live = opened_here(camden).filter(closed_at__isnull=True)
    handed_over = sum(_close(ops, incident) for incident in live.filter(received_at__lt=now - STALE_AFTER))
    if live.filter(received_at__gte=now - STALE_AFTER).exists():
        return {"live_calls_closed": handed_over, "live_calls_opened": 0}
    stream = random.Random(seed)
    points: dict[str, list[dict]] = {}
    for row in crime_points(camden):
        points.setdefault(row["category"], []).append(row)
    opened = 0
    for crime, minutes_ago, channel, stage, narrative in SHIFT:
        if not points.get(crime):
            continue
        point = stream.choice(points[crime])
        opened += _open(ops, now - timedelta(minutes=minutes_ago), crime, point, channel, stage, narrative)
    return {"live_calls_closed": handed_over, "live_calls_opened": opened}


def opened_here(partnership):
    """The calls this module opened. They are live calls (no import source: the board shows only
    those), so they are known by their narratives."""
    return Incident.objects.filter(partnership=partnership, source="", description__in=[row[-1] for row in SHIFT])


def _open(ops: LocalOps, received, crime: str, point: dict, channel: str, stage: str, narrative: str) -> int:
    try:
        made = ops.create(
            {
                "channel": channel,
                "category": CATEGORY_FOR_CRIME[crime],
                "description": narrative,
                "lat": point["lat"],
                "lon": point["lon"],
                "location_text": point["street"],
                "received_at": received,
            }
        )
        if stage == "received":
            return 1
        attends = ops.grade(made["id"], made["suggested"], "Suggested grade accepted at the start of the shift.")
        if stage == "graded" or not attends:
            return 1
        sent = send_first_free(ops, made["id"])
        if sent is not None and stage == "at_scene":
            incident = ops.incident(made["id"])
            ops.status(sent["unit_id"], Unit.Status.AT_SCENE, incident["lat"], incident["lon"])
    except OpRefused:
        return 0  # a call the services refuse (say a category since removed) is left out, not forced
    return 1


def _close(ops: LocalOps, incident: Incident) -> int:
    """Free the call's units and close it, as the outgoing shift would."""
    units = list(Assignment.objects.filter(incident=incident).values_list("unit_id", flat=True))
    code = "resolved" if units else "resolved-by-phone"
    try:
        for unit in Unit.objects.filter(pk__in=units).exclude(status=Unit.Status.AVAILABLE):
            ops.status(unit.pk, Unit.Status.AVAILABLE)
        ops.close(incident.pk, code, "Closed when the demo's next shift started.")
    except OpRefused:
        return 0
    return 1
