"""Demo traffic: realistic calls fed through the control-room services so the board lives during a
demo. Places and the category mix are drawn from the real Camden crime points
(demo.borough.crime_sample); each call is graded (the suggested grade), the nearest available
suitable unit is despatched, moves en route -> at scene -> cleared, and the incident is closed.

Everything goes through control.services, so timelines, audit entries and live-board messages are
exactly those of real use: in this process (LocalOps), or, with `--server` and `--token`, through a
running server's REST API as an integration would (ApiOps, control/simulate_ops.py).
Call arrivals are drawn from a seeded random stream (a Poisson process at
`rate` calls a minute), so a seeded run creates the same calls in the same order every time.
"""

from __future__ import annotations

import heapq
import itertools
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from watchkeeper.control.simulate_ops import LocalOps, OpRefused
from watchkeeper.core import geo
from watchkeeper.core.audit import Actor

# police.uk crime type -> the control-room category a call about it opens under.
CATEGORY_FOR_CRIME = {
    "Anti-social behaviour": "asb-nuisance",
    "Public order": "asb-personal",
    "Violence and sexual offences": "violence",
    "Robbery": "robbery",
    "Burglary": "burglary",
    "Other theft": "theft",
    "Theft from the person": "theft",
    "Shoplifting": "theft",
    "Bicycle theft": "theft",
    "Vehicle crime": "theft",
    "Criminal damage and arson": "criminal-damage",
    "Drugs": "drugs",
    "Possession of weapons": "firearms",
    "Other crime": "crime",
}
CHANNEL_MIX = [("999", 0.55), ("101", 0.3), ("online", 0.05), ("cctv", 0.05), ("self", 0.05)]
CLOSING_MIX = [("advice-given", 0.4), ("crime-report", 0.3), ("resolved", 0.15), ("no-trace", 0.1), ("arrest", 0.05)]
RETRY_SECONDS = 60  # a call with no free unit is looked at again a simulated minute later
TAG = "Simulated call"


def crime_points(partnership) -> list[dict]:
    """The bundled real crime points (demo.borough.crime_sample) of the categories a call opens
    under, inside the partnership's wards: where simulated and demo calls are placed."""
    from watchkeeper.demo.borough import crime_sample

    index = geo.ward_index(partnership.id)
    inside = [r for r in crime_sample() if r["category"] in CATEGORY_FOR_CRIME]
    return [r for r in inside if index.ward_at(r["lat"], r["lon"]) is not None]


def send_first_free(ops, incident_id: int) -> dict | None:
    """Assign the first recommended unit that is available and suitable; the option sent, or None
    when no unit could be sent."""
    for option in ops.recommendations(incident_id):
        if not (option["available"] and option["suitable"]):
            continue
        try:
            ops.assign(incident_id, option)
        except OpRefused:
            continue  # taken meanwhile, or needs an authorisation: try the next one
        return option
    return None


@dataclass
class Report:
    created: int = 0
    despatched: int = 0
    arrived: int = 0
    closed: int = 0
    moves: int = 0
    waiting: int = 0
    refused: Counter = field(default_factory=Counter)
    incident_ids: list[int] = field(default_factory=list)


