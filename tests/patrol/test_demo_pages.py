"""The demo borough's patrol and ANPR pages as the named personas: the officer's phone page, the
council's view of last night's missed tasks and the report, the police's attendance tasks."""

import pytest

from watchkeeper.anpr.ladder.models import AttendanceTask
from watchkeeper.patrol.models import Shift, Visit
from watchkeeper.patrol.proof.services import verify_log

pytestmark = pytest.mark.django_db


def test_the_officer_sees_tonights_tasks_and_only_the_powers_in_force(as_user):
    page = as_user("patrol").get("/patrol/my-shift/").content.decode()
    assert "Next tasks" in page and "Fixed penalty: dropping litter" in page
    assert as_user("handler").get("/patrol/my-shift/").status_code == 403


def test_the_council_sees_last_nights_visits_missed_tasks_and_an_intact_log(as_user):
    shift = Shift.objects.filter(contract__name="Responsive Security Patrol").order_by("service_date").first()
    foot = shift.tasks.filter(team="foot", round=2).count()
    visits = Visit.objects.filter(shift=shift)
    assert visits.count() == min(3, foot) >= 1 and all(v.met_dwell for v in visits)
    assert all(v.task.round == 2 for v in visits)
    assert verify_log(shift) is None
    page = as_user("analyst").get(f"/patrol/shifts/{shift.pk}/").content.decode()
    assert "Missed tasks" in page and "chain intact" in page
    report = as_user("analyst").get("/patrol/report/").content.decode()
    assert "never a target" in report
    assert as_user("partner").get("/patrol/report/").status_code == 403


def test_the_police_see_the_planted_speeders_attendance_windows(as_user):
    tasks = {t.offence.plate: t.window_label() for t in AttendanceTask.objects.select_related("offence")}
    assert set(tasks) >= {"LR19XKD", "GX68TWB", "YT21HPZ"}
    assert tasks["GX68TWB"].startswith(("21:", "22:"))
    page = as_user("duty").get("/anpr/").content.decode()
    assert "LR19XKD" in page and "Prince of Wales Road" in page
    vehicle = as_user("duty").get("/api/anpr/vehicles/LR19XKD").json()
    assert vehicle["keeper"]["name"] == "Dorian Vellacott"
    assert "keeper" not in as_user("analyst").get("/api/anpr/vehicles/LR19XKD").json()
