"""The hypercube for a partnership's patrol units and wards in one hour of the week: call rates per
ward from the demand history, the time a unit is busy per call from the timeline (despatch to
close), and travel times from each unit's post to each ward's centre by the routing engine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from watchkeeper.control.models import Incident, IncidentEvent, Unit
from watchkeeper.core import roads
from watchkeeper.core.models import Ward
from watchkeeper.planning.demand import queries as demand
from watchkeeper.planning.demand import rules as demand_rules
from watchkeeper.planning.patrols import hypercube

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


def picture(
    user, partnership, hour_of_week: int, demand_factor: float = 1.0, units: int | None = None
) -> PatrolPicture:
    """Workloads, shares and travel for `hour_of_week` (0 = Monday 00:00-01:00)."""
    fleet_units = [
        u
        for u in Unit.objects.visible_to(user)
        .filter(partnership=partnership, kind__in=PATROL_KINDS)
        .select_related("home_ward")
        .order_by("call_sign")
        if _post(u) is not None
    ]
    if units is not None:
        fleet_units = fleet_units[: max(units, 0)]
    h = demand.history(user, partnership)
    ward_ids = Incident.objects.none()
    counts: dict[int, float] = {}
    if h.profile is not None:
        lo, hi = hour_of_week * 4, hour_of_week * 4 + 4
        qs = demand.incidents_for(user, partnership).filter(ward__isnull=False)
        for ward_id, received in qs.values_list("ward_id", "received_at"):
            local = received.astimezone(demand.LONDON).replace(tzinfo=None)
            week = (demand_rules.week_start(local) - h.first_week).days // 7
            if 0 <= week < h.weeks and lo <= demand_rules.slot_of(local) < hi:
                counts[ward_id] = counts.get(ward_id, 0) + 1
        ward_ids = list(counts)
    wards = list(Ward.objects.filter(pk__in=ward_ids).order_by("name"))
    weeks = max(h.weeks, 1)
    rates = np.array([counts[w.pk] / weeks / 60.0 for w in wards]) * demand_factor  # per minute
    minutes = job_minutes(user, partnership)
    travel = np.zeros((len(fleet_units), len(wards)))
    for j, ward in enumerate(wards):
        ranked = roads.rank_units(_centre(ward), [(i, *_post(u)) for i, u in enumerate(fleet_units)])
        for row in ranked:
            travel[row.unit_id, j] = row.seconds
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
