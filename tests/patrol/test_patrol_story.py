"""Stories of the patrol service through the API, as the council's contract manager and the
contractor's officer: a night planned from the forecast, proved by positions, checked by the log."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import SQUARE_CENTRE
from tests.patrol.world import build, grant
from watchkeeper.control.models import Incident, IncidentEvent
from watchkeeper.core.models import AuditEntry
from watchkeeper.intel.models import PatrolTasking, PatrolVisit, TaskedCell
from watchkeeper.patrol.models import FixedPenaltyNotice, Indicator, LogEntry, ShiftTask, Visit
from watchkeeper.patrol.proof.services import verify_log

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
JSON = "application/json"


def _forecast(world, night: date) -> list[TaskedCell]:
    tasking = PatrolTasking.objects.create(
        partnership=world.partnership,
        name="Week forecast",
        period_start=night - timedelta(days=3),
        period_end=night + timedelta(days=3),
        method="bjp",
    )
    lat, lon = SQUARE_CENTRE
    return [
        TaskedCell.objects.create(tasking=tasking, rank=1, cell_id=11, lat=lat, lon=lon, risk=0.9),
        TaskedCell.objects.create(tasking=tasking, rank=2, cell_id=12, lat=lat + 0.002, lon=lon + 0.002, risk=0.5),
    ]


def test_a_night_is_planned_patrolled_and_proved(db):
    world = build()
    night = timezone.localdate() - timedelta(days=2)
    cells = _forecast(world, night)
    manager, officer = world.client(world.manager), world.client(world.officer_user)

    made = manager.post("/api/patrol/shifts", {"contract": world.contract.pk, "service_date": str(night)}, JSON)
    assert made.status_code == 201, made.content
    shift_id = made.json()["id"]
    roster = manager.post(f"/api/patrol/shifts/{shift_id}/roster", {"officer": world.officer.pk, "team": "foot"}, JSON)
    assert roster.status_code == 201
    assert officer.post(f"/api/patrol/shifts/{shift_id}/plan", {}, JSON).status_code == 403
    planned = manager.post(f"/api/patrol/shifts/{shift_id}/plan", {"hotspots": 6}, JSON)
    assert planned.status_code == 201, planned.content
    tasks = planned.json()
    assert {t["hotspot"] for t in tasks} == {"cell:11", "cell:12"}
    assert all(t["ward"] == world.ward.name for t in tasks)
    assert all(t["street"] for t in tasks)  # named from the bundled Camden network
    assert manager.post(f"/api/patrol/shifts/{shift_id}/plan", {}, JSON).status_code == 409

    # The officer stays 12 minutes at the first foot task of round 2, one position a minute.
    first = next(t for t in tasks if t["round"] == 2 and t["position"] == 1)
    arrive = datetime.fromisoformat(first["due_from"]) + timedelta(minutes=5)
    points = [
        {"at": (arrive + timedelta(minutes=m)).isoformat(), "lat": first["lat"], "lon": first["lon"]} for m in range(13)
    ]
    points.append({"at": (arrive + timedelta(minutes=14)).isoformat(), "lat": 51.53, "lon": -0.12})
    sent = officer.post("/api/patrol/positions", {"points": points}, JSON)
    assert sent.status_code == 201, sent.content
    visit = Visit.objects.get(shift_id=shift_id)
    assert (visit.hotspot, visit.dwell_seconds, visit.met_dwell) == (first["hotspot"], 720, True)
    assert ShiftTask.objects.get(pk=first["id"]).visit == visit
    # Built on intel's tasking: the same visit is recorded against the forecast cell.
    assert PatrolVisit.objects.get(pk=visit.intel_visit_id).cell in cells

    # Missed tasks are visible to the council the same night: every past task but the attended one.
    missed = manager.get(f"/api/patrol/shifts/{shift_id}/missed").json()
    assert len(missed) == len(tasks) - 1 and first["id"] not in {t["id"] for t in missed}
    assert f"Missed tasks ({len(missed)})" in manager.get(f"/patrol/shifts/{shift_id}/").content.decode()

    # The log is chained; rewriting an entry (even with its own hash recomputed) is detected.
    assert manager.get(f"/api/patrol/shifts/{shift_id}/log/verify").json() == {"intact": True, "first_break": None}
    kinds = list(LogEntry.objects.filter(shift_id=shift_id).values_list("kind", flat=True))
    assert kinds == ["planned", "positions", "visit"]
    LogEntry.objects.filter(shift_id=shift_id, kind="visit").update(payload={"dwell_seconds": 900})
    assert verify_log(visit.shift) == 3
    assert manager.get(f"/api/patrol/shifts/{shift_id}/log/verify").json()["first_break"] == 3
    assert AuditEntry.objects.filter(object_type="patrol.shift", object_id=str(shift_id)).count() >= 3


def test_positions_outside_a_rostered_shift_are_refused(db):
    world = build()
    at = datetime.now(UTC) - timedelta(days=1)
    body = {"points": [{"at": at.replace(hour=12).isoformat(), "lat": 51.54, "lon": -0.14}]}
    refused = world.client(world.officer_user).post("/api/patrol/positions", body, JSON)
    assert refused.status_code == 400
    assert "outside the service hours" in refused.json()["detail"]


def _on_shift_now(world):
    manager = world.client(world.manager)
    today = timezone.localdate()
    shift_id = manager.post(
        "/api/patrol/shifts", {"contract": world.contract.pk, "service_date": str(today)}, JSON
    ).json()["id"]
    manager.post(f"/api/patrol/shifts/{shift_id}/roster", {"officer": world.officer.pk, "team": "vehicle"}, JSON)
    return shift_id


def test_powers_notices_video_and_hand_over(db):
    world = build(shift_start=time(0, 0), shift_end=time(0, 0))  # a 24-hour contract: on shift now
    _on_shift_now(world)
    today = timezone.localdate()
    grant(world.officer, "fpn-litter", today + timedelta(days=100))
    grant(world.officer, "fpn-dog-fouling", today - timedelta(days=1))  # lapsed: not offered
    officer, manager = world.client(world.officer_user), world.client(world.manager)

    assert [p["code"] for p in officer.get("/api/patrol/my-powers").json()] == ["fpn-litter"]
    notice = {"recipient_name": "A Person", "recipient_address": "1 High St", "lat": 51.54, "lon": -0.14}
    lapsed = officer.post("/api/patrol/notices", {**notice, "power": "fpn-dog-fouling", "video_running": True}, JSON)
    assert lapsed.status_code == 400
    issued = officer.post("/api/patrol/notices", {**notice, "power": "fpn-litter", "video_running": True}, JSON)
    assert issued.status_code == 201
    fpn = FixedPenaltyNotice.objects.get(pk=issued.json()["id"])
    assert (fpn.status, fpn.amount, fpn.events.count()) == ("issued", 100, 1)
    assert "A Person" not in manager.get("/api/patrol/notices").content.decode()  # lists carry no recipient

    clip = {"reference": "BWV-0001", "sha256": "ab" * 32, "started_at": timezone.now().isoformat(), "notice": fpn.pk}
    assert officer.post("/api/patrol/clips", clip, JSON).status_code == 201
    assert (
        officer.post("/api/patrol/clips", {**clip, "reference": "BWV-2", "sha256": "zz" * 32}, JSON).status_code == 400
    )

    # The council processes the notice; the state machine refuses an impossible step.
    assert officer.post(f"/api/patrol/notices/{fpn.pk}/status", {"status": "paid"}, JSON).status_code == 403
    assert manager.post(f"/api/patrol/notices/{fpn.pk}/status", {"status": "paid"}, JSON).status_code == 200
    assert manager.post(f"/api/patrol/notices/{fpn.pk}/status", {"status": "cancelled"}, JSON).status_code == 409
    assert list(fpn.events.values_list("to_status", flat=True)) == ["issued", "paid"]

    # An incident from the phone is a control-room incident; handing it over is one action.
    lat, lon = SQUARE_CENTRE
    body = {"category": "asb-nuisance", "notes": "Group shouting at residents, 22:10.", "lat": lat, "lon": lon}
    logged = officer.post("/api/patrol/incidents", body, JSON)
    assert logged.status_code == 201, logged.content
    incident = Incident.objects.get(patrol_record__pk=logged.json()["id"])
    assert incident.channel.code == "self" and incident.partnership == world.partnership
    assert officer.post(f"/api/patrol/incidents/{logged.json()['id']}/handover", {}, JSON).status_code == 200
    note = IncidentEvent.objects.filter(incident=incident, kind=IncidentEvent.Kind.NOTE).last()
    assert "Handed to the police" in str(note.payload)
    from watchkeeper.sharing.disclosures.models import Disclosure

    shared = Disclosure.objects.get(reference=incident.reference)
    assert shared.lawful_basis == "dpa_part3" and shared.disclosed_by == world.officer_user
    assert officer.post(f"/api/patrol/incidents/{logged.json()['id']}/handover", {}, JSON).status_code == 409


def test_the_fine_volume_can_never_have_a_target(db):
    world = build()
    Indicator.objects.create(contract=world.contract, code="payment_rate", target=80)
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(contract=world.contract, code="notices_issued", target=50)
    figures = {f["code"]: f for f in world.client(world.manager).get("/api/patrol/report").json()}
    assert figures["notices_issued"]["target"] is None and figures["notices_issued"]["status"] == "no target"
    assert figures["payment_rate"]["target"] == 80
    pdf = world.client(world.manager).get("/patrol/report/", {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv = world.client(world.manager).get("/patrol/report/", {"format": "csv"}).content.decode()
    assert "notices_issued" in csv and "never a target" in csv


def test_the_phone_page_forms(db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    world = build(shift_start=time(0, 0), shift_end=time(0, 0))
    shift_id = _on_shift_now(world)
    grant(world.officer, "fpn-litter", timezone.localdate() + timedelta(days=100))
    officer = world.client(world.officer_user)
    page = officer.get("/patrol/my-shift/").content.decode()
    assert "Issue the notice" in page and "Fixed penalty: dropping litter" in page
    lat, lon = SQUARE_CENTRE
    logged = officer.post(
        "/patrol/my-shift/incident/", {"category": "asb-nuisance", "notes": "Noise", "lat": lat, "lon": lon}
    )
    assert (
        logged.status_code == 302
        and Incident.objects.filter(channel__code="self", partnership=world.partnership).count() == 1
    )
    notice = {"power": "fpn-litter", "recipient_name": "B", "recipient_address": "2 Road", "lat": lat, "lon": lon}
    assert officer.post("/patrol/my-shift/notice/", {**notice, "video_running": "on"}).status_code == 302
    assert FixedPenaltyNotice.objects.get(shift__contract=world.contract).video_running is True
    refused = officer.post("/patrol/my-shift/notice/", {**notice, "power": "fpn-graffiti"})
    assert refused.status_code == 400 and FixedPenaltyNotice.objects.filter(shift__contract=world.contract).count() == 1
    now = timezone.now().replace(microsecond=0) - timedelta(minutes=30)
    track = "time,lat,lon\n" + "".join(f"{(now + timedelta(minutes=m)).isoformat()},{lat},{lon}\n" for m in range(3))
    upload = SimpleUploadedFile("walk.csv", track.encode(), content_type="text/csv")
    assert officer.post("/patrol/my-shift/track/", {"track": upload}).status_code == 302
    assert LogEntry.objects.filter(shift_id=shift_id, kind="positions", payload__source="csv").exists()
    bad = SimpleUploadedFile("walk.csv", b"time,lat,lon\nyesterday,1,2\n", content_type="text/csv")
    answer = officer.post("/patrol/my-shift/track/", {"track": bad})
    assert answer.status_code == 400 and "line 2" in answer.content.decode()
