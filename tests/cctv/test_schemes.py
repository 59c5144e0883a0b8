"""Rapid deployment, retention and compliance, with the factories' small CCTV world."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from watchkeeper.cctv import reminders
from watchkeeper.cctv.cameras import services as cameras
from watchkeeper.cctv.compliance import queries as compliance
from watchkeeper.cctv.deployments import services as deployments
from watchkeeper.cctv.retention import queries as retention_queries
from watchkeeper.cctv.retention import services as retention
from watchkeeper.cctv.retention.models import RecordedDay
from watchkeeper.core.errors import Conflict, Denied, Invalid
from watchkeeper.outbox.models import Message

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def test_a_bid_decided_at_the_jag_is_deployed_for_three_months_and_reviewed_before_its_end(room):
    rapid = cameras.add_camera(
        room.actor(),
        room.partnership.slug,
        room.north.code,
        code="R-1",
        name="Rapid 1",
        kind="rapid",
        lat=51.54,
        lon=-0.14,
    )
    bid = deployments.bid(
        room.actor(),
        room.partnership.slug,
        room.north.code,
        location="Underpass",
        lat=51.541,
        lon=-0.141,
        justification="Repeated ASB at the underpass after dark",
        contact_email="asb@example.org",
    )
    with pytest.raises(Invalid):
        deployments.deploy(room.actor(), bid, "R-1", date(2026, 1, 31))  # not decided yet
    with pytest.raises(Denied):
        deployments.decide(room.actor(), bid, True, date(2026, 1, 20), "Approved by the JAG")  # operators do not decide
    deployments.decide(room.actor(room.controller), bid, True, date(2026, 1, 20), "Approved by the JAG")
    placed = deployments.deploy(room.actor(), bid, "R-1", date(2026, 1, 31))
    assert placed.ends_on == date(2026, 4, 30)  # three calendar months; 31 April does not exist
    rapid.refresh_from_db()
    assert (rapid.lat, rapid.lon) == (51.541, -0.141)
    with pytest.raises(Conflict):
        deployments.deploy(room.actor(), bid, "R-1", date(2026, 2, 1))
    assert reminders.send_due(date(2026, 4, 1)) == {"reviews": 0, "outcomes": 0}  # 29 days before: not yet
    assert reminders.send_due(date(2026, 4, 17))["reviews"] == 1  # within 14 days of the end
    reminders.send_due(date(2026, 4, 18))
    assert Message.objects.filter(key__startswith=f"cctv-deployment-review-{placed.pk}-").count() == 1  # once
    deployments.remove(room.actor(), placed, date(2026, 4, 28))
    assert reminders.send_due(date(2026, 4, 29))["reviews"] == 0


def test_the_retention_job_marks_old_footage_keeps_held_footage_and_certifies(room):
    today = timezone.localdate()
    for back in (45, 40, 35, 10):
        RecordedDay.objects.create(camera=room.cam, day=today - timedelta(days=back))
    held_day = today - timedelta(days=40)
    start = timezone.make_aware(datetime.combine(held_day, time(10)))
    retention.place_hold(
        room.actor(room.controller),
        room.cam,
        start,
        start + timedelta(hours=1),
        "Police investigation",
        today + timedelta(days=30),
    )
    certificates = retention.run(room.actor(), today)
    assert len(certificates) == 1 and certificates[0].day_count == 2
    status = dict(RecordedDay.objects.filter(camera=room.cam).values_list("day", "status"))
    assert status[today - timedelta(days=45)] == "overwritten" and status[today - timedelta(days=35)] == "overwritten"
    assert status[held_day] == "held" and status[today - timedelta(days=10)] == "kept" and status[today] == "kept"
    assert retention.run(room.actor(), today) == []  # nothing more to mark
    rows = {r["camera"].code: r for r in retention_queries.per_camera(room.controller)}
    assert rows["N-01"]["held"] == 1 and rows["N-01"]["actual"] == 11 and rows["N-01"]["expected"] == 31
    with pytest.raises(Invalid):
        retention.place_hold(
            room.actor(room.controller),
            room.cam,
            start,
            start - timedelta(hours=1),
            "bad range",
            today + timedelta(days=1),
        )


def test_the_self_assessment_is_filled_from_the_estate(room):
    cameras.update_camera(
        room.actor(), room.cam, dpia_reference="DPIA-1", signage=True, last_review=timezone.localdate()
    )
    rows = {r["number"]: r for r in compliance.self_assessment(room.controller)}
    assert rows[1]["basis"] == "1 of 2 cameras have a recorded purpose" and rows[1]["status"] == "partly"
    assert rows[2]["status"] == "partly" and rows[10]["status"] == "partly" and rows[4]["status"] == "assess by hand"


def test_a_spot_check_is_recorded_by_page(room, client):
    client.force_login(room.controller)
    body = {
        "partnership": room.partnership.slug,
        "inspector": "Volunteer V",
        "checked_on": "2026-11-02",
        "principle": "3",
        "findings": "Sign missing at the car park",
        "action": "Order a sign",
    }
    assert client.post("/cctv/compliance/", body).status_code == 302
    page = client.get("/cctv/compliance/").content.decode()
    assert "Sign missing at the car park" in page
    from watchkeeper.cctv.compliance.models import SpotCheck

    check = SpotCheck.objects.get(findings="Sign missing at the car park")
    assert client.post("/cctv/compliance/", {"form": "done", "check": check.pk}).status_code == 302
    check.refresh_from_db()
    assert check.action_done_on == date.today()
    assert client.post("/cctv/compliance/", {"form": "done", "check": check.pk}).status_code == 409
    client.force_login(room.partner)
    assert client.post("/cctv/compliance/", body).status_code == 403


def test_a_district_bound_user_cannot_write_into_another_district(room):
    from tests import factories as f
    from watchkeeper.core.audit import Actor
    from watchkeeper.core.roles import Role

    north_operator = f.user(Role.CCTV_OPERATOR, f.agency(room.partnership, district=room.north))
    with pytest.raises(Denied, match="your own district"):
        cameras.add_camera(
            Actor(north_operator),
            room.partnership.slug,
            room.south.code,
            code="X",
            name="X",
            kind="ptz",
            lat=51.5,
            lon=-0.1,
        )
    with pytest.raises(Invalid):
        cameras.add_camera(
            room.actor(room.outsider), room.partnership.slug, None, code="Y", name="Y", kind="ptz", lat=51.5, lon=-0.1
        )


def test_the_partner_dashboard_shows_its_own_districts_survey_with_small_counts_suppressed(room, client):
    from watchkeeper.intel.surveys.models import SurveyResponse

    def answers(district, question, n, positive):
        for i in range(n):
            SurveyResponse.objects.create(
                partnership=room.partnership,
                district=district,
                ward_name="W",
                respondent=f"{district.pk}-{question}-{i}",
                date=date(2026, 10, 1),
                question=question,
                answer="yes" if i < positive else "no",
                positive=i < positive,
            )

    answers(room.north, "Satisfied with the control room", 8, 6)
    answers(room.north, "Would volunteer as a CCTV Inspector", 3, 1)
    answers(room.south, "Southonly question", 9, 9)
    client.force_login(room.partner)
    text = client.get("/cctv/dashboard/export.csv").content.decode()
    assert (
        "survey answers,Satisfied with the control room,8" in text
        and "survey positive share,Satisfied with the control room,75%" in text
    )
    assert (
        "survey answers,Would volunteer as a CCTV Inspector,<5" in text
        and "Would volunteer as a CCTV Inspector,suppressed" in text
    )
    assert (
        "Southonly" not in text
        and "Southonly" not in client.get("/cctv/dashboard/", {"district": room.south.code}).content.decode()
    )


def test_limits_are_dated_rule_data(room):
    from watchkeeper.cctv.limits import Limits, limits_on

    assert limits_on(date(2026, 6, 1)).sar_months == 1 and limits_on(date(2026, 6, 1)).retention_days == 31
    Limits.objects.create(effective_from=date(2027, 1, 1), sar_months=2, retention_days=28)
    assert (limits_on(date(2027, 1, 10)).sar_months, limits_on(date(2027, 1, 10)).retention_days) == (2, 28)
    assert limits_on(date(2026, 12, 31)).sar_months == 1  # the old rule still governs earlier requests
    with pytest.raises(Exception, match="No CCTV limits"):
        limits_on(date(2000, 1, 1))


def test_the_police_are_asked_for_the_outcome_after_a_release(room):
    import io

    from watchkeeper.cctv.evidence import services as evidence

    request = room.police_request()
    master = evidence.register_master(
        room.actor(),
        room.partnership.slug,
        room.north.code,
        exhibit="EX-ASK",
        cameras=["N-01"],
        start=request.start,
        end=request.end,
        clock_offset_s=0,
        seal_number="S",
        upload=io.BytesIO(b"x"),
        filename="x.mkv",
        request_id=request.pk,
    )
    item, _ = evidence.release(room.actor(room.controller), master, request, "DC Ask", "ask@police.example")
    today = timezone.localdate()
    assert reminders.send_due(today + timedelta(days=27))["outcomes"] == 0
    assert reminders.send_due(today + timedelta(days=28))["outcomes"] == 1
    assert Message.objects.filter(key=f"cctv-outcome-{item.pk}").count() == 1
    evidence.record_outcome(room.actor(room.controller), item, "Charged with robbery")
    assert reminders.send_due(today + timedelta(days=40))["outcomes"] == 0
