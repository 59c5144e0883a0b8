"""Meetings (agenda from cases due, minutes, a Channel panel restricted to its members), action
reminders through the outbox (a second run or a killed worker loses and doubles nothing), the
control room's referral becoming a case, and the reports (page, API and CSV) counting only what the
reader may see."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.control.cad import api, grade, new_incident
from tests.control.cad import post as cad_post
from watchkeeper.cases.core.models import Action, Case, Link
from watchkeeper.cases.core.referrals import open_referred_case
from watchkeeper.cases.meetings.models import Meeting
from watchkeeper.cases.meetings.services import queue_reminders
from watchkeeper.control.models import Incident
from watchkeeper.core.models import Agency, User
from watchkeeper.outbox.models import Message

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_jag_agenda_holds_cases_with_actions_due_and_minutes_are_kept(as_user):
    asb = as_user("asb")
    case = Case.objects.get(
        pk=post(asb, "/api/cases", {"partnership": "safer-camden", "kind": "asb", "title": "Park"}).json()["id"]
    )
    police = Agency.objects.get(slug="met-camden")
    due = (timezone.localdate() + timedelta(days=2)).isoformat()
    assert (
        post(asb, f"/api/cases/{case.pk}/actions", {"agency": police.pk, "text": "Patrol", "due": due}).status_code
        == 201
    )
    held = (timezone.now() + timedelta(days=3)).isoformat()
    meeting = post(asb, "/api/meetings", {"partnership": "safer-camden", "kind": "jag", "held_at": held})
    assert meeting.status_code == 201
    agenda = post(asb, f"/api/meetings/{meeting.json()['id']}/agenda", {})
    assert case.pk in agenda.json()
    assert post(asb, f"/api/meetings/{meeting.json()['id']}/minutes", {"minutes": "Agreed patrols."}).status_code == 200
    assert Meeting.objects.get(pk=meeting.json()["id"]).minutes == "Agreed patrols."
    # A Channel panel meeting cannot be scheduled by others, and is seen only by its attendees.
    assert (
        post(asb, "/api/meetings", {"partnership": "safer-camden", "kind": "channel", "held_at": held}).status_code
        == 400
    )
    panel = post(
        as_user("channel"), "/api/meetings", {"partnership": "safer-camden", "kind": "channel", "held_at": held}
    )
    assert panel.status_code == 201
    assert panel.json()["id"] not in [m["id"] for m in asb.get("/api/meetings").json()["items"]]
    assert panel.json()["id"] in [m["id"] for m in as_user("channel").get("/api/meetings").json()["items"]]


def test_reminders_go_through_the_outbox_once_per_action_and_due_date(as_user, mailoutbox):
    asb = as_user("asb")
    me = User.objects.get(username="asb")
    User.objects.filter(pk=me.pk).update(email="marcus.bell@camden.example")
    case = Case.objects.get(
        pk=post(asb, "/api/cases", {"partnership": "safer-camden", "kind": "asb", "title": "Shop"}).json()["id"]
    )
    due = timezone.localdate().isoformat()
    body = {"agency": me.agency_id, "text": "Call the shop", "due": due, "owner": me.pk}
    action = post(asb, f"/api/cases/{case.pk}/actions", body).json()["id"]
    assert queue_reminders() >= 1
    queue_reminders()  # a second run (or a restart) adds nothing
    key = f"cases.action:{action}:{due}"
    assert Message.objects.filter(key=key).count() == 1
    call_command("worker", "--once")
    assert [m.to for m in mailoutbox if case.reference in m.subject] == [["marcus.bell@camden.example"]]
    assert Message.objects.get(key=key).status == "delivered"


def test_a_control_room_referral_becomes_one_case(as_user):
    created = new_incident(category="admin-other", description="Youths on the estate")
    grade(created["id"], "R")
    answer = cad_post(
        api("handler"), f"/api/incidents/{created['id']}/resolve", {"outcome": "referral", "agency": "camden-asb"}
    )
    assert answer.status_code == 200, answer.content
    call_command("worker", "--once")
    incident = Incident.objects.get(pk=created["id"])
    case = Case.objects.get(source_incident=incident)
    assert case.owner_agency.slug == "camden-asb" and case.restriction == "agencies"
    assert Link.objects.get(case=case).incident == incident
    assert open_referred_case(incident, case.owner_agency) == case  # at least once: a repeat finds it
    assert Case.objects.filter(source_incident=incident).count() == 1
    assert case.pk in [c["id"] for c in as_user("asb").get("/api/cases", {"limit": 500}).json()["items"]]
    assert as_user("idva").get(f"/api/cases/{case.pk}").status_code == 404


def test_reports_count_only_what_the_reader_may_see(as_user):
    asb = as_user("asb")
    post(
        asb, "/api/cases", {"partnership": "safer-camden", "kind": "asb", "title": "Hidden", "restriction": "agencies"}
    )
    overdue = Case.objects.filter(kind="asb").first()
    Action.objects.create(
        case=overdue,
        agency=Agency.objects.get(slug="camden-asb"),
        text="Old",
        due=timezone.localdate() - timedelta(days=30),
        created_at=timezone.now(),
    )
    mine = {(r["kind"], r["agency"]): r["open_cases"] for r in asb.get("/api/case-reports/summary").json()["caseload"]}
    theirs = {
        (r["kind"], r["agency"]): r["open_cases"]
        for r in as_user("idva").get("/api/case-reports/summary").json()["caseload"]
    }
    key = ("asb", "Camden Council ASB Team")
    assert mine[key] == theirs.get(key, 0) + 1  # the agencies-only case counts for its agency alone
    assert asb.get("/api/case-reports/overdue").json()["count"] >= 1
    page = asb.get("/cases/reports/")
    assert page.status_code == 200 and b"Camden Council ASB Team" in page.content
    csv = asb.get("/cases/reports/caseload.csv").content.decode()
    assert csv.startswith("kind,agency,open_cases") and "Camden Council ASB Team" in csv
    assert as_user("handler").get("/cases/reports/").status_code == 403