class Simulation:
    """A discrete-event loop on simulated seconds; `speed` simulated seconds pass per real second
    (calls arrive at `rate` a real minute, whatever the speed)."""

    def __init__(
        self, actor: Actor | None, partnership, rate: float, speed: float = 10.0, seed: int | None = None, ops=None
    ):
        self.actor = actor
        self.partnership = partnership
        self.ops = ops or LocalOps(actor, partnership)
        self.rate_per_s = rate / 60.0
        self.speed = speed
        # Two streams: what the calls are (place, category, channel, arrival) never depends on how
        # earlier incidents went, so a seeded run makes the same calls whatever the units do.
        self.random = random.Random(seed)
        self.lifecycle = random.Random(None if seed is None else seed + 1)
        self.queue: list = []
        self.order = itertools.count()
        self.report = Report()
        self.open: set[int] = set()
        self.points = crime_points(self.partnership)

    # --- scheduling -------------------------------------------------------------------------
    def at(self, real_seconds: float, action, *args) -> None:
        heapq.heappush(self.queue, (real_seconds, next(self.order), action, args))

    def after_sim(self, now: float, sim_seconds: float, action, *args) -> None:
        self.at(now + sim_seconds / self.speed, action, *args)

    def run(self, duration: float, drain: float = 120.0) -> Report:
        """Create calls for `duration` real seconds, then let open incidents finish (up to `drain`)."""
        t = 0.0
        while True:
            t += self.random.expovariate(self.rate_per_s) if self.rate_per_s > 0 else duration + 1
            if t >= duration:
                break
            self.at(t, self.new_call)
        started = time.monotonic()
        while self.queue:
            due, _, action, args = heapq.heappop(self.queue)
            if due > duration + drain:
                break
            delay = due - (time.monotonic() - started)
            if delay > 0:
                time.sleep(delay)
            action(due, *args)
        self.report.waiting = len(self.open)
        return self.report

    def pick(self, mix, stream=None):
        roll, total = (stream or self.random).random(), 0.0
        for value, share in mix:
            total += share
            if roll < total:
                return value
        return mix[-1][0]

    # --- the story of one call ----------------------------------------------------------------
    def new_call(self, now: float) -> None:
        point = self.random.choice(self.points)
        category = CATEGORY_FOR_CRIME[point["category"]]
        try:
            made = self.ops.create(
                {
                    "channel": self.pick(CHANNEL_MIX),
                    "category": category,
                    "description": f"{TAG}: {point['category'].lower()}",
                    "lat": point["lat"],
                    "lon": point["lon"],
                    "location_text": point["street"],
                }
            )
            attends = self.ops.grade(made["id"], made["suggested"], f"{TAG}: suggested grade accepted")
        except OpRefused as exc:
            self.report.refused[exc.kind] += 1
            return
        incident_id = made["id"]
        self.report.created += 1
        self.report.incident_ids.append(incident_id)
        self.open.add(incident_id)
        if not attends:
            self.after_sim(now, self.lifecycle.uniform(120, 600), self.close, incident_id, None)
            return
        self.despatch(now, incident_id)

    def despatch(self, now: float, incident_id: int) -> None:
        if not self.ops.incident(incident_id)["open"]:
            return
        option = send_first_free(self.ops, incident_id)
        if option is not None:
            self.report.despatched += 1
            travel = max(60.0, option["seconds"] or 300.0)
            self.after_sim(now, travel / 2, self.move, option["unit_id"], incident_id, 0.5)
            self.after_sim(now, travel, self.arrive, option["unit_id"], incident_id)
            return
        self.after_sim(now, RETRY_SECONDS, self.despatch, incident_id)

    @staticmethod
    def _towards(unit: dict, incident: dict, share: float) -> tuple[float, float]:
        if unit["lat"] is None:
            return incident["lat"], incident["lon"]
        return (
            unit["lat"] + (incident["lat"] - unit["lat"]) * share,
            unit["lon"] + (incident["lon"] - unit["lon"]) * share,
        )

    def move(self, now: float, unit_id: int, incident_id: int, share: float) -> None:
        unit, incident = self.ops.unit(unit_id), self.ops.incident(incident_id)
        if unit["status"] != "en_route":
            return
        lat, lon = self._towards(unit, incident, share)
        self._status(unit_id, "en_route", lat, lon)
        self.report.moves += 1

    def arrive(self, now: float, unit_id: int, incident_id: int) -> None:
        unit, incident = self.ops.unit(unit_id), self.ops.incident(incident_id)
        if unit["status"] != "en_route" or not incident["open"]:
            return
        if self._status(unit_id, "at_scene", incident["lat"], incident["lon"]):
            self.report.arrived += 1
            self.report.moves += 1
        self.after_sim(now, self.lifecycle.uniform(10 * 60, 40 * 60), self.close, incident_id, unit_id)

    def close(self, now: float, incident_id: int, unit_id: int | None) -> None:
        if unit_id is not None:
            self._status(unit_id, "available")
        code = self.pick(CLOSING_MIX, self.lifecycle) if unit_id is not None else "resolved-by-phone"
        try:
            self.ops.close(incident_id, code, f"{TAG}: closed by the simulator")
        except OpRefused as exc:
            self.report.refused[exc.kind] += 1
            return
        self.report.closed += 1
        self.open.discard(incident_id)

    def _status(self, unit_id: int, status: str, lat=None, lon=None) -> bool:
        try:
            self.ops.status(unit_id, status, lat, lon)
        except OpRefused as exc:
            self.report.refused[exc.kind] += 1
            return False
        return True
