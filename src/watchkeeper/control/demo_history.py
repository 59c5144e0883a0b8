"""Six weeks of closed Camden incidents behind the demo, so the incident list, the response-time
figures, the data pack and the repeat-location views have something true-to-life to show on
first login.

The calls are made up but not arbitrary: places and the category mix are the real Camden crime
points (demo.borough.crime_sample) mapped as in `simulate`; arrivals follow a daily curve (quiet at
dawn, busiest in the evening); grades follow the category's suggested grade; travel times come
from the units' real positions (straight line at urban speeds, with a spread), and a few
Immediate calls are reached late or never, so every figure on the KPI page has something in it.
Written as an importer writes history (incidents, assignments and timeline in bulk, one audit
entry), seeded, and only once: a partnership that already has demo history is left alone.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

from django.utils import timezone

from watchkeeper.control import rules, timeline
from watchkeeper.control.models import (
    Assignment,
    Channel,
    ClosingCode,
    DailyCounter,
    Grade,
    Incident,
    IncidentCategory,
    IncidentEvent,
    Unit,
)
from watchkeeper.control.simulate import CATEGORY_FOR_CRIME, CHANNEL_MIX, CLOSING_MIX
from watchkeeper.core import audit, geo
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry

SOURCE = "demo-history"
DAYS = 42
CALLS_PER_DAY = 60
# Share of a day's calls starting in each hour (00-23): the evening peak of urban demand.
HOURLY = [3, 2, 2, 1, 1, 1, 2, 3, 4, 4, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 5, 4, 3]
K = IncidentEvent.Kind


def load(partnerships: dict, seed: int = 2026) -> dict:
    camden = partnerships.get("safer-camden")
    if camden is None or Incident.objects.filter(partnership=camden, source=SOURCE).exists():
        return {}
    units = list(Unit.objects.filter(partnership=camden).exclude(kind=Unit.Kind.CCTV).exclude(lat=None))
    if not units:
        return {}
    return {"historical_incidents": History(camden, units, random.Random(seed)).write()}


class History:
    def __init__(self, partnership, units: list[Unit], stream: random.Random):
        self.partnership = partnership
        self.units = units
        self.random = stream
        self.grades = {g.code: g for g in Grade.objects.filter(grade_set__active=True)}
        self.categories = {c.code: c for c in IncidentCategory.objects.all()}
        self.closing = {c.code: c for c in ClosingCode.objects.all()}
        self.channels = {c.code: c for c in Channel.objects.all()}
        self.wards = geo.ward_index(partnership.id)
        from watchkeeper.demo.borough import crime_sample

        self.points = [
            p
            for p in crime_sample()
            if p["category"] in CATEGORY_FOR_CRIME and self.wards.ward_at(p["lat"], p["lon"]) is not None
        ]

    def pick(self, mix):
        roll, total = self.random.random(), 0.0
        for value, share in mix:
            total += share
            if roll < total:
                return value
        return mix[-1][0]

    def received_times(self) -> list[datetime]:
        today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        hours = [(h, w / sum(HOURLY)) for h, w in enumerate(HOURLY)]
        times = []
        for back in range(DAYS + 1, 1, -1):  # ending the day before yesterday: every step is in the past
            day = today - timedelta(days=back)
            for _ in range(max(0, round(self.random.gauss(CALLS_PER_DAY, 8)))):
                times.append(day + timedelta(hours=self.pick(hours), seconds=self.random.uniform(0, 3600)))
        return sorted(times)

    def grade_for(self, category: IncidentCategory) -> Grade:
        code = category.default_grade or "S"
        roll = self.random.random()
        if code == "S" and roll < 0.12:
            code = "I"  # the caller's account makes it urgent: a fight still going on
        elif code == "I" and roll < 0.15:
            code = "S"
        elif roll > 0.93:
            code = "R"
        return self.grades.get(code) or self.grades["S"]

    def nearest(self, lat: float, lon: float, skills: list[str]) -> tuple[Unit, float]:
        east, north = geo.to_bng(lat, lon)
        needed = {s.lower() for s in skills}
        able = [u for u in self.units if needed <= {s.lower() for s in u.skills or []}] or self.units

        def metres(unit):
            ue, un = geo.to_bng(unit.lat, unit.lon)
            return math.hypot(ue - east, un - north)

        near = sorted(able, key=metres)[:4]
        unit = self.random.choice(near[:2]) if self.random.random() < 0.3 else near[0]
        return unit, metres(unit)

    def write(self) -> int:
        actor = Actor(None, "demo loader")
        incidents, plans = [], []
        by_day: dict = {}
        for received in self.received_times():
            point = self.random.choice(self.points)
            category = self.categories.get(CATEGORY_FOR_CRIME[point["category"]]) or self.categories["crime"]
            day = timezone.localtime(received).date()
            by_day[day] = by_day.get(day, 0) + 1
            number = by_day[day]
            ward_id = self.wards.ward_at(point["lat"], point["lon"])
            east, north = geo.to_bng(point["lat"], point["lon"])
            grade = self.grade_for(category)
            plan = self.timeline(received, grade, point, category.required_skills or [])
            incidents.append(
                Incident(
                    partnership=self.partnership,
                    district_id=self.wards.district_of(ward_id),
                    reference=rules.reference(number, day),
                    reference_day=day,
                    number=number,
                    received_at=received,
                    recorded_at=received,
                    channel=self.channels[self.pick(CHANNEL_MIX)],
                    location_text=point["street"][:300],
                    location_accuracy=Incident.Accuracy.COORDINATES,
                    lat=point["lat"],
                    lon=point["lon"],
                    easting=east,
                    northing=north,
                    ward_id=ward_id,
                    description=f"Demo history: {point['category'].lower()} reported",
                    category=category,
                    asb_qualifier=category.asb_qualifier,
                    grade=grade,
                    status=Incident.Status.CLOSED,
                    closing_code=self.closing[plan["closing"]],
                    closing_category=category,
                    result=self.closing[plan["closing"]].label,
                    closed_at=plan["closed"],
                    source=SOURCE,
                    external_id=f"{SOURCE}-{len(incidents) + 1}",
                )
            )
            plans.append(plan)
        Incident.objects.bulk_create(incidents, batch_size=500)
        for day, last in by_day.items():  # live intake that day carries on after these numbers
            DailyCounter.objects.update_or_create(partnership=self.partnership, day=day, defaults={"last": last})
        assignments, events = [], []
        for incident, plan in zip(incidents, plans, strict=True):
            events.extend(self.events(incident, plan))
            if plan["unit"] is not None:
                assignments.append(
                    Assignment(
                        incident=incident,
                        unit=plan["unit"],
                        despatched_at=plan["despatched"],
                        en_route_at=plan["despatched"],
                        arrived_at=plan["arrived"],
                        cleared_at=plan["closed"],
                        estimate_seconds=plan["estimate"],
                        estimate_method=rules.STRAIGHT_LINE,
                    )
                )
        Assignment.objects.bulk_create(assignments, batch_size=1000)
        IncidentEvent.objects.bulk_create(events, batch_size=2000)
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            ("control.incident", f"{incidents[0].pk}..{incidents[-1].pk}"),
            fields=["imported"],
            summary=f"Demo history: {len(incidents)} closed incidents over {DAYS} days",
        )
        return len(incidents)

    def timeline(self, received: datetime, grade: Grade, point: dict, skills: list[str]) -> dict:
        """When each step happened for one call (all in the past, in order)."""
        plan = {"graded": received + timedelta(seconds=self.random.uniform(40, 240)), "unit": None}
        plan["despatched"] = plan["arrived"] = None
        plan["estimate"] = None
        if not grade.attend:
            plan["closing"] = self.random.choice(["referred", "resolved-by-phone", "advice-given"])
            plan["closed"] = plan["graded"] + timedelta(minutes=self.random.uniform(5, 40))
            return plan
        unit, metres = self.nearest(point["lat"], point["lon"], skills)
        # Waiting for a free unit: usually short for Immediate, but at busy times the nearest
        # suitable unit is committed elsewhere and the wait is long (what the targets are about).
        queue_minutes, busy_share, busy_wait = {"I": (3, 0.15, (8, 30)), "S": (20, 0.2, (30, 90))}.get(
            grade.code, (240, 0.1, (60, 600))
        )
        wait = self.random.expovariate(1 / queue_minutes)
        if self.random.random() < busy_share:
            wait += self.random.uniform(*busy_wait)
        plan["despatched"] = plan["graded"] + timedelta(minutes=wait)
        drive = 90 + metres / (6.0 if grade.immediate else 4.5) * self.random.lognormvariate(0, 0.4)
        plan["estimate"] = round(metres / 7.0, 1)
        plan["unit"] = unit
        if self.random.random() < 0.03:
            plan["closing"] = "no-trace"  # stood down before arriving: counted as no arrival
            plan["closed"] = plan["despatched"] + timedelta(seconds=drive * 0.5 + 60)
            return plan
        plan["arrived"] = plan["despatched"] + timedelta(seconds=drive)
        plan["closing"] = self.pick(CLOSING_MIX)
        plan["closed"] = plan["arrived"] + timedelta(minutes=self.random.uniform(10, 75))
        return plan

    def events(self, incident: Incident, plan: dict) -> list[IncidentEvent]:
        def ev(kind, at, **payload):
            return timeline.build(incident, kind, at, None, "demo history", **payload)

        grade = incident.grade
        out = [
            ev(
                K.CREATED,
                incident.received_at,
                reference=incident.reference,
                category=incident.category.code,
                channel=incident.channel.code,
                received_at=incident.received_at.isoformat(),
            ),
            ev(K.GRADED, plan["graded"], grade=grade.code, grade_id=grade.pk, rationale="Suggested grade accepted"),
        ]
        unit = plan["unit"]
        if unit is not None:
            out.append(
                ev(
                    K.ASSIGNED,
                    plan["despatched"],
                    unit=unit.pk,
                    call_sign=unit.call_sign,
                    estimate_seconds=plan["estimate"],
                )
            )
            for status, at in (("en_route", plan["despatched"]), ("at_scene", plan["arrived"])):
                if at is not None:  # a unit stood down before it arrived has no at_scene
                    out.append(
                        ev(K.UNIT_STATUS, at, unit=unit.pk, call_sign=unit.call_sign, status=status, unit_status=status)
                    )
        elif not grade.attend:
            out.append(ev(K.RESOLVED, plan["closed"], outcome=plan["closing"], note="Demo history", agency=None))
        out.append(
            ev(
                K.CLOSED,
                plan["closed"],
                closing_code=plan["closing"],
                closing_category=incident.category.code,
                result=incident.result,
                units_cleared=1 if unit is not None else 0,
            )
        )
        return out
