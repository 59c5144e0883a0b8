"""Planning stories on the demo borough: the duty officer plans the week from Camden's incidents,
asks what if, builds rosters (call handlers; patrol within the contract window) through the pages
and the API; people without the planning grant are refused."""

import csv
import io
from datetime import date, timedelta

import pytest

from watchkeeper.core.models import AuditEntry
from watchkeeper.planning.patrols.queries import week_requirement
from watchkeeper.planning.rosters.models import Roster
from watchkeeper.planning.rosters.solver import HOURS, Rules, check

pytestmark = pytest.mark.django_db


def next_monday() -> str:
    today = date.today()
    return (today + timedelta(days=7 - today.weekday())).isoformat()


def test_duty_officer_sees_the_week_with_charts_and_downloads_it(as_user):
    duty = as_user("duty")
    page = duty.get("/planning/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Forecast calls next week" in text and 'data-chart="demand-data"' in text
    assert "plotly.min.js" in text and "<script>" not in text  # no inline script under the CSP
    rows = list(csv.reader(io.StringIO(duty.get("/planning/week.csv").content.decode())))
    assert rows[0][:3] == ["slot", "weekday_time", "forecast_calls"] and len(rows) == 673
    week = duty.get("/api/planning/week").json()
    assert len(week["slots"]) == 672 and week["weeks"] >= 1
    assert "90% in 10 s" in week["target"]
    busy = [s for s in week["slots"] if s["forecast_calls"] > 0]
    assert busy and all(s["service_level"] >= 0.9 for s in busy)


def test_what_if_shows_changes_beside_plan_and_what_was_achieved(as_user):
    page = as_user("inspector").get(
        "/planning/what-if/", {"hour_of_week": 116, "demand_percent": 150, "agents": 1, "units": 3}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="whatif"' in text and 'data-testid="achieved"' in text
    bad = as_user("inspector").get("/planning/what-if/", {"hour_of_week": 999, "demand_percent": -5})
    assert bad.status_code == 400


def test_patrol_hypercube_for_an_evening_hour(as_user):
    body = as_user("analyst").get("/api/planning/patrols", {"hour_of_week": 116}).json()
    assert body["problem"] or body["workloads"]
    if body["workloads"]:
        assert all(0 <= w["workload"] < 1 for w in body["workloads"])
        assert body["mean_travel_seconds"] > 0


def test_duty_officer_builds_a_patrol_roster_inside_the_contract_window(as_user):
    duty = as_user("duty")
    before = AuditEntry.objects.count()
    response = duty.post(
        "/api/planning/rosters",
        {"partnership": "safer-camden", "team": "patrol", "staff": 8, "week_start": next_monday(), "name": "Patrol"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    roster = Roster.objects.get(pk=response.json()["id"])
    assert roster.created_by.username == "duty" and len(roster.requirement) == HOURS
    assert check(roster.shifts, Rules(window=(16, 3))) == []
    assert all(s["start_hour"] in (16, 17, 18, 19) for s in roster.shifts)
    assert AuditEntry.objects.count() > before
    assert AuditEntry.objects.filter(summary__startswith="Roster Patrol").exists()
    page = duty.get(f"/planning/rosters/{roster.pk}/")
    assert page.status_code == 200 and 'data-chart="roster-data"' in page.content.decode()
    rows = list(csv.reader(io.StringIO(duty.get(f"/planning/rosters/{roster.pk}/shifts.csv").content.decode())))
    assert rows[0] == ["roster", "team", "week_start", "person", "week", "day", "start", "hours"]
    assert len(rows) == len(roster.shifts) + 1 and {r[6] for r in rows[1:]} <= {"16:00", "17:00", "18:00", "19:00"}
    # The requirement is the hypercube's units per hour inside the 16:00-03:00 window, none outside.
    need = week_requirement(roster.created_by, roster.partnership)
    window = {h for h in range(HOURS) if h % 24 >= 16 or h % 24 < 3}
    assert roster.requirement == [n.units if h in window else 0 for h, n in enumerate(need.hours)]
    assert any(roster.requirement)


def test_duty_officer_sees_the_patrol_units_each_hour_needs(as_user):
    page = as_user("duty").get("/planning/patrols/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-chart="patrol-data"' in text and "80% of calls reached within 10 min" in text
    assert text.count("<tr><td>") == 168 and "outside the patrol contract" in text


def test_a_four_week_call_handler_roster_keeps_the_average_week(as_user):
    answer = as_user("duty").post(
        "/api/planning/rosters",
        {"partnership": "safer-camden", "team": "call_handlers", "staff": 30, "weeks": 4, "week_start": next_monday()},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    roster = Roster.objects.get(pk=answer.json()["id"])
    assert roster.weeks == 4 and len(roster.requirement) == 4 * HOURS == len(roster.cover)
    assert check(roster.shifts, Rules(), weeks=4) == []
    assert {s["week"] for s in roster.shifts} == {0, 1, 2, 3}
    page = as_user("duty").get(f"/planning/rosters/{roster.pk}/").content.decode()
    assert "a 4-week cycle" in page and "Week 4 " in page
    too_long = as_user("duty").post(
        "/api/planning/rosters",
        {"partnership": "safer-camden", "team": "patrol", "staff": 3, "weeks": 9, "week_start": next_monday()},
        content_type="application/json",
    )
    assert too_long.status_code == 422


def test_roster_form_refuses_a_tuesday_and_saves_nothing(as_user):
    tuesday = (date.fromisoformat(next_monday()) + timedelta(days=1)).isoformat()
    count = Roster.objects.count()
    page = as_user("duty").post("/planning/rosters/", {"team": "call_handlers", "staff": 10, "week_start": tuesday})
    assert page.status_code == 400 and "Monday" in page.content.decode()
    assert Roster.objects.count() == count


def test_the_demo_has_a_call_handler_roster(as_user):
    roster = Roster.objects.filter(name__startswith="Demo").first()
    assert roster is not None and roster.shifts
    assert check(roster.shifts, Rules()) == []


@pytest.mark.parametrize("username", ["handler", "patrol", "partner", "auditor"])
def test_people_without_planning_are_refused(as_user, username):
    assert as_user(username).get("/planning/").status_code == 403
    assert as_user(username).get("/api/planning/week").status_code == 403


def test_administrator_keeps_the_rule_data(as_user):
    admin = as_user("admin")
    assert admin.get("/admin/planning/servicetarget/").status_code == 200
    assert "999" in admin.get("/admin/planning/servicetarget/").content.decode()


def test_the_week_can_be_planned_for_each_queues_target(as_user):
    analyst = as_user("analyst")
    cctv = analyst.get("/planning/", {"queue": "cctv"}).content.decode()
    assert "80% in 30 s" in cctv
    assert analyst.get("/planning/", {"queue": "telex"}).status_code == 400
