"""The demo's six weeks of history (control/demo_history.py), loaded with the demo borough: closed
incidents whose timelines are in order and in the past, figures a supervisor would recognise,
seen through the KPI API as the duty officer, and invisible to the other partnership."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from watchkeeper.control import demo_history
from watchkeeper.control.models import Assignment, Incident, IncidentEvent
from watchkeeper.core.models import Partnership

ORDER = ["created", "graded", "assigned", "unit_status", "closed"]


def test_history_is_closed_ordered_and_in_the_past(db):
    history = Incident.objects.filter(source=demo_history.SOURCE)
    assert history.count() > demo_history.DAYS * demo_history.CALLS_PER_DAY * 0.8
    assert not history.exclude(status=Incident.Status.CLOSED).exists()
    assert history.values("reference").distinct().count() == history.count()
    assert not Assignment.objects.filter(incident__in=history, cleared_at__isnull=True).exists()
    now = timezone.now()
    steps = defaultdict(list)
    for incident_id, kind, at in IncidentEvent.objects.filter(incident__in=history).values_list(
        "incident_id", "kind", "at"
    ):
        assert at <= now
        steps[incident_id].append((at, kind))
    for events in steps.values():
        kinds = [kind for _, kind in sorted(events, key=lambda e: (e[0], ORDER.index(e[1]) if e[1] in ORDER else 2))]
        assert kinds[0] == "created" and kinds[-1] == "closed"


def test_figures_have_every_case_a_supervisor_looks_for(client, token_for):
    response = client.get("/api/kpis/response", **token_for("duty"))
    assert response.status_code == 200
    figures = response.json()
    immediate = figures["immediate"]
    assert 0.1 < immediate["share_of_incidents"] < 0.3
    assert immediate["no_arrival"] > 0 and immediate["over_30_minutes"] > 0
    shares = {g["grade"]: g["share_within_target"] for g in figures["by_grade"]}
    assert 0.6 < shares["I"] < 0.95 and 0.5 < shares["S"] < 0.95


def test_loading_again_adds_nothing_and_herts_sees_none(db, client, token_for):
    before = Incident.objects.count()
    assert demo_history.load({"safer-camden": Partnership.objects.get(slug="safer-camden")}) == {}
    assert Incident.objects.count() == before
    history = set(Incident.objects.filter(source=demo_history.SOURCE).values_list("pk", flat=True))
    seen = {}
    for user in ("herts-cctv", "dispatcher"):
        response = client.get("/api/incidents?limit=100", **token_for(user))
        assert response.status_code == 200
        seen[user] = {row["id"] for row in response.json()["items"]}
    assert seen["dispatcher"] & history  # the Camden dispatcher does see it ...
    assert not seen["herts-cctv"] & history  # ... the Hertfordshire operator never does
