"""The hypercube for a partnership's patrol units and wards in one hour of the week (and the units each
hour needs to meet the response target, planning.patrols.requirement): call rates per
ward from the demand history, the time a unit is busy per call from the timeline (despatch to
close), and travel times from each unit's post to each ward's centre by the routing engine."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.core.cache import cache
from django.utils import timezone

from watchkeeper.control.models import IncidentEvent, Unit
from watchkeeper.core import roads
from watchkeeper.core.models import Ward
from watchkeeper.planning.demand import queries as demand
from watchkeeper.planning.demand import rules as demand_rules
from watchkeeper.planning.patrols import hypercube, requirement
from watchkeeper.planning.patrols.models import PatrolTarget

PATROL_KINDS = (Unit.Kind.RESPONSE, Unit.Kind.FOOT_PATROL, Unit.Kind.HOT_SPOT, Unit.Kind.SNT)
DEFAULT_JOB_MINUTES = 45.0


@dataclass
class PatrolPicture:
    units: list  # Unit rows
    wards: list  # Ward rows
    rates: np.ndarray  # calls per minute per ward
    job_minutes: float
    travel: np.ndarray  # (units, wards) seconds
    solution: hypercube.Solution | None
    problem: str = ""

    @property
    def mean_travel_seconds(self) -> float | None:
        if self.solution is None or self.rates.sum() == 0:
            return None
        return self.solution.mean_travel(self.travel, self.rates)


def _centre(ward) -> tuple[float, float]:
    return ((ward.min_lat + ward.max_lat) / 2, (ward.min_lon + ward.max_lon) / 2)


def _post(unit) -> tuple[float, float] | None:
    if unit.home_ward_id is not None:
        return _centre(unit.home_ward)
    if unit.lat is not None and unit.lon is not None:
        return (unit.lat, unit.lon)
    return None


def job_minutes(user, partnership) -> float:
    """Mean minutes from first despatch to close over the recent closed incidents."""
    incidents = demand.incidents_for(user, partnership).filter(closed_at__isnull=False).order_by("-received_at")
    closed = dict(incidents.values_list("pk", "closed_at")[:2000])
    first: dict[int, object] = {}
    for pk, at in (
        IncidentEvent.objects.filter(incident_id__in=list(closed), kind="assigned")
        .values_list("incident_id", "at")
        .order_by("at")
    ):
        first.setdefault(pk, at)
    spans = [(closed[pk] - at).total_seconds() / 60 for pk, at in first.items() if closed[pk] > at]
    spans = [s for s in spans if s < 24 * 60]
    return float(np.mean(spans)) if spans else DEFAULT_JOB_MINUTES


def _fleet(user, partnership, units: int | None = None) -> list:
    found = [
        u
        for u in Unit.objects.visible_to(user)
        .filter(partnership=partnership, kind__in=PATROL_KINDS)
        .select_related("home_ward")
        .order_by("call_sign")
        if _post(u) is not None
    ]
    return found if units is None else found[: max(units, 0)]


def _ward_counts(user, partnership, h) -> dict[int, np.ndarray]:
    """Calls per ward in each hour of the week (168 counts) over the history's whole weeks."""
    counts: dict[int, np.ndarray] = {}
    if h.profile is None:
        return counts
    qs = demand.incidents_for(user, partnership).filter(ward__isnull=False)
    for ward_id, received in qs.values_list("ward_id", "received_at"):
        local = received.astimezone(demand.LONDON).replace(tzinfo=None)
        week = (demand_rules.week_start(local) - h.first_week).days // 7
        if 0 <= week < h.weeks:
            counts.setdefault(ward_id, np.zeros(168))[demand_rules.slot_of(local) // 4] += 1
    return counts


def _travel(fleet_units: list, wards: list) -> np.ndarray:
    """Seconds from each unit's post to each ward's centre by the routing engine."""
    travel = np.zeros((len(fleet_units), len(wards)))
    for j, ward in enumerate(wards):
        ranked = roads.rank_units(_centre(ward), [(i, *_post(u)) for i, u in enumerate(fleet_units)])
        for row in ranked:
            travel[row.unit_id, j] = row.seconds
    return travel


def picture(
    user, partnership, hour_of_week: int, demand_factor: float = 1.0, units: int | None = None
) -> PatrolPicture:
    """Workloads, shares and travel for `hour_of_week` (0 = Monday 00:00-01:00)."""
    fleet_units = _fleet(user, partnership, units)
    h = demand.history(user, partnership)
    counts = {w: c[hour_of_week] for w, c in _ward_counts(user, partnership, h).items() if c[hour_of_week]}
    wards = list(Ward.objects.filter(pk__in=list(counts)).order_by("name"))
    weeks = max(h.weeks, 1)
    rates = np.array([counts[w.pk] / weeks / 60.0 for w in wards]) * demand_factor  # per minute
    minutes = job_minutes(user, partnership)
    travel = _travel(fleet_units, wards)
    pic = PatrolPicture(fleet_units, wards, rates, minutes, travel, None)
    if not fleet_units or not wards or rates.sum() == 0:
        pic.problem = "No patrol units with a post, or no calls in this hour, to model."
        return pic
    try:
        fleet = hypercube.Fleet.of(rates, hypercube.preferences_from_travel(travel), mu=1.0 / minutes)
        pic.solution = hypercube.solve(fleet)
    except ValueError as exc:
        pic.problem = str(exc)
    return pic


def target_in_force(at: date | None = None) -> requirement.Target:
    row = PatrolTarget.objects.in_force({}, at or timezone.localdate())
    if row is None:  # no rule data yet: the default the migration seeds
        return requirement.Target(600, 0.8, 0.6, "80% of calls reached within 10 min (default)")
    return requirement.Target(row.travel_seconds, row.share, row.max_workload, str(row))


@dataclass
class WeekNeed:
    hours: list  # requirement.HourNeed for each of the 168 hours
    target: requirement.Target
    units: int  # patrol units with a post
    job_minutes: float


def week_requirement(user, partnership, at: date | None = None) -> WeekNeed | None:
    """Patrol units each hour of the week needs to meet the response target (None: no history)."""
    h = demand.history(user, partnership)
    if h.profile is None:
        return None
    fleet_units = _fleet(user, partnership)
    counts = _ward_counts(user, partnership, h)
    wards = list(Ward.objects.filter(pk__in=list(counts)).order_by("name"))
    target = target_in_force(at)
    minutes = job_minutes(user, partnership)
    if not fleet_units or not wards:
        return WeekNeed([requirement.HourNeed(0, False, 0.0, 0.0, 0.0)] * 168, target, len(fleet_units), minutes)
    rates = np.stack([counts[w.pk] for w in wards], axis=1) / max(h.weeks, 1) / 60.0  # (168, wards)
    hours = _week_cached(rates, _travel(fleet_units, wards), minutes, target)
    return WeekNeed(hours, target, len(fleet_units), minutes)


# Bump when requirement.py or hypercube.py change their answers, so cached weeks are not reused.
MODEL_VERSION = 1
WEEK_CACHE_SECONDS = 7 * 24 * 3600


def _week_cached(rates: np.ndarray, travel: np.ndarray, minutes: float, target: requirement.Target) -> list:
    """requirement.week, solved once per distinct input: the 168 hypercube solves take seconds, and
    the inputs (calls per ward and hour, travel from each post, job length, the target in force)
    change only when the history, the fleet or the rule data do. The key is those inputs
    themselves, so a change is a new key and nothing has to be invalidated; users who see
    different incidents or units get different inputs and so different entries."""
    digest = hashlib.sha256()
    for part in (rates, travel):
        digest.update(str(part.shape).encode())
        digest.update(np.ascontiguousarray(part, dtype=np.float64).tobytes())
    digest.update(repr((MODEL_VERSION, round(minutes, 9), target)).encode())
    key = f"planning:patrol-week:{digest.hexdigest()}"
    hours = cache.get(key)
    if hours is None:
        hours = requirement.week(rates, travel, minutes, target)
        cache.set(key, hours, WEEK_CACHE_SECONDS)
    return hours
